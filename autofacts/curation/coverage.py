"""Coverage: which numbers in each source a fact cites, which are deliberately left out, and which
are missing.

A number counts as cited when a fact of that source quotes the passage it stands in and has its
value. Passages left out on purpose (encyclopedia notes, phone numbers) are listed in the source
catalogue with a reason, so that "100 % covered" is a claim that means something.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from autofacts.knowledge.model import Exclusion, Fact, KnowledgeBase, Source
from autofacts.reading.mentions import Mention
from autofacts.reading.text import figure_mentions, line_of, locate


@dataclass(frozen=True)
class MentionStatus:
    """One number in a source and what became of it."""

    mention: Mention
    line: int
    status: str  # "cited", "excluded" or "missing"
    by: tuple[str, ...] = ()  # the facts citing it, or the exclusion's reason


@dataclass(frozen=True)
class SourceCoverage:
    source: Source
    mentions: tuple[MentionStatus, ...]

    def count(self, status: str) -> int:
        return sum(1 for m in self.mentions if m.status == status)

    @property
    def percent(self) -> Decimal:
        """Cited or deliberately excluded, as a share of all mentions (100 when there are none)."""
        total = len(self.mentions)
        if total == 0:
            return Decimal(100)
        return (Decimal(total - self.count("missing")) * 100 / total).quantize(Decimal("0.1"))


def exclusion_spans(text: str, exclusions: tuple[Exclusion, ...]) -> list[tuple[int, int, Exclusion]]:
    """Where each exclusion applies in the text (none when its passage is not found)."""
    spans = []
    for ex in exclusions:
        if ex.start is not None:
            found = locate(ex.start, text)
            if found:
                spans.append((found[0], len(text), ex))
            continue
        assert ex.text is not None
        rest, offset = text, 0
        while (found := locate(ex.text, rest)) is not None:
            spans.append((offset + found[0], offset + found[1], ex))
            rest, offset = rest[found[1] :], offset + found[1]
    return spans


def source_coverage(kb: KnowledgeBase, source: Source, text: str, facts: list[Fact] | None = None) -> SourceCoverage:
    """Every figure in one source's text, marked cited, excluded or missing (`facts`: the source's own,
    when the caller has them grouped already)."""
    own = [f for f in kb.facts if f.source == source.id] if facts is None else facts
    quoted: list[tuple[int, int, int, Fact]] = []  # start, end, the fact's place in `own`, the fact
    for n, fact in enumerate(own):
        if fact.value is not None:
            where = locate(fact.quote, text)
            if where is not None:
                quoted.append((where[0], where[1], n, fact))
    quoted.sort(key=lambda q: q[0])
    excluded = exclusion_spans(text, source.excluded)
    out = []
    # One sweep in text order: `active` holds the quotes that cover the current figure, so each figure
    # looks only at the quotes around it, not at every quote of the source.
    active: list[tuple[int, int, Fact]] = []  # end, place, fact
    next_quote = 0
    for m in figure_mentions(text):
        while next_quote < len(quoted) and quoted[next_quote][0] <= m.start:
            _, end, n, fact = quoted[next_quote]
            heapq.heappush(active, (end, n, fact))
            next_quote += 1
        while active and active[0][0] <= m.start:
            heapq.heappop(active)
        covering = sorted((n, f) for _, n, f in active)
        citing = tuple(f.id for _, f in covering if f.value == m.value)
        if citing:
            out.append(MentionStatus(m, line_of(text, m.start), "cited", citing))
            continue
        reasons = tuple(ex.reason for s, e, ex in excluded if s <= m.start and m.end <= e)
        status = "excluded" if reasons else "missing"
        out.append(MentionStatus(m, line_of(text, m.start), status, reasons[:1]))
    return SourceCoverage(source, tuple(out))


def knowledge_base_coverage(kb: KnowledgeBase, seeds: dict[str, str]) -> list[SourceCoverage]:
    """Coverage of every source whose seed could be read (`seeds`: raw text by source id)."""
    by_source: dict[str, list[Fact]] = defaultdict(list)
    for fact in kb.facts:
        by_source[fact.source].append(fact)
    return [source_coverage(kb, kb.sources[sid], text, by_source[sid]) for sid, text in sorted(seeds.items())]
