"""Reviewing candidate facts in the terminal: accept, change, split or reject each one.

The session reads answers from a stream (the terminal, or a test's input) and shows each candidate
with its sentence, the figure highlighted, and what extract guessed and why. Every decision is
written at once: an accepted fact is appended to facts/SOURCE.yaml and the decided candidate leaves
the review file, so quitting (or losing the terminal) midway loses nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TextIO

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from autofacts.curation.curate import review_path
from autofacts.curation.filing import Decided, Stale, decide, define_metric, split_draft
from autofacts.curation.review_file import DRAFT_FIELDS, Draft, ReviewFile, check_field, read_review
from autofacts.errors import AutofactsError, UsageError
from autofacts.knowledge.check import check_fact
from autofacts.knowledge.model import MEASURES, Fact, KnowledgeBase, Metric
from autofacts.knowledge.periods import parse_period
from autofacts.knowledge.seeds import seed_label
from autofacts.knowledge.units import plain
from autofacts.terminal import printable

KEYS = "[a]ccept  [e]dit a field  [s]plit  [r]eject  [q]uit  [?]help"
HELP = """\
a  accept: append the fact to facts/SOURCE.yaml (every field must be filled in)
e  edit a field: metric, region, entity, period, kind, value, upper, qualifier, id
   (a metric not in the catalogue can be defined on the spot; period '-' = as of publication)
