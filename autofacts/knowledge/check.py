"""Validation: plain functions, each returning the problems it finds, run together by check_knowledge_base.

The rules on facts and metrics are listed in RULES and take the knowledge base alone; the rules
on the seeds (E114 hashes, E120 quotes, E141 excluded passages) take the texts, read once through
seeds.py (which reports E112); the rules on a file's shape (E100-E107) are the loader's.

The rules together prove mechanically that every fact is what its source says: its quote stands
verbatim in the seed, its value is one of the numbers the quote states (in base units), its
qualifier is the hedge word the quote uses, and facts from different sources do not contradict.
"""

from __future__ import annotations

import bisect
import hashlib
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from autofacts.knowledge.interval import Interval
from autofacts.knowledge.model import Fact, KnowledgeBase, Location, Problem, Source
from autofacts.knowledge.parallel import spread_over
from autofacts.knowledge.seeds import read_seeds, seed_label
from autofacts.reading.mentions import Mention
from autofacts.reading.numbers import read_numbers
from autofacts.reading.text import normalise


def check_references(kb: KnowledgeBase) -> list[Problem]:
    """Every fact names a metric and a source that exist; growth_of, part, whole and multiple_of name
    metrics; `restates` names other sources; `revises` names an earlier release of the same figure.

    A source or metric refused for an error of its own (an impossible date, an unknown measure) is
    not unknown: what names it is counted, and said in one line after that error, not once each."""
    problems = []
    waiting: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for metric in kb.metrics.values():
        for key in ("growth_of", "part", "whole", "multiple_of"):
            named = getattr(metric, key)
            if named is not None and named not in kb.metrics:
                if ("metric", named) in kb.refused:
                    waiting["metric", named]["metric"] += 1
                    continue
                where = metric.location or Location("?", 0, 0)
                problems.append(Problem(where, "E110", f"metric '{metric.id}': {key} names unknown metric '{named}'"))
        if (metric.part is None) != (metric.whole is None):
            where = metric.location or Location("?", 0, 0)
            problems.append(Problem(where, "E110", f"metric '{metric.id}': part and whole go together"))
    for source in kb.sources.values():
        problems.extend(_restates_problems(kb, source, waiting))
    problems.extend(_restates_cycles(kb))
    by_id = {f.id: f for f in kb.facts}
    for fact in kb.facts:
        if fact.metric not in kb.metrics:
            if ("metric", fact.metric) in kb.refused:
                waiting["metric", fact.metric]["fact"] += 1
            else:
                problems.append(Problem(fact.where("metric"), "E110", f"unknown metric '{fact.metric}'"))
        if fact.source not in kb.sources:
            if ("source", fact.source) in kb.refused:
                waiting["source", fact.source]["fact"] += 1
            else:
                problems.append(Problem(fact.where("source"), "E111", f"unknown source '{fact.source}'"))
        if fact.revises is not None:
            why = _revision_problem(kb, fact, by_id.get(fact.revises))
            if why:
                problems.append(Problem(fact.where("revises"), "E135", why))
    for (what, named), counts in waiting.items():
        problems.append(_waiting_on(what, named, kb.refused[what, named], counts))
    return problems


def _waiting_on(what: str, named: str, root: Location, counts: dict[str, int]) -> Problem:
    """One line, at the error that refused a source or metric, for everything that names it."""
    verb = {"fact": "citing" if what == "source" else "of", "source": "restating", "metric": "naming"}
    said = [f"{n} {kind}{'' if n == 1 else 's'} {verb[kind]} it" for kind in verb if (n := counts.get(kind, 0))]
    message = (
        f"{what} '{named}' is invalid (the error at {root}): {' and '.join(said)} "
        f"{'is' if sum(counts.values()) == 1 else 'are'} not checked against it until it is fixed"
    )
    return Problem(root, "E111" if what == "source" else "E110", message)


def _restates_problems(
    kb: KnowledgeBase, source: Source, waiting: dict[tuple[str, str], dict[str, int]] | None = None
) -> list[Problem]:
    """`restates` names other sources that exist, none of which restates this one back (a copy of a
    copy is fine; two texts each copied from the other cannot be); one naming a source refused for
    its own error is counted in `waiting` instead."""
    where = source.location or Location("?", 0, 0)
    problems = []
    for named in source.restates:
        other = kb.sources.get(named)
        if named == source.id:
            problems.append(Problem(where, "E136", f"source '{source.id}' cannot restate itself"))
        elif other is None and waiting is not None and ("source", named) in kb.refused:
            waiting["source", named]["source"] += 1
        elif other is None:
            problems.append(Problem(where, "E111", f"source '{source.id}' restates unknown source '{named}'"))
        elif source.id in other.restates:
            message = f"sources '{source.id}' and '{named}' each say they restate the other; only one can"
            problems.append(Problem(where, "E136", message))
    return problems


