"""Growing a knowledge base: start one, register a new article, and write reviewed facts.

A knowledge base is a folder `DIR` with `DIR/facts/` (the YAML the loader reads), `DIR/seeds/`
(the source texts) and `DIR/review/` (candidates waiting for `autofacts review`; never loaded, so
every command keeps working while a review is under way).

Every file a person may have written is changed only by appending: a new entry goes at the end of
its list, as text, so comments, order and layout stay exactly as they were. Each new text is read
back with the loader before it replaces the old one, written whole or not at all (files.py).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from autofacts.check import seed_hash
from autofacts.errors import AutofactsError, UsageError
from autofacts.extract import Candidate
from autofacts.files import MAX_SEED_BYTES, read_limited, write_new, write_replacing
from autofacts.model import KINDS, LANGUAGES, MEASURES, KnowledgeBase, Metric
from autofacts.periods import parse_period
from autofacts.seeds import decode, seed_label, seed_path
from autofacts.units import plain

if TYPE_CHECKING:  # reading a document is the CLI's step; add receives its text
    from autofacts.reading.sources import SourceText


class CurateError(AutofactsError):
    """A file cannot be changed safely: autofacts refuses rather than risk what a person wrote."""

    code = "E003"


SOURCES_FILE = "sources.yaml"
METRICS_FILE = "metrics.yaml"
REVIEW_DIR = "review"
# Strings written without quotes when they are this plain (anything else is written as JSON, a YAML subset).
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .&()'-]*[A-Za-z0-9.)]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


# --- init -----------------------------------------------------------------------------------------

_EMPTY_SOURCES = """\
# The source catalogue: one entry per text in ../seeds/, added by `autofacts add` (or by hand).
# `published` is a period: a day when the text states it, a month when it is inferred (then say why
# in `published_inferred`). `sha256` is the seed's hash when it was added: `check` reports an edit.
sources: []
"""


@dataclass(frozen=True)
class NewBase:
    """A knowledge base `init` created: where its parts are, and what it holds."""

    root: Path
    facts_dir: Path
    seeds_dir: Path
    files: tuple[str, ...]
    seeds: int


def init_base(root: Path, bundled: KnowledgeBase, from_bundled: bool) -> NewBase:
    """A new knowledge base in `root` (missing or empty): the bundled metric catalogue, no sources
    (or, `from_bundled`, a copy of the whole bundled base). Never writes into a non-empty folder."""
    if root.exists() and not root.is_dir():
        raise CurateError(f"{root} exists and is not a folder: refusing to touch it")
    if root.is_dir() and any(root.iterdir()):
        raise CurateError(f"{root} is not empty: refusing to write into it (choose a new folder)")
    facts_dir, seeds_dir = root / "facts", root / "seeds"
    root.mkdir(parents=True, exist_ok=True)
    facts_dir.mkdir()
    seeds_dir.mkdir()
    copied = 0
    if from_bundled:
        names = sorted(p.name for p in bundled.root.iterdir() if p.suffix in (".yaml", ".yml"))
        for name in names:
            shutil.copyfile(bundled.root / name, facts_dir / name)
        for source in bundled.sources.values():
            shutil.copyfile(seed_path(bundled, source), seeds_dir / source.file)
            copied += 1
    else:
        names = [SOURCES_FILE, METRICS_FILE]
        write_new(facts_dir / SOURCES_FILE, _EMPTY_SOURCES)
        shutil.copyfile(_catalogue_file(bundled), facts_dir / METRICS_FILE)
    return NewBase(root, facts_dir, seeds_dir, tuple(names), copied)


def _catalogue_file(kb: KnowledgeBase) -> Path:
    """The bundled file that holds the metric catalogue."""
    path = kb.root / METRICS_FILE
    if path.is_file():
        return path
    files = {m.location.file.rsplit("/", 1)[-1] for m in kb.metrics.values() if m.location}
    return kb.root / sorted(files)[0]


# --- appending to a YAML list, as text ------------------------------------------------------------


def _top_mapping(text: str, display: str) -> yaml.MappingNode | None:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise CurateError(f"{display}: not valid YAML ({' '.join(str(exc).split())[:120]}); fix it first") from None
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        raise CurateError(f"{display}: the file is not a mapping of keys; cannot add to it")
    return node


def append_item(text: str, key: str, item: list[str], display: str) -> str:
    """`text` with one block-list item (its lines, unindented, the first starting '- ') added at the
    end of the top-level list `key`; the key and list are added at the end when missing."""
    top = _top_mapping(text, display)
    value = None
    pairs: list[tuple[yaml.Node, yaml.Node]] = top.value if top is not None else []
    for key_node, value_node in pairs:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            value = value_node
    if value is None:
        lead = "" if not text or text.endswith("\n") else "\n"
        return text + lead + f"{key}:\n" + _indent(item, "  ")
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        last_line = text[: value.start_mark.index].rfind("\n") + 1
        indent = text[last_line : value.start_mark.index]  # the list's own indentation, before its '-'
        end = _content_end(value.value[-1])
        while end > 0 and text[end - 1] in " \t\r\n":
            end -= 1
        line_end = text.find("\n", end)
        at = len(text) if line_end < 0 else line_end + 1
        lead = "" if text[:at].endswith("\n") else "\n"
        return text[:at] + lead + _indent(item, indent) + text[at:]
    empty_flow = isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value
    empty_scalar = isinstance(value, yaml.ScalarNode) and value.value in ("", "~", "null")
    if empty_flow or empty_scalar:
        start, end = value.start_mark.index, value.end_mark.index
        rest = text[end:]
        while item and not item[0]:
            item = item[1:]  # no blank line before a list's first entry
        newline = "" if rest.startswith("\n") or not rest else "\n"
        return text[:start].rstrip(" ") + "\n" + _indent(item, "  ").rstrip("\n") + newline + rest
    raise CurateError(f"{display}: '{key}' is not a block list (one '- ' item per entry); add the entry by hand")


def _content_end(node: yaml.Node) -> int:
    """Where a node's last value ends (a block's own end mark lies past any comments after it)."""
    if isinstance(node, yaml.MappingNode) and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _content_end(node.value[-1])
    return int(node.end_mark.index)


def _indent(lines: list[str], indent: str) -> str:
    return "".join(f"{indent}{line}\n" if line else "\n" for line in lines)


def scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when unambiguous, else double-quoted (JSON is valid YAML)."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def folded(text: str, indent: str, width: int = 100) -> str:
    """A long text as a folded block (`>-`, wrapped to `width`) when it reads back unchanged."""
    words = text.split(" ")
    if len(text) + len(indent) < width - 10 or any(not w for w in words) or any(c in text for c in "\n\r\t"):
        return json.dumps(text, ensure_ascii=False)
    lines: list[str] = []
    for word in words:
        if lines and len(indent) + len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    block = ">-\n" + "".join(f"{indent}{line}\n" for line in lines)
    try:
        same = yaml.safe_load("q: " + block) == {"q": text}
    except yaml.YAMLError:
        same = False
    return block.rstrip("\n") if same else json.dumps(text, ensure_ascii=False)


def _replace_checked(path: Path, new_text: str, display: str, key: str, record_id: str) -> None:
    """Replace `path` with `new_text` only if the loader reads it with no new problem and finds
    the new record: a write that would damage the file is refused, and the file left as it was."""
    from autofacts.parse import parse_file

    old = parse_file(path, display) if path.exists() else None
    new = parse_file(path, display, text=new_text)
    if key == "sources":
        ids = {s.id for s in new.sources}
    elif key == "metrics":
        ids = {m.id for m in new.metrics}
    else:
        ids = {f.values["id"] for f in new.facts}
    before = len(old.problems) if old is not None else 0
    if record_id not in ids or len(new.problems) > before:
        why = new.problems[-1] if len(new.problems) > before else f"'{record_id}' would not be read back"
        raise CurateError(f"{display}: adding '{record_id}' would break the file ({why}); nothing written")
    if path.exists():
        write_replacing(path, new_text)
    else:
        write_new(path, new_text)


# --- add ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSource:
    """What `add` is asked to register."""

    id: str
    title: str
    published: str
    language: str = "en"
    publisher: str | None = None
    url: str | None = None
    format: str | None = None  # html or pdf: the seed is the text read from such a document
    original_sha256: str | None = None  # that document's own hash
    retrieved: str | None = None  # the day it was fetched from `url` (YYYY-MM-DD)


@dataclass(frozen=True)
class Added:
    """What `add` did: the seed it wrote, the source it registered, the candidates waiting."""

    source_id: str
    seed: Path
    sources_file: Path
    review_file: Path
    sha256: str
    candidates: int
    copied: bool = True  # False: the text was in the seeds folder already and is registered there


def review_dir(kb: KnowledgeBase) -> Path:
    """Where candidates wait for review: beside facts/ and seeds/, outside what the loader reads."""
    return kb.root.parent / REVIEW_DIR


def review_path(kb: KnowledgeBase, source_id: str) -> Path:
    return review_dir(kb) / f"{source_id}.yaml"


def validate_source(kb: KnowledgeBase, new: NewSource) -> None:
    """Refuse what `add` must not register: a bad id, date or language, or an id already used."""
    if not _ID.fullmatch(new.id):
        raise UsageError(f"--id '{new.id}': use lower-case letters, digits and '-' (e.g. caam-2024-annual)")
    if new.id in kb.sources:
        where = kb.sources[new.id].location
        raise CurateError(f"source '{new.id}' is already registered ({where}): choose another --id")
    parse_period(new.published)
    if new.language not in LANGUAGES:
        raise UsageError(f"--language '{new.language}': one of {', '.join(LANGUAGES)}")
    if not new.title.strip():
        raise UsageError("--title must not be empty")


def duplicate_seed(kb: KnowledgeBase, digest: str, skip: str | None = None) -> str | None:
    """The name of a file in the seeds folder (other than `skip`) whose text has this hash, if any."""
    if not kb.seeds_dir.is_dir():
        return None
    for path in sorted(kb.seeds_dir.iterdir()):
        if path.is_file() and path.name != skip:
            try:
                text = decode(read_limited(path, MAX_SEED_BYTES))
            except (OSError, UnicodeDecodeError):
                continue  # not a text add could have copied
            if seed_hash(text) == digest:
                return path.name
    return None


def source_lines(new: NewSource, file: str, digest: str) -> list[str]:
    """A source entry in the catalogue's own layout."""
    lines = [f"- id: {new.id}", f"  file: {scalar(file)}", f"  title: {scalar(new.title)}"]
    if new.publisher:
        lines.append(f"  publisher: {scalar(new.publisher)}")
    lines.append(f"  published: {new.published}")
    if new.url:
        lines.append(f"  url: {json.dumps(new.url)}")
    if new.retrieved:
        lines.append(f"  retrieved: {new.retrieved}")
    lines += [f"  language: {new.language}", f"  sha256: {digest}"]
    if new.format:
        lines.append(f"  format: {new.format}")
    if new.original_sha256:
        lines.append(f"  original_sha256: {new.original_sha256}")
    return ["", *lines]


