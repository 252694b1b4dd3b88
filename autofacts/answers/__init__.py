"""The questions: facts for a metric, two periods compared, targets judged, figures derived, a fact's citation."""
