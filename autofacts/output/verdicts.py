"""The answer to `targets`: each verdict with its outcome, what it rests on and what a projection
needs, as a table and a JSON document. The text helpers (outcome_text, status_text, verdict_detail)
are shared with the HTML report.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from autofacts.answers.projection import Method
from autofacts.knowledge.model import DERIVED_MARK, Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import Period, in_words
from autofacts.knowledge.units import format_interval, format_stated, json_number, significant
from autofacts.output import Answer
from autofacts.output.answers import metric_label, percent_text
from autofacts.output.derivations import operation_text
from autofacts.output.notes import corroboration
from autofacts.output.records import (
    cited_sources,
    derivation_json,
    fact_record,
    interval_json,
    region_label,
    short_value,
    stated_value,
)
from autofacts.output.table import SEP, Column, Report
from autofacts.reasons import Reason, ReasonKind

if TYPE_CHECKING:  # only for annotations: the targets' arithmetic is imported by whoever built the report
    from autofacts.answers.targets import Projection, TargetReport, TargetVerdict


def outcome_text(v: TargetVerdict) -> str:
    if v.outcome is None:
        return "—"
    if v.projection is not None:
        return stated_value(v.projection.ytd, v.metric) + f" in {in_words(v.projection.ytd.period)}"
    if v.derived:
        return format_interval(v.outcome, v.metric.unit)
    fact = v.outcome_facts[0]
    return stated_value(fact, v.metric)


def coverage_text(p: Projection, period: Period) -> str:
    """How much of the period the data cover, and, apart from that, whether the period is over."""
    months = p.ytd.period.months
    when = "ended" if p.ended else "ends"
    return f"data cover {in_words(p.ytd.period)}, {months} of {period.months} months ({period} {when} {period.end})"


def needed_growth_text(v: TargetVerdict, p: Projection) -> str | None:
    """'to reach the target Aug–Dec 2025 must be at least -7.229 % on Aug–Dec 2024; Jan–Jul 2025 grew +12 %'."""
    if p.needed_growth is None or p.remaining is None:
        return None
    bound = "at most" if v.target.ceiling or v.target.qualifier in ("under", "at-most") else "at least"
    last = p.remaining.shifted_years(-1)
    text = (
        f"to reach the target {in_words(p.remaining)} must be {bound} "
        f"{percent_text(p.needed_growth)} on {in_words(last)}"
    )
    if p.ytd_growth is not None:
        text += f"; {in_words(p.ytd.period)} grew {percent_text(p.ytd_growth)}"
    return text


def level_text(fact: Fact, metric: Metric) -> str:
    """A level a verdict rests on: as stated, or derived ("12.86 million vehicles † = 40.9 % × ...")."""
    if fact.derived_from is not None:
        d = fact.derived_from
        return f"{format_interval(d.interval, metric.unit)} {DERIVED_MARK} = {operation_text(d)}"
    return format_stated(fact.value or Decimal(0), fact.qualifier, metric.unit, fact.upper)


def _basis(p: Projection, metric: Metric) -> str:
    """How last year's same months were known: "January-November 2024 as reported, and 2024's 31.4 million"."""
    if p.seasonal_basis is None:
        return ""
    last_ytd, last_full = p.seasonal_basis
    d = last_ytd.derived_from
    months = in_words(last_ytd.period) + (f" {DERIVED_MARK} = {operation_text(d)}" if d else " as reported")
    return f"{months}, and {last_full.period}'s {level_text(last_full, metric)}"


def verdict_detail(v: TargetVerdict) -> str:
    parts = []
    p = v.projection
    if p is not None:
        unit = v.metric.unit
        parts.append(coverage_text(p, v.target.period))
        needs = needed_growth_text(v, p)
        if needs:
            parts.append(needs)
        if p.method is Method.YTD_GROWTH:
            parts.append(f"projected from the year-to-date growth, {percent_text(p.projected)}")
        if p.seasonal is not None:
            parts.append(f"same months last year → {format_interval(p.seasonal, unit)} ({_basis(p, v.metric)})")
        if p.run_rate is not None:
            parts.append(f"run rate → {format_interval(p.run_rate, unit)} (context: it ignores seasons)")
        if v.status != "met" and p.needed is not None:
            parts.append(f"still needed {format_interval(p.needed, unit)}")
    note = reason_text(v)
    if note:
        parts.append(note)
    return "; ".join(parts)


def _stated_reason(r: Reason) -> str:
    return corroboration(r.agreeing, r.restates, r.restated_by)


def reason_text(v: TargetVerdict) -> str:
    """The verdict's reason in words ("" when it has none): the one place these sentences are written."""
    r, metric = v.reason, v.metric
    if r is None:
        return ""
    base = r.metric
    if r.kind is ReasonKind.QUALITATIVE:
        return "qualitative goal"
    if r.kind is ReasonKind.CONFLICT:
        low, high = r.facts
        return f"the evidence conflicts: {level_text(low, metric)} and {level_text(high, metric)}"
    if r.kind is ReasonKind.NEEDS_LEVELS and base is not None:
        return f"needs {' and '.join(f'{base.id} {y}' for y in r.years)} to derive the growth"
    if r.kind is ReasonKind.CANNOT_DIVIDE and base is not None:
        return f"cannot divide by {base.id} {r.years[0]}"
    if r.kind is ReasonKind.FROM_LEVELS and base is not None:
        (this, last), (year, before) = r.facts, r.years
        return f"derived from {base.id} {year} ({level_text(this, base)}) and {before} ({level_text(last, base)})"
    if r.kind is ReasonKind.STATED:
        chain = [f"{level_text(r.facts[0], metric)} agrees within rounding"] if r.facts else []
        return ", ".join(filter(None, [_stated_reason(r), *chain]))
    if r.kind is ReasonKind.DERIVED:
        used = r.facts[0]
        assert used.derived_from is not None
        text = f"{DERIVED_MARK} {operation_text(used.derived_from)}"
        if len(r.facts) > 1:
            text += f"; stated: {level_text(r.facts[1], metric)} ({r.facts[1].source})"
        return text
    if r.kind is ReasonKind.ALREADY_REACHED:
        return f"already reached by {r.period}"
    if r.kind is ReasonKind.PERIOD_ENDS:
        return f"the period ends {r.day}"
    if r.kind is ReasonKind.NOT_REPORTED:
        return f"no reported {v.target.metric} for {r.period}"
    return r.kind.value