def add_source(kb: KnowledgeBase, read: SourceText, new: NewSource, candidates: list[Candidate]) -> Added:
    """Write the text of a document `read` into the seeds folder, register it, and write its
    candidates for review.

    Everything is checked before anything is written; a failure part-way removes what this call
    created, so a refused `add` leaves the knowledge base as it was.
    """
    validate_source(kb, new)
    text = read.text
    digest = seed_hash(text)
    seed = kb.seeds_dir / read.seed_name(new.id)
    # A text already copied into the seeds folder by hand is registered where it is.
    in_place = read.path is not None and seed.exists() and seed.resolve() == read.path.resolve()
    twin = duplicate_seed(kb, digest, skip=seed.name if in_place else None)
    if twin is not None:
        owner = [s.id for s in kb.sources.values() if s.file == twin]
        named = f" (source '{owner[0]}')" if owner else " (not registered: run `autofacts add` on that file)"
        raise CurateError(f"{read.origin}: the same text is already in the seeds folder as {twin}{named}")
    registered = [s.id for s in kb.sources.values() if s.file == seed.name]
    if in_place and registered:
        raise CurateError(f"{read.origin} is already registered as source '{registered[0]}'")
    if seed.exists() and not in_place:
        fix = f"rename {read.path.name}" if read.path is not None else "choose another --id"
        raise CurateError(f"{seed} exists with another text: refusing to overwrite it ({fix})")
    review = review_path(kb, new.id)
    if review.exists():
        raise CurateError(f"{review} exists: refusing to overwrite it (review or delete it first)")
    sources_file = kb.root / SOURCES_FILE
    old = sources_file.read_text(encoding="utf-8") if sources_file.exists() else ""
    new_text = append_item(old, "sources", source_lines(new, seed.name, digest), str(sources_file))
    created: list[Path] = []
    try:
        if not in_place:
            kb.seeds_dir.mkdir(exist_ok=True)
            write_new(seed, text)
            created.append(seed)
        review.parent.mkdir(exist_ok=True)
        drafts = [draft_from(c) for c in candidates]
        write_new(review, review_yaml(new.id, seed.name, drafts, seed_label(kb, seed.name)))
        created.append(review)
        _replace_checked(sources_file, new_text, str(sources_file), "sources", new.id)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return Added(new.id, seed, sources_file, review, digest, len(candidates), copied=not in_place)


