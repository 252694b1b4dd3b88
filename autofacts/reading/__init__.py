"""Reading what a figure in an article measures: cue lexicons and the one resolver for both languages."""
