"""`autofacts search`: facts matching every word of a query, in the metric's names (and the
lexicon's words for its dimensions, in both languages), the region, the period, the quote.

Apart from query.py so that `show`, `compare` and `targets` never load the lexicon (YAML) they do not use."""

from __future__ import annotations

from autofacts.errors import UsageError
from autofacts.knowledge.model import Fact, KnowledgeBase, sort_key
from autofacts.reading.lexicon import dimension_words


def search_facts(kb: KnowledgeBase, query: str) -> list[tuple[int, Fact]]:
    """Facts matching every word of the query, best first.

    A word found in the metric (id, name, aliases) weighs 3, in the region or entity 2, in the
    period 2, in the quote or note 1; a fact must match every word somewhere.
    """
    words = [w for w in query.lower().split() if w]
    if not words:
        raise UsageError("search needs at least one word")
    metric_words = {
        m.id: " ".join([m.id, *m.aliases, m.name, *dimension_words(m.dimensions)]).lower() for m in kb.metrics.values()
    }
    hits = []
    for fact in kb.facts:
        fields = (
            # the lexicon's words for its dimensions too, so that "渗透率" finds the NEV share in either language
            (3, metric_words.get(fact.metric) or fact.metric.lower()),
            (2, f"{fact.region} {fact.entity or ''}".lower()),
            (2, fact.period.label.lower()),
            (1, " ".join(fact.quote.split()).lower()),
            (1, (fact.note or "").lower()),
        )
        score = 0
        for word in words:
            weights = [weight for weight, text in fields if word in text]
            if not weights:
                break
            score += sum(weights)
        else:
            hits.append((score, fact))
    return sorted(hits, key=lambda h: (-h[0], sort_key(kb, h[1])))