def _restates_cycles(kb: KnowledgeBase) -> list[Problem]:
    """Sources restating each other round a loop of three or more (A restates B, B restates C, C
    restates A): no text in the loop is the original, so none could be cited. One problem per loop,
    at the first of its sources (a loop of two is _restates_problems' own)."""
    graph = {s.id: [o for o in s.restates if o in kb.sources and o != s.id] for s in kb.sources.values()}
    problems, seen = [], set()
    for start in sorted(graph):
        if start in seen:
            continue
        loop = _loop_through(graph, start)
        if loop is None:
            continue
        seen.update(loop)
        first = kb.sources[start]
        shown = " -> ".join([*loop, start])
        message = f"sources restate each other in a loop: {shown}; one of them must be the original"
        problems.append(Problem(first.location or Location("?", 0, 0), "E136", message))
    return problems


def _loop_through(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """A path start -> ... -> start of three or more sources, none repeated, if there is one
    (depth-first; each source is entered once, so the search is linear in the restates named)."""
    path, entered = [start], {start}
    stack = [iter(graph[start])]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            stack.pop()
            path.pop()
            continue
        if step == start and len(path) >= 3:
            return path
        if step not in entered:
            entered.add(step)
            path.append(step)
            stack.append(iter(graph[step]))
    return None


def _revision_problem(kb: KnowledgeBase, fact: Fact, first: Fact | None) -> str | None:
    """Why `fact` cannot be a revision of the fact it names, or None when it can."""
    if first is None:
        return f"revises unknown fact '{fact.revises}'"
    if first is fact:
        return f"'{fact.id}' cannot revise itself"
    if _cell(first) + (first.period.start, first.period.end) != _cell(fact) + (fact.period.start, fact.period.end):
        return f"'{fact.id}' revises '{first.id}', which states another figure (metric, region, period or kind)"
    before, after = kb.sources.get(first.source), kb.sources.get(fact.source)
    if before is not None and after is not None and before.published.start > after.published.start:
        return f"'{fact.id}' revises '{first.id}', which was published after it"
    return None


def check_publication_dates(kb: KnowledgeBase, today: date | None = None) -> list[Problem]:
    """No source is published after today: its date anchors the periods of its facts ("In December"
    in a text dated 2099-01-01 is 2098-12), and `--as-of` would never reach it."""
    today = today or date.today()
    problems = []
    for source in kb.sources.values():
        if source.published.start > today:
            where = source.published_at or source.location or Location("?", 0, 0)
            message = f"source '{source.id}' is published {source.published}, after today ({today})"
            problems.append(Problem(where, "E116", message))
    return problems


def check_metric_dimensions(kb: KnowledgeBase) -> list[Problem]:
    """No two metrics have the same dimensions: extract looks a metric up by them, and two would
    make it guess."""
    problems = []
    seen: dict[tuple[tuple[str, str], ...], str] = {}
    for metric in kb.metrics.values():
        if not metric.dimensions:
            continue
        first = seen.setdefault(metric.dimensions, metric.id)
        if first != metric.id:
            said = ", ".join(f"{k}: {v}" for k, v in metric.dimensions)
            where = metric.location or Location("?", 0, 0)
            problems.append(Problem(where, "E113", f"metric '{metric.id}' has the dimensions of '{first}' ({said})"))
    return problems


def seed_hash(text: str) -> str:
    """The SHA-256 of a seed's text as UTF-8 (what `add` records; `sha256sum` of the seed file gives the same)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_seed_hashes(kb: KnowledgeBase, seeds: dict[str, str]) -> list[Problem]:
    """A seed registered with its hash still has that hash: quotes were checked against the text as added."""
    problems = []
    for source in kb.sources.values():
        text = seeds.get(source.id)
        if source.sha256 is None or text is None:
            continue
        actual = seed_hash(text)
        if actual != source.sha256.lower():
            where = source.location or Location("?", 0, 0)
            message = (
                f"seed file '{source.file}' was edited after it was registered: its sha256 is {actual[:12]}…, "
                f"the source records {source.sha256[:12]}… "
                "(restore the text, or record the new hash if the edit is right)"
            )
            problems.append(Problem(where, "E114", message))
    return problems


def check_quotes(kb: KnowledgeBase, seeds: dict[str, str]) -> list[Problem]:
    """Every quote occurs verbatim in its source's seed; so does every excluded passage."""
    problems = []
    normalised = {source_id: normalise(text) for source_id, text in seeds.items()}
    for source in kb.sources.values():
        if source.id not in normalised:
            continue
        for ex in source.excluded:
            passage = ex.text if ex.text is not None else ex.start
            if normalise(passage or "") not in normalised[source.id]:
                where = ex.location or Location("?", 0, 0)
                problems.append(
                    Problem(
                        where,
                        "E141",
                        f'excluded passage not found in {seed_label(kb, source.file)}: "{_clip(passage or "")}"',
                    )
                )
    # Facts quote their seed mostly in its order: each quote is looked for from where the one before
    # it in that seed ended, then (not found there) in the whole text; found anywhere is found.
    after: dict[str, int] = {}
    for fact in kb.facts:
        text = normalised.get(fact.source)
        if text is None:
            continue  # the missing seed or source is reported once, elsewhere
        quote = normalise(fact.quote)
        at = text.find(quote, after.get(fact.source, 0))
        if at < 0:
            at = text.find(quote)
        if at >= 0:
            after[fact.source] = at + len(quote)
        else:
            file = seed_label(kb, kb.sources[fact.source].file)
            problems.append(
                Problem(fact.where("quote"), "E120", f'quote not found verbatim in {file}: "{_clip(fact.quote)}"')
            )
    return problems


# Reading a quote's numbers is most of `check`'s work: from this many facts on, it is spread over
# the cores (parallel.py); the problems come back in the same order.
PARALLEL_FACTS = 4000


def check_values(kb: KnowledgeBase) -> list[Problem]:
    """The value is a number the quote states, and the qualifier is the one it states it with; a
    range's two ends are the two ends of one range the quote states."""
    if len(kb.facts) < PARALLEL_FACTS:
        return _value_problems(kb.facts, 0, len(kb.facts))
    return spread_over(_value_problems, kb.facts, len(kb.facts))


def _value_problems(facts: list[Fact], start: int, end: int) -> list[Problem]:
    """check_values' problems for facts[start:end]."""
    problems = []
    # Several facts often quote one sentence, one after another: read it once. Only the latest
    # quotes are kept, so a large base's readings are not all held at once.
    read: dict[str, list[Mention]] = {}
    for fact in facts[start:end]:
        if fact.value is None:
            continue
        if fact.quote not in read:
            if len(read) >= 64:
                read.clear()
            read[fact.quote] = read_numbers(fact.quote)
        mentions = [m for m in read[fact.quote] if m.value == fact.value]
        if fact.upper is not None and mentions and not any(m.upper == fact.upper for m in mentions):
            ranges = ", ".join(f"'{m.text}'" for m in read_numbers(fact.quote) if m.upper is not None) or "none"
            problems.append(
                Problem(
                    fact.where("upper"),
                    "E121",
                    f"range {_plain(fact.value)} to {_plain(fact.upper)} is not a range the quote states "
                    f"(it states: {ranges})",
                )
            )
            continue
        if not mentions:
            stated = ", ".join(dict.fromkeys(_plain(m.value) for m in read_numbers(fact.quote))) or "none"
            problems.append(
                Problem(
                    fact.where("value"),
                    "E121",
                    f"value {_plain(fact.value)} is not a number the quote states (it states: {stated})",
                )
            )
            continue
        if not any(m.qualifier == fact.qualifier for m in mentions):
            said = " / ".join(dict.fromkeys(m.qualifier for m in mentions))
            words = ", ".join(f"'{m.text}'" for m in mentions)
            problems.append(
                Problem(
                    fact.where("qualifier" if "qualifier" in fact.field_locations else "value"),
                    "E122",
                    f"qualifier '{fact.qualifier}' does not match the quote: {words} is stated as '{said}'",
                )
            )
    return problems


def check_periods(kb: KnowledgeBase) -> list[Problem]:
    """An outcome was over before its source reported it; a multiple's base precedes its period."""
    problems = []
    for fact in kb.facts:
        source = kb.sources.get(fact.source)
        if source and fact.kind == "actual" and fact.period.end > source.published.end:
            problems.append(
                Problem(
                    fact.where("period"),
                    "E133",
                    f"actual figure for {fact.period} from a source published {source.published}: "
                    "use kind 'forecast' or 'estimate', or correct the period",
                )
            )
        if fact.compared_with is not None and fact.compared_with.end >= fact.period.start:
            problems.append(
                Problem(
                    fact.where("compared_with"),
                    "E130",
                    f"compared_with {fact.compared_with} does not precede the period {fact.period}",
                )
            )
    return problems


# Measures that cannot be negative, and those that are shares of a whole.
_NON_NEGATIVE = {"flow", "stock", "share", "multiple", "rank", "count", "duration", "level"}


def check_value_ranges(kb: KnowledgeBase) -> list[Problem]:
    """Counts, flows and stocks are not negative; a share is at most 100 %; a rank starts at 1."""
    problems = []
    for fact in kb.facts:
        metric = kb.metrics.get(fact.metric)
        if metric is None or fact.value is None:
            continue
        value = _plain(fact.value)
        if metric.measure in _NON_NEGATIVE and fact.value < 0:
            message = f"value {value} is negative, and a {metric.measure} cannot be"
        elif metric.measure == "share" and fact.value > 100:
            message = f"value {value} is over 100 %, and a share cannot be"
        elif metric.measure == "rank" and fact.value < 1:
            message = f"value {value} is not a rank (ranks start at 1)"
        else:
            continue
        problems.append(Problem(fact.where("value"), "E134", message))
    return problems


def _cell(fact: Fact) -> tuple[str, str, str | None, str]:
    return (fact.metric, fact.region, fact.entity, fact.kind)


class _Disjoint:
    """Intervals indexed by their bounds, to find the ones lying wholly below or above another in
    O(log n + found) rather than by comparing every pair (10,000 facts in one cell: 50 million pairs).

    A bound is kept as (value, 0 if open else 1, position); `_before(hi, lo)` in interval.py holds
    for hi < lo, or hi == lo with either end open, which is a prefix of that order.
    """

    def __init__(self, intervals: list[Interval]) -> None:
        self.highs = sorted((iv.hi, 0 if iv.hi_open else 1, n) for n, iv in enumerate(intervals) if iv.hi is not None)
        self.lows = sorted((-iv.lo, 0 if iv.lo_open else 1, n) for n, iv in enumerate(intervals) if iv.lo is not None)

    def below(self, iv: Interval) -> list[int]:
        """Positions of the intervals that end before `iv` begins."""
        if iv.lo is None:
            return []
        at = bisect.bisect_right(self.highs, (iv.lo, 2 if iv.lo_open else 1))
        return [n for _, _, n in self.highs[:at]]

    def above(self, iv: Interval) -> list[int]:
        """Positions of the intervals that begin after `iv` ends."""
        if iv.hi is None:
            return []
        at = bisect.bisect_right(self.lows, (-iv.hi, 2 if iv.hi_open else 1))
        return [n for _, _, n in self.lows[:at]]


def check_partial_periods(kb: KnowledgeBase) -> list[Problem]:
    """A flow over part of a period cannot exceed the flow over the whole of it."""
    problems = []
    groups: dict[tuple[str, str, str | None, str], list[Fact]] = defaultdict(list)
    for fact in kb.facts:
        metric = kb.metrics.get(fact.metric)
        if metric is not None and metric.measure == "flow" and fact.value is not None:
            groups[_cell(fact)].append(fact)
    for facts in groups.values():
        position = {id(f): n for n, f in enumerate(facts)}
        by_period: dict[tuple[date, date], list[Fact]] = defaultdict(list)
        for fact in facts:
            by_period[(fact.period.start, fact.period.end)].append(fact)
        periods = sorted(by_period, key=lambda span: (span[0], span[1]))
        starts = [span[0] for span in periods]
        wholes: dict[tuple[date, date], _Disjoint] = {}  # indexed when a period is found inside it
        exceeded: dict[int, list[Fact]] = defaultdict(list)  # a part's position -> the wholes it exceeds
        for span in periods:
            whole_facts, whole_period = by_period[span], by_period[span][0].period
            # Periods inside this one start within it; same-span periods are not parts of it.
            first, last = bisect.bisect_left(starts, span[0]), bisect.bisect_right(starts, span[1])
            for inner in periods[first:last]:
                inner_period = by_period[inner][0].period
                if inner == span or not whole_period.contains(inner_period) or whole_period.same_span(inner_period):
                    continue
                index = wholes.get(span)
                if index is None:
                    index = wholes[span] = _Disjoint([_interval(f) for f in whole_facts])
                for part in by_period[inner]:
                    for n in index.below(_interval(part)):
                        exceeded[position[id(part)]].append(whole_facts[n])
        for n in sorted(exceeded):
            part = facts[n]
            for whole in sorted(exceeded[n], key=lambda w: position[id(w)]):
                problems.append(
                    Problem(
                        part.where("value"),
                        "E132",
                        f"'{part.id}' ({part.period}) exceeds '{whole.id}' for the whole of {whole.period}",
                    )
                )
    return problems


def _interval(fact: Fact) -> Interval:
    assert fact.interval is not None  # facts with a value have one
    return fact.interval


def _figure(fact: Fact) -> tuple[object, ...]:
    return _cell(fact) + (fact.period.start, fact.period.end)


def _same_figure(facts: list[Fact]) -> list[list[Fact]]:
    """The facts with a value that state one figure (metric, region, entity, kind, span), two or more
    to a group, each group in file order and the groups in the order of their first facts.

    Most figures are stated once: facts are first grouped by the hash of that key, which is not kept
    (a base of 100,000 facts held 100,000 key tuples, 20 MB), then a group that shares a hash is
    split by the key itself."""
    by_hash: dict[int, list[Fact] | Fact] = {}
    for fact in facts:
        if fact.value is None:
            continue
        key = hash(_figure(fact))
        seen = by_hash.get(key)
        if seen is None:
            by_hash[key] = fact
        elif isinstance(seen, list):
            seen.append(fact)
        else:
            by_hash[key] = [seen, fact]
    groups: list[list[Fact]] = []
    for seen in by_hash.values():
        if isinstance(seen, list):
            split: dict[tuple[object, ...], list[Fact]] = defaultdict(list)
            for fact in seen:
                split[_figure(fact)].append(fact)
            groups.extend(group for group in split.values() if len(group) >= 2)
    return groups


def check_conflicts(kb: KnowledgeBase) -> list[Problem]:
    """Two sources stating the same figure must agree within what their qualifiers allow."""
    problems = []
    for facts in _same_figure(kb.facts):
        intervals = [_interval(f) for f in facts]
        index = _Disjoint(intervals)
        for j, b in enumerate(facts):
            earlier = sorted(i for i in index.below(intervals[j]) + index.above(intervals[j]) if i < j)
            for i in earlier:
                a = facts[i]
                # a revision is meant to differ from the release it corrects
                revision = b.revises == a.id or a.revises == b.id
                if a.source != b.source and not revision:
                    problems.append(
                        Problem(
                            b.where("value"),
                            "E131",
                            f"'{b.id}' ({b.qualifier} {_plain(b.value)}) contradicts '{a.id}' "
                            f"({a.qualifier} {_plain(a.value)}, at {a.location})",
                        )
                    )
    return problems


Rule = Callable[[KnowledgeBase], list[Problem]]
RULES: tuple[Rule, ...] = (
    check_references,
    check_publication_dates,
    check_metric_dimensions,
    check_values,
    check_value_ranges,
    check_periods,
    check_partial_periods,
    check_conflicts,
)


def check_fact(kb: KnowledgeBase, fact: Fact) -> list[Problem]:
    """The rules that judge one fact alone, against its quote, metric and source (E121, E122, E130,
    E133, E134): curation asks them of a candidate before it is filed, so a curator hears of a wrong
    qualifier or value at the edit, not at the final check."""
    one = KnowledgeBase(kb.root, kb.seeds_dir, kb.sources, kb.metrics, [fact])
    return _value_problems([fact], 0, 1) + check_value_ranges(one) + check_periods(one)


def check_knowledge_base(kb: KnowledgeBase) -> list[Problem]:
    """Every problem in the knowledge base: the loader's, then each rule's, in file order."""
    seeds, problems = read_seeds(kb)
    problems = list(kb.problems) + problems + check_seed_hashes(kb, seeds) + check_quotes(kb, seeds)
    del seeds  # the texts (as large as the facts' quotes together) are not needed by the rules below
    for rule in RULES:
        problems.extend(rule(kb))
    return sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.column, p.code))


def _plain(value: object) -> str:
    text = format(value, "f") if value is not None else "?"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