# --- drafts: candidates under review --------------------------------------------------------------

DRAFT_FIELDS = ("metric", "region", "entity", "period", "kind", "value", "upper", "qualifier", "id")


@dataclass(frozen=True)
class Draft:
    """A candidate as the curator is shaping it: every field editable, None where not yet known.

    `period` "-" means the text states none: the fact holds as of its source's publication.
    """

    figure: str  # the number as the text wrote it
    at: int  # where the figure starts in the quote
    quote: str
    value: str | None
    unit: str | None
    qualifier: str
    metric: str | None
    region: str | None
    period: str | None
    kind: str
    entity: str | None = None
    upper: str | None = None
    new_metric: str | None = None
    id: str | None = None
    why: tuple[str, ...] = field(default=())

    def missing(self) -> list[str]:
        """The fields a fact needs that are not filled in yet."""
        return [k for k in ("metric", "region", "period", "value") if getattr(self, k) in (None, "")]


def draft_from(c: Candidate) -> Draft:
    """A candidate from extract, as a draft."""
    m = c.mention
    return Draft(
        figure=m.text,
        at=m.start - c.sentence.start,
        quote=c.sentence.text.replace("\f", " "),  # a sentence over a PDF's page break (reading/pages.py)
        value=plain(m.value),
        unit=m.unit,
        qualifier=m.qualifier,
        metric=c.metric,
        region=c.region,
        period=c.period,
        kind=c.kind,
        entity=c.entity,
        upper=plain(c.upper) if c.upper is not None else None,
        new_metric=c.new_metric,
        why=tuple(c.why),
    )