def status_text(v: TargetVerdict) -> str:
    return f"{v.status} (projected)" if v.projected else v.status


def _targets_table(kb: KnowledgeBase, report: TargetReport) -> Report:
    rows = []
    facts: list[Fact] = []
    for v in report.verdicts:
        facts.append(v.target)
        facts.extend(v.outcome_facts)
        region = region_label(v.target)
        share = v.percent_of_target
        rows.append(
            {
                "period": v.target.period.label,
                "region": region,
                "where": f"{region}, {in_words(v.target.period)}",
                "metric": v.metric.id,
                "name": metric_label(v.metric, True),
                "target": stated_value(v.target, v.metric),
                "target_short": short_value(v.target, v.metric),
                "outcome": outcome_text(v),
                "outcome_short": _short_outcome(v),
                "of_target": ""
                if share is None
                else percent_text(share, signed=False) + (" of target so far" if v.projected else " of target"),
                "of_target_short": ""
                if share is None
                else percent_text(share, signed=False, short=True) + ("\nso far" if v.projected else ""),
                "status": status_text(v),
                "status_short": f"projected\n{v.status}"
                if v.projected
                else v.status.replace(" ", "\n", 1)
                if v.status == "not measurable"
                else v.status,
                "sources": SEP.join(dict.fromkeys(f.source for f in (v.target, *v.outcome_facts))),
                "note": verdict_detail(v),
            }
        )
    cols = [
        Column("period", "period", min_width=4, in_heading=True),
        Column("region", "region", join_to="period", in_heading=True),
        Column("metric", "metric", short="name"),
        Column("target", "target", "right", wrap=False, short="target_short"),
        Column("outcome", "outcome", "right", wrap=False, short="outcome_short"),
        Column("of_target", "of target", "right", wrap=False, short="of_target_short"),
        Column("status", "status", wrap=False, short="status_short"),
        Column("sources", "sources", cite=True, min_width=3),
        Column("note", "note", aside=True),
    ]
    counts = report.counts()
    summary = ", ".join(
        f"{n} {s}"
        for s, n in counts.items()
        if n or s in ("met", "missed", "on track", "off track", "no data", "pending")
    )
    year = f" for {report.year}" if report.year is not None else ""
    footer = [f"{len(report.verdicts)} target(s){year}, as of {report.as_of}: {summary}"]
    return Report(
        f"Targets{year} (as of {report.as_of})", cols, rows, footer, cited_sources(kb, facts), group_by="where"
    )


def _short_outcome(v: TargetVerdict) -> str:
    """The outcome's compact form: "> 16 M", or a year-to-date figure over its months ("2.4981 M\nJan–Nov 2025")."""
    if v.outcome is None:
        return "—"
    if v.projection is not None:
        return short_value(v.projection.ytd, v.metric) + "\n" + in_words(v.projection.ytd.period)
    if v.derived:
        return format_interval(v.outcome, v.metric.unit, short=True)
    return short_value(v.outcome_facts[0], v.metric)


def _targets_document(kb: KnowledgeBase, report: TargetReport) -> dict[str, Any]:
    def projection(v: TargetVerdict) -> dict[str, Any] | None:
        p = v.projection
        if p is None:
            return None
        return {
            "ytd_fact": p.ytd.id,
            "ytd_period": p.ytd.period.label,
            "covered_percent": json_number(significant(p.covered * 100, 10)),
            "period_ended": p.ended,
            "method": p.method.value,
            "projected_outcome": interval_json(p.projected),
            "run_rate": interval_json(p.run_rate),
            "seasonal": interval_json(p.seasonal),
            "seasonal_basis": _basis(p, v.metric) or None,
            "still_needed": interval_json(p.needed),
            "remaining_period": p.remaining.label if p.remaining else None,
            "needed_growth_percent": interval_json(p.needed_growth),
            "ytd_growth_percent": interval_json(p.ytd_growth),
        }

    return {
        "as_of": report.as_of.isoformat(),
        "year": report.year,
        "targets": [
            {
                "target": fact_record(kb, v.target),
                "status": v.status,
                "projected": v.projected,
                "outcome": interval_json(v.outcome),
                "outcome_period": v.outcome_period.label if v.outcome_period else None,
                "outcome_derived": v.derived,
                "outcome_facts": [f.id for f in v.outcome_facts],
                "derived_from": [derivation_json(f) for f in v.outcome_facts if f.derived_from is not None],
                "percent_of_target": interval_json(v.percent_of_target),
                "percent_of_target_basis": v.percent_basis,
                "projection": projection(v),
                "missing": list(v.missing),
                "note": reason_text(v) or None,
            }
            for v in report.verdicts
        ],
        "summary": report.counts(),
    }


@dataclass(frozen=True)
class TargetsAnswer(Answer):
    """`targets`: the verdict on each target."""

    kb: KnowledgeBase
    report: TargetReport

    def table(self) -> Report:
        return _targets_table(self.kb, self.report)

    def document(self) -> dict[str, Any]:
        return _targets_document(self.kb, self.report)
