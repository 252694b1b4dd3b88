"""Filing review decisions: each decision one transaction on the review file and the facts file.

A candidate and the fact it becomes are one record in two files: accepting appends the fact to
facts/SOURCE.yaml and takes the candidate out of review/SOURCE.yaml in the same transaction
(transaction.py), so after a kill at any instant the candidate is either still waiting and not
filed, or filed and gone; resuming never files it twice. Each decision re-reads the review file
under the base's lock and applies only to the candidate as the curator saw it: when another review
session decided or changed it meanwhile, the decision is refused (Stale) and nothing is written.
Fact ids are chosen under the lock against every fact file as it is then, so two sessions never
pick the same id. "Refused" always means nothing was written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from autofacts.curation.curate import (
    METRICS_FILE,
    CurateError,
    _replace_checked,
    append_item,
    base_of,
    folded,
    read_text,
    review_dir,
    review_path,
    scalar,
)
from autofacts.curation.review_file import Draft, ReviewFile, read_review, review_yaml
from autofacts.errors import UsageError
from autofacts.knowledge.model import MEASURES, KnowledgeBase, Metric
from autofacts.knowledge.names import check_id, shown
from autofacts.knowledge.seeds import seed_label
from autofacts.transaction import confine, transaction


class Stale(CurateError):
    """The candidate was decided or changed in another review session since it was shown."""


def waiting_reviews(kb: KnowledgeBase) -> list[tuple[str, int]]:
    """Each source with candidates waiting for review, and how many."""
    folder = review_dir(kb)
    if not folder.is_dir():
        return []
    waiting = []
    for path in sorted(folder.glob("*.yaml")):
        review = read_review(review_path(kb, path.stem))
        waiting.append((review.source_id, len(review.drafts)))
    return waiting


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fact_id(draft: Draft, taken: set[str]) -> str:
    """An id in the bundled base's style (region or company, metric, period, kind), unique in `taken`."""
    who = _slug(draft.entity or draft.region or "")
    when = "" if draft.period in (None, "-") else _slug(draft.period or "")
    parts = [p for p in (who, draft.metric or "", when) if p]
    if draft.kind != "actual":
        parts.append(draft.kind)
    base = "-".join(parts)
    chosen, n = base, 2
    while chosen in taken:
        chosen, n = f"{base}-{n}", n + 1
    return chosen


def fact_lines(draft: Draft, fid: str) -> list[str]:
    """A fact in the layout of the shipped facts files (qualifier only when not exact)."""
    from autofacts.knowledge.parse import FACT_SCHEMA

    lines = [f"- id: {fid}", f"  metric: {draft.metric}", f"  region: {scalar(draft.region or '')}"]
    if draft.entity:
        lines.append(f"  entity: {scalar(draft.entity)}")
    if draft.period not in (None, "-"):
        lines.append(f"  period: {draft.period}")
    lines += [f"  kind: {draft.kind}", f"  value: {draft.value}"]
    if draft.upper is not None and "upper" in FACT_SCHEMA:
        lines.append(f"  upper: {draft.upper}")
    if draft.qualifier != "exact":
        lines.append(f"  qualifier: {draft.qualifier}")
    lines += f"  quote: {folded(draft.quote, '    ', width=98)}".split("\n")
    return lines


def facts_header(source_id: str, seed: str, title: str) -> str:
    return f"# Facts from {seed} ({title}), reviewed with `autofacts review`.\nsource: {source_id}\nfacts:\n"


# The fact ids of each facts file, by (size, modification time): a decision re-reads only what changed.
_IDS: dict[str, tuple[tuple[int, int, int], set[str]]] = {}


def fact_ids(kb: KnowledgeBase) -> set[str]:
    """Every fact id in the facts folder as it is now (the caller holds the lock)."""
    from autofacts.knowledge.load import knowledge_base_files
    from autofacts.knowledge.parse import parse_file

    taken: set[str] = set()
    for path in knowledge_base_files(kb.root, str(kb.root)):
        info = os.stat(path)
        key = (info.st_ino, info.st_size, info.st_mtime_ns)
        known = _IDS.get(str(path))
        if known is None or known[0] != key:
            ids = {str(f.values.get("id")) for f in parse_file(path, path.name).facts}
            known = _IDS[str(path)] = (key, ids)
        taken |= known[1]
    return taken