_DRAFT_KEYS: tuple[str, ...] = ("figure", "at", "value", "upper", "unit", "qualifier", "metric", "new_metric")
_DRAFT_KEYS += ("region", "entity", "period", "kind", "id", "why", "quote")


def review_yaml(source_id: str, file_name: str, drafts: list[Draft], seed: str | None = None) -> str:
    """The review file: the drafts still to decide, one block each, every value quoted."""
    lines = [
        f"# Candidate facts from {seed or 'seeds/' + file_name}, waiting for `autofacts review {source_id}`.",
        "# The knowledge base does not load this folder. Review moves each accepted candidate into",
        f"# facts/{source_id}.yaml and removes every decided one from here; editing this file by hand is fine.",
        f"source: {json.dumps(source_id)}",
        f"file: {json.dumps(file_name)}",
        "candidates:" + ("" if drafts else " []"),
    ]
    for d in drafts:
        first = True
        for key in _DRAFT_KEYS:
            value = getattr(d, key)
            if value is None or value == ():
                continue
            if key == "why":
                text = "[" + ", ".join(json.dumps(w, ensure_ascii=False) for w in value) + "]"
            else:
                text = json.dumps(str(value), ensure_ascii=False)
            lines.append(f"  {'- ' if first else '  '}{key}: {text}")
            first = False
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ReviewFile:
    """A review file read back."""

    source_id: str
    file_name: str
    drafts: tuple[Draft, ...]


def read_review(path: Path) -> ReviewFile:
    """The review file's drafts; an error naming the file when it cannot be read."""
    if not path.is_file():
        raise UsageError(f"{path}: no candidates waiting (run `autofacts add` first)")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
        drafts = []
        for item in data["candidates"] or []:
            values = {k: item.get(k) for k in _DRAFT_KEYS if k not in ("at", "why")}
            drafts.append(Draft(at=int(item.get("at", 0)), why=tuple(item.get("why") or ()), **values))
        return ReviewFile(str(data["source"]), str(data["file"]), tuple(drafts))
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CurateError(f"{path}: not a review file autofacts can read ({type(exc).__name__}: {exc})") from None