s  split one figure into a fact per metric ("production and sales each exceeded 12 million")
r  reject: not an industry figure, or not worth a fact
q  quit: the candidates not yet decided stay in the review file for next time"""


class Terminal:
    """Questions and answers over a stream; with a real terminal, readline completes metric ids."""

    def __init__(self, stream: TextIO, console: Console) -> None:
        self.stream = stream
        self.console = console
        self.interactive = stream is sys.stdin and stream.isatty()

    def show(self, renderable: RenderableType | str) -> None:
        """Print a message; text from the data or the keyboard is shown, never obeyed (ESC, ^H...)."""
        if isinstance(renderable, str):
            renderable = printable(renderable, keep_newlines=True)
        self.console.print(renderable, highlight=False, markup=False)

    def ask(self, prompt: str, completions: tuple[str, ...] = ()) -> str | None:
        """The answer typed (stripped), or None when the input has ended. The prompt may hold a
        value from the file (`value [..]: `): escaped, as `input()` writes it straight to the terminal."""
        prompt = printable(prompt)
        if self.interactive:
            return self._readline(prompt, completions)
        self.console.print(prompt, end="", highlight=False, markup=False)
        line = self.stream.readline()
        if not line:
            self.console.print()
            return None
        answer = line.strip()
        self.console.print(printable(answer), highlight=False, markup=False)  # a transcript reads like the terminal
        return answer

    def _readline(self, prompt: str, completions: tuple[str, ...]) -> str | None:
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            readline = None  # type: ignore[assignment]
        if readline is not None:
            options = sorted(completions)

            def complete(text: str, state: int) -> str | None:
                matches = [o for o in options if o.startswith(text)]
                return matches[state] if state < len(matches) else None

            readline.set_completer(complete)
            readline.set_completer_delims(" ")
            readline.parse_and_bind("tab: complete")
        try:
            return input(prompt).strip()  # pragma: no cover - a real terminal (tried with tmux)
        except EOFError:  # pragma: no cover
            return None


@dataclass(frozen=True)
class ReviewResult:
    """What a review session decided."""

    accepted: tuple[str, ...]
    rejected: int
    remaining: int
    facts_file: str | None


def candidate_view(draft: Draft, number: int, total: int, seed: str, kb: KnowledgeBase, marks: bool) -> Group:
    """A candidate: its sentence with the figure highlighted, then each field and why it was guessed."""
    title = Text(f"Candidate {number} of {total} · {printable(seed)}", style="bold")
    end = draft.at + len(draft.figure)
    before, figure, after = (printable(t) for t in (draft.quote[: draft.at], draft.figure, draft.quote[end:]))
    if marks:
        sentence = Text(before + "⟦" + figure + "⟧" + after)
    else:
        sentence = Text(before + figure + after)
        sentence.stylize("bold reverse", len(before), len(before) + len(figure))
    table = Table(show_header=False, box=None, padding=(0, 1))
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value")
    unit = f" {draft.unit}" if draft.unit else " (unit not recognised)"
    value = "TODO" if draft.value is None else draft.value
    if draft.upper is not None:
        value = f"{value} to {draft.upper}"
    table.add_row("value", printable(f'{value}{unit}, read from "{draft.figure}"'))
    table.add_row("qualifier", printable(draft.qualifier))
    metric = draft.metric or "TODO"
    if draft.metric and draft.metric not in kb.metrics:
        metric += " (not in the catalogue)"
    elif draft.metric:
        metric += f" ({kb.metrics[draft.metric].name}, {kb.metrics[draft.metric].unit})"
    if draft.new_metric and not draft.metric:
        metric += f" (proposed new metric: {draft.new_metric})"
    table.add_row("metric", printable(metric))
    table.add_row("region", printable(draft.region or "TODO"))
    if draft.entity:
        table.add_row("entity", printable(draft.entity))
    period = {None: "TODO", "-": "none stated: as of publication"}.get(draft.period, draft.period)
    table.add_row("period", printable(period or "TODO"))
    table.add_row("kind", printable(draft.kind))
    if draft.id:
        table.add_row("id", printable(draft.id))
    parts: list[RenderableType] = [title, sentence, table]
    for n, reason in enumerate(draft.why):
        parts.append(Text(("why: " if n == 0 else "     ") + printable(reason), style="dim"))
    return Group(*parts)


# The metric units a figure read with a unit may belong to, where that is not the same unit.
_UNITS_FOR = {"ordinal": ("rank", "years")}


def _cell(draft: Draft) -> tuple[str | None, ...]:
    return (draft.metric, draft.region, draft.entity, draft.period, draft.kind)


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


class Session:
    """One review of one source's candidates."""

    def __init__(self, kb: KnowledgeBase, source_id: str, term: Terminal) -> None:
        if source_id not in kb.sources:
            raise UsageError(f"unknown source '{source_id}' (known: {', '.join(sorted(kb.sources)) or 'none'})")
        self.kb = kb
        self.term = term
        self.path = review_path(kb, source_id)
        self.review = read_review(self.path)
        if self.review.source_id != source_id:
            raise UsageError(
                f"{self.path} holds candidates of source '{printable(self.review.source_id)}', not '{source_id}'"
            )
        self.seed = seed_label(kb, self.review.file_name)
        self.source_id = source_id
        # what each fact says, by cell, to notice a second value for the same thing
        self.cells: list[tuple[tuple[str | None, ...], str, str | None]] = [
            ((f.metric, f.region, f.entity, f.period.label if f.period_stated else "-", f.kind), f.id, _plain(f.value))
            for f in kb.facts
        ]
        self.accepted: list[str] = []
        self.rejected = 0
        self.facts_file: str | None = None
        self.marks = not term.console.is_terminal or term.console.no_color

    def run(self) -> ReviewResult:
        count = len(self.review.drafts)
        self.term.show(f"{count} candidate(s) from {self.seed} to review.\nKeys: {KEYS}")
        shown: tuple[int, int] | None = None
        while self.review.drafts:
            draft = self.review.drafts[0]
            done = len(self.accepted) + self.rejected
            total = done + len(self.review.drafts)
            if shown != (done, total):  # a new candidate (after an edit, only the change is said)
                self.term.show("")
                self.term.show(candidate_view(draft, done + 1, total, self.seed, self.kb, self.marks))
                shown = (done, total)
            key = self.term.ask("> ")
            if key is None or key.lower() in ("q", "quit"):
                break
            self._dispatch(key.lower(), draft)
        return ReviewResult(tuple(self.accepted), self.rejected, len(self.review.drafts), self.facts_file)

    def _dispatch(self, key: str, draft: Draft) -> None:
        try:
            if key in ("a", "accept"):
                self._accept(draft)
            elif key in ("r", "reject"):
                if self._decided([]) is not None:
                    self.rejected += 1
                    self.term.show("rejected")
            elif key in ("e", "edit"):
                self._edit(draft)
            elif key in ("s", "split"):
                self._split(draft)
            elif key in ("?", "h", "help"):
                self.term.show(HELP)
            else:
                self.term.show(f"unknown key '{key}'. Keys: {KEYS}")
        except AutofactsError as exc:
            self.term.show(f"refused: {exc}")

    def _decided(self, replacement: list[Draft], accept: bool = False) -> Decided | None:
        """Replace the current candidate (by nothing, once decided), with `accept` filing it: one
        transaction (filing.decide). When another session got there first, show what waits now."""
        draft = self.review.drafts[0]
        try:
            done = decide(self.kb, self.source_id, draft, tuple(replacement), accept)
        except Stale as exc:
            self.term.show(f"{exc}; reading the review file again")
            try:
                self.review = read_review(self.path)
            except UsageError:
                self.review = ReviewFile(self.review.source_id, self.review.file_name, ())
            return None
        self.review = done.review
        return done

    def _set(self, draft: Draft, **changes: str | None) -> bool:
        """Change fields of the candidate; refused, nothing written, when the change makes it break a
        rule the knowledge-base check holds a fact to (a problem it had before, the curator is still
        mending, perhaps through this very field, so it does not block the change)."""
        changed = replace(draft, **changes)  # type: ignore[arg-type]
        before = self._problems(draft)
        new = [p for p in self._problems(changed) if p not in before]
        if new:
            self.term.show(f"refused: {new[0]}\nthe candidate is unchanged")
            return False
        return self._decided([changed]) is not None

    def _problems(self, draft: Draft) -> list[str]:
        """What `autofacts check` would say of the candidate filed as it stands (its rules on one fact,
        check.check_fact), each as `error[CODE]: message`; nothing while it has no value."""
        if draft.value is None:
            return []
        stated = draft.period not in (None, "-")
        fact = Fact(
            id=draft.id or "candidate", metric=draft.metric or "", region=draft.region or "",
            period=parse_period(draft.period or "") if stated else self.kb.sources[self.source_id].published,
            kind=draft.kind, value=Decimal(draft.value), qualifier=draft.qualifier, source=self.source_id,
            quote=draft.quote, entity=draft.entity, upper=None if draft.upper is None else Decimal(draft.upper),
            period_stated=stated,
        )  # fmt: skip
        return [f"error[{p.code}]: {p.message}" for p in check_fact(self.kb, fact)]

    def _accept(self, draft: Draft) -> None:
        missing = draft.missing()
        if missing:
            self.term.show(f"fill in {', '.join(missing)} first (e to edit)")
            return
        if draft.metric not in self.kb.metrics:
            self.term.show(f"metric '{draft.metric}' is not in the catalogue: e, metric, to choose or define one")
            return
        problems = self._problems(draft)
        if problems:
            self.term.show(f"refused: {problems[0]}\nnot filed: e to edit a field, or r to reject")
            return
        unit = self.kb.metrics[draft.metric].unit
        if draft.unit is not None and unit not in _UNITS_FOR.get(draft.unit, (draft.unit,)):
            self.term.show(f"the figure reads as {draft.unit}, but {draft.metric} is counted in {unit}")
            if (self.term.ask("accept anyway? [y/N]: ") or "").lower() not in ("y", "yes"):
                return
        others = [(i, v) for cell, i, v in self.cells if cell == _cell(draft) and v != draft.value]
        if others:
            said = "; ".join(f"{i} states {v}" for i, v in others)
            self.term.show(f"the same metric, region, period and kind already has another value: {said}")
            if (self.term.ask("accept anyway? [y/N]: ") or "").lower() not in ("y", "yes"):
                return
        done = self._decided([], accept=True)
        if done is None or done.fact_id is None or done.facts_file is None:
            return
        self.facts_file = str(done.facts_file)
        if done.already:
            self.term.show(f"filed before as {done.fact_id}: not filed again")
            return
        self.cells.append((_cell(draft), done.fact_id, draft.value))
        self.accepted.append(done.fact_id)
        self.term.show(f"accepted: {done.fact_id} → {done.facts_file.name}")

    def _edit(self, draft: Draft) -> None:
        key = self.term.ask(f"field ({' '.join(DRAFT_FIELDS)}): ", DRAFT_FIELDS)
        if not key:
            return
        if key not in DRAFT_FIELDS:
            self.term.show(f"no field '{key}' (fields: {', '.join(DRAFT_FIELDS)})")
            return
        if key == "metric":
            metric = self._choose_metric(draft.new_metric)
            if metric is not None and self._set(draft, metric=metric):
                known = self.kb.metrics[metric]
                self.term.show(f"metric: {metric} ({known.name}, {known.unit})")
            return
        current = getattr(draft, key)
        typed = self.term.ask(f"{key} [{current if current is not None else 'TODO'}]: ")
        if not typed:
            return
        value = check_field(key, typed)
        if self._set(draft, **{key: value}):
            self.term.show(f"{key}: {printable(value)}")

    def _split(self, draft: Draft) -> None:
        typed = self.term.ask("one fact per metric, metrics separated by commas: ", self._names())
        if not typed:
            return
        chosen = []
        for name in (t.strip() for t in typed.split(",") if t.strip()):
            metric = self._choose_metric(None, name)
            if metric is None:
                self.term.show("split abandoned")
                return
            chosen.append(metric)
        if len(chosen) < 2:
            self.term.show("a split needs two metrics or more (e to change the one metric)")
            return
        if self._decided(split_draft(draft, chosen)) is not None:
            self.term.show(f"split into {len(chosen)} candidates: {', '.join(chosen)}")

    def _names(self) -> tuple[str, ...]:
        return tuple(sorted({*self.kb.metrics, *(a for m in self.kb.metrics.values() for a in m.aliases)}))

    def _choose_metric(self, proposed: str | None, typed: str | None = None) -> str | None:
        """A metric id from the catalogue (id, alias or prefix), or one defined now; None: none chosen."""
        from autofacts.answers.query import resolve_metric

        if typed is None:
            hint = f" (Enter: the proposed new {proposed})" if proposed else ""
            typed = self.term.ask(f"metric{hint} (Tab completes): ", self._names()) or proposed
            if not typed:
                return None
        try:
            metric = resolve_metric(self.kb, typed)
        except AutofactsError as exc:
            wanted = typed.strip().lower()
            near = [n for n in self._names() if wanted in n or n in wanted][:8]
            self.term.show(str(exc) + (f"; catalogue names with '{wanted}': {', '.join(near)}" if near else ""))
            answer = self.term.ask(f"define '{wanted}' as a new metric? [y/N]: ")
            if (answer or "").lower() not in ("y", "yes"):
                return None
            return self._define(wanted)
        if metric.id != typed.strip():
            self.term.show(f"{typed} → {metric.id}")
        return metric.id

    def _define(self, metric_id: str) -> str | None:
        name = self.term.ask("name (e.g. Vehicle exports): ")
        unit = self.term.ask("unit (e.g. vehicles, yuan, percent): ")
        measure = self.term.ask(f"measure ({', '.join(MEASURES)}): ", MEASURES)
        description = self.term.ask("description (one sentence, may be empty): ")
        if not name or not unit or not measure:
            self.term.show("not defined: name, unit and measure are needed")
            return None
        metric = Metric(id=metric_id, name=name, unit=unit, measure=measure, description=description or "")
        path = define_metric(self.kb, metric)
        self.term.show(f"defined metric {metric_id} in {path.name}")
        return metric_id