def _filed_as(path: Path, draft: Draft) -> str | None:
    """The id of a fact in `path` that is this very candidate (same quote, metric, region, kind and
    value), if one was filed already: a restored review file must not file it twice."""
    from autofacts.knowledge.parse import parse_file

    if not path.exists():
        return None
    for fact in parse_file(path, path.name).facts:
        v = fact.values
        same = (v.get("quote"), v.get("metric"), v.get("region"), v.get("kind")) == (
            draft.quote, draft.metric, draft.region or "", draft.kind)  # fmt: skip
        if (
            same
            and isinstance(v.get("value"), Decimal)
            and draft.value is not None
            and v["value"] == Decimal(draft.value)
        ):
            return str(v.get("id"))
    return None


@dataclass(frozen=True)
class Decided:
    """What a decision did: the review file as it is now, and the fact filed (or found filed)."""

    review: ReviewFile
    fact_id: str | None = None
    facts_file: Path | None = None
    already: bool = False  # the candidate had been filed before: it left the review file, nothing was added


def decide(
    kb: KnowledgeBase, source_id: str, before: Draft, after: tuple[Draft, ...] = (), accept: bool = False
) -> Decided:
    """Replace the candidate `before` (as the curator saw it) by `after` in the review file, and with
    `accept` file it as a fact: one transaction. Stale when it is no longer waiting as it was."""
    path = review_path(kb, source_id)
    with transaction(base_of(kb)) as tx:
        try:
            review = read_review(path)
        except UsageError:
            raise Stale("this candidate was decided in another review session (none are waiting now)") from None
        if before not in review.drafts:
            raise Stale("this candidate was decided or changed in another review session meanwhile; nothing written")
        at = review.drafts.index(before)
        drafts = (*review.drafts[:at], *after, *review.drafts[at + 1 :])
        now = ReviewFile(review.source_id, review.file_name, drafts)
        facts = kb.root / f"{source_id}.yaml"
        done = Decided(now)
        if accept:
            confine(base_of(kb), facts, "the facts folder")  # before reading it: a link out is refused unread
            filed = _filed_as(facts, before)
            if filed is not None:
                done = Decided(now, filed, facts, already=True)
            else:
                taken = fact_ids(kb)
                fid = before.id or fact_id(before, taken)
                if fid in taken:
                    raise CurateError(f"a fact '{fid}' exists: e, id, to choose another")
                old = read_text(base_of(kb), facts)
                if not old:
                    source = kb.sources[source_id]
                    old = facts_header(source_id, seed_label(kb, source.file), source.title)
                new_text = append_item(old, "facts", fact_lines(before, fid), str(facts))
                _replace_checked(tx, facts, new_text, str(facts), "facts", fid)
                done = Decided(now, fid, facts)
        if drafts:
            tx.replace(path, review_yaml(now.source_id, now.file_name, drafts, seed_label(kb, now.file_name)))
        else:
            tx.remove(path)  # every candidate decided: nothing is lost
    return done


def metric_lines(metric: Metric) -> list[str]:
    lines = [f"- id: {metric.id}", f"  name: {scalar(metric.name)}"]
    if metric.description:
        lines.append(f"  description: {scalar(metric.description)}")
    lines += [f"  unit: {metric.unit}", f"  measure: {metric.measure}"]
    return lines


def define_metric(kb: KnowledgeBase, metric: Metric) -> Path:
    """Append a new metric to the catalogue file (metrics.yaml) and to `kb.metrics`: one transaction,
    checked under the lock against the catalogue as it is then."""
    from autofacts.knowledge.parse import parse_file

    check_id(metric.id, "metric id")
    if metric.id in kb.metrics:
        raise CurateError(f"metric '{metric.id}' already exists")
    if metric.measure not in MEASURES:
        raise UsageError(f"measure '{shown(metric.measure)}': one of {', '.join(MEASURES)}")
    path = kb.root / METRICS_FILE
    with transaction(base_of(kb)) as tx:
        old = read_text(base_of(kb), path)
        if old and metric.id in {m.id for m in parse_file(path, path.name, text=old).metrics}:
            raise CurateError(f"metric '{metric.id}' was defined meanwhile (in another session); choose it")
        new_text = append_item(old, "metrics", metric_lines(metric), str(path))
        _replace_checked(tx, path, new_text, str(path), "metrics", metric.id)
    kb.metrics[metric.id] = metric
    return path


def split_draft(draft: Draft, metrics: list[str]) -> list[Draft]:
    """One figure stated for several metrics ("production and sales each exceeded 12 million")."""
    return [replace(draft, metric=m, id=None, new_metric=None) for m in metrics]