def waiting_reviews(kb: KnowledgeBase) -> list[tuple[str, int]]:
    """Each source with candidates waiting for review, and how many."""
    folder = review_dir(kb)
    if not folder.is_dir():
        return []
    waiting = []
    for path in sorted(folder.glob("*.yaml")):
        review = read_review(path)
        waiting.append((review.source_id, len(review.drafts)))
    return waiting


def save_review(path: Path, review: ReviewFile, seed: str | None = None) -> None:
    """Write the drafts still to decide; with none left the file goes (nothing is lost: all were decided)."""
    if not review.drafts:
        path.unlink(missing_ok=True)
        return
    write_replacing(path, review_yaml(review.source_id, review.file_name, list(review.drafts), seed))


# --- accepting: facts and metrics appended ----------------------------------------------------------


def check_draft_field(kb: KnowledgeBase, key: str, value: str) -> str:
    """A field value as typed, checked; a UsageError says what is wrong (metric ids are checked by review)."""
    value = value.strip()
    if key in ("value", "upper"):
        try:
            number = Decimal(value.replace(",", ""))
        except ArithmeticError:
            raise UsageError(f"'{value}' is not a number (write it in base units: 31282000, 40.9)") from None
        if not number.is_finite():
            raise UsageError(f"'{value}' is not a finite number")
        return plain(number)
    if key == "period" and value != "-":
        return parse_period(value).label
    if key == "kind" and value not in KINDS:
        raise UsageError(f"kind '{value}': one of {', '.join(KINDS)}")
    if key == "qualifier":
        from autofacts.interval import QUALIFIERS

        if value not in QUALIFIERS:
            raise UsageError(f"qualifier '{value}': one of {', '.join(QUALIFIERS)}")
    if key == "id" and not _ID.fullmatch(value):
        raise UsageError(f"id '{value}': use lower-case letters, digits and '-'")
    if not value:
        raise UsageError(f"{key} must not be empty")
    return value


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
    from autofacts.parse import FACT_SCHEMA

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


def append_fact(kb: KnowledgeBase, source_id: str, draft: Draft, fid: str) -> Path:
    """Append one fact to facts/SOURCE.yaml (created with a header on the first one)."""
    path = kb.root / f"{source_id}.yaml"
    if path.exists():
        old = path.read_text(encoding="utf-8")
    else:
        source = kb.sources[source_id]
        old = facts_header(source_id, seed_label(kb, source.file), source.title)
    new_text = append_item(old, "facts", fact_lines(draft, fid), str(path))
    _replace_checked(path, new_text, str(path), "facts", fid)
    return path


def metric_lines(metric: Metric) -> list[str]:
    lines = [f"- id: {metric.id}", f"  name: {scalar(metric.name)}"]
    if metric.description:
        lines.append(f"  description: {scalar(metric.description)}")
    lines += [f"  unit: {metric.unit}", f"  measure: {metric.measure}"]
    return lines


def define_metric(kb: KnowledgeBase, metric: Metric) -> Path:
    """Append a new metric to the catalogue file (metrics.yaml) and to `kb.metrics`."""
    if not _ID.fullmatch(metric.id):
        raise UsageError(f"metric id '{metric.id}': use lower-case letters, digits and '-'")
    if metric.id in kb.metrics:
        raise CurateError(f"metric '{metric.id}' already exists")
    if metric.measure not in MEASURES:
        raise UsageError(f"measure '{metric.measure}': one of {', '.join(MEASURES)}")
    path = kb.root / METRICS_FILE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new_text = append_item(old, "metrics", metric_lines(metric), str(path))
    _replace_checked(path, new_text, str(path), "metrics", metric.id)
    kb.metrics[metric.id] = metric
    return path


def split_draft(draft: Draft, metrics: list[str]) -> list[Draft]:
    """One figure stated for several metrics ("production and sales each exceeded 12 million")."""
    return [replace(draft, metric=m, id=None, new_metric=None) for m in metrics]
