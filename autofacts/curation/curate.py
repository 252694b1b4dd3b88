"""Growing a knowledge base: start one, register a new article, and append entries to its YAML.

A knowledge base is a folder BASE with `BASE/facts/` (the YAML the loader reads), `BASE/seeds/`
(the source texts) and `BASE/review/` (candidates waiting for `autofacts review`; never loaded, so
every command keeps working while a review is under way).

Every file a person may have written is changed only by appending: a new entry goes at the end of
its list, as text, so comments, order and layout stay exactly as they were. Each new text is read
back with the loader before it is staged. All of a command's files are written as one transaction
under the base's writer lock (transaction.py): a kill leaves the base as before or as after, and
two curators never overwrite each other. Nothing is written outside the base.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from autofacts.curation.review_file import draft_from, review_yaml
from autofacts.errors import AutofactsError, SourceError, UsageError
from autofacts.files import MAX_SEED_BYTES, read_limited
from autofacts.knowledge.check import seed_hash
from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.model import LANGUAGES, KnowledgeBase
from autofacts.knowledge.names import check_id, check_text, file_name_problem, shown
from autofacts.knowledge.periods import parse_period
from autofacts.knowledge.seeds import decode, seed_label, seed_path, seeds_folder_problem
from autofacts.knowledge.yaml_bounds import PURE_MAX_DEPTH, first_too_deep
from autofacts.reading.candidate import Candidate
from autofacts.transaction import STATE_DIR, OutsideBase, Transaction, confine, pending, transaction

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


def base_of(kb: KnowledgeBase) -> Path:
    """The base folder: the one holding facts/, seeds/ and review/, where the lock and journal live."""
    return kb.root.parent


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


def _entries(root: Path) -> list[str]:
    """What a folder holds, besides autofacts' own lock and journal."""
    return [n for n in os.listdir(root) if n != STATE_DIR]


def init_base(root: Path, bundled: KnowledgeBase, from_bundled: bool) -> NewBase:
    """A new knowledge base in `root` (missing or empty): the bundled metric catalogue, no sources
    (or, `from_bundled`, a copy of the whole bundled base). Never writes into a non-empty folder."""
    name = shown(str(root))
    try:
        if root.exists() and not root.is_dir():
            raise CurateError(f"{name} exists and is not a folder: refusing to touch it")
        if root.is_dir() and _entries(root) and not pending(root):
            raise CurateError(f"{name} is not empty: refusing to write into it (choose a new folder)")
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CurateError(f"{name}: cannot make a knowledge base here: {exc.strerror or exc}") from None
    facts_dir, seeds_dir = root / "facts", root / "seeds"
    copied = 0
    with transaction(root) as tx:
        if _entries(root):  # another init got there first (or the folder filled meanwhile)
            raise CurateError(f"{name} is not empty: refusing to write into it (choose a new folder)")
        tx.folder(facts_dir)
        tx.folder(seeds_dir)
        if from_bundled:
            names = sorted(p.name for p in bundled.root.iterdir() if p.suffix in (".yaml", ".yml"))
            for file in names:
                tx.create(facts_dir / file, (bundled.root / file).read_bytes())
            for source in bundled.sources.values():
                tx.create(seeds_dir / source.file, read_limited(seed_path(bundled, source), MAX_SEED_BYTES))
                copied += 1
        else:
            names = [SOURCES_FILE, METRICS_FILE]
            tx.create(facts_dir / SOURCES_FILE, _EMPTY_SOURCES)
            tx.create(facts_dir / METRICS_FILE, _catalogue_file(bundled).read_bytes())
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
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: no recursion
    except yaml.YAMLError as exc:
        raise CurateError(f"{display}: not valid YAML ({' '.join(str(exc).split())[:120]}); fix it first") from None
    except RecursionError:  # the pure-Python loader, without libyaml
        mark = first_too_deep(text, PURE_MAX_DEPTH)
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        raise CurateError(f"{where}: YAML nested deeper than {PURE_MAX_DEPTH} levels; fix it first") from None
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


def verified(path: Path, new_text: str, display: str, key: str, record_id: str) -> None:
    """Refuse `new_text` for `path` unless the loader reads it with no new problem and finds the new
    record: a change that would damage the file is refused before anything is written."""
    from autofacts.knowledge.parse import parse_file

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


def _replace_checked(tx: Transaction, path: Path, new_text: str, display: str, key: str, record_id: str) -> None:
    """`new_text`, verified, staged to replace `path` (or to create it)."""
    verified(path, new_text, display, key, record_id)
    if path.exists():
        tx.replace(path, new_text)
    else:
        tx.create(path, new_text)


def read_text(base: Path, path: Path) -> str:
    """A YAML file of the base as text ("" when it does not exist yet); a refusal names it otherwise.
    A file that is a link, or lies in a folder leading out of the base, is refused unread."""
    confine(base, path)
    try:
        return decode(read_limited(path, 20 * 1024 * 1024))
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise CurateError(f"{path}: cannot read: {why or exc}") from None


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
    already: bool = False  # this very source was registered before: nothing was done


def review_dir(kb: KnowledgeBase) -> Path:
    """Where candidates wait for review: beside facts/ and seeds/, outside what the loader reads."""
    return base_of(kb) / REVIEW_DIR


def review_path(kb: KnowledgeBase, source_id: str) -> Path:
    """The review file of a source; refused when the id would name a file elsewhere (`../x`) or
    the review folder leads out of the base."""
    why = file_name_problem(source_id)
    if why is not None:
        raise CurateError(f"source id '{shown(source_id)}' cannot name a review file: {why}")
    path = review_dir(kb) / f"{source_id}.yaml"
    confine(base_of(kb), path, "the review folder")
    return path


def not_in_future(start: date, given: str, named: str = "--published", today: date | None = None) -> None:
    """Refuse a publication date after today: nothing is published yet on a later day, and the
    date anchors every "last year" or "In December" a text says (2099-01-01 would make them 2098)."""
    today = today or date.today()
    if start > today:
        raise UsageError(f"{named} {shown(given)} is after today ({today}): nothing is published yet then")


def check_new_source(new: NewSource, today: date | None = None) -> None:
    """Refuse what `add` must not register, before reading anything: a bad id, title, date (one
    that does not parse, or is after today) or language."""
    check_id(new.id, "--id")
    check_text(new.title, "--title")
    if new.publisher is not None:
        check_text(new.publisher, "--publisher", empty=True)
    if new.url is not None:
        check_text(new.url, "--url", empty=True)
    published = parse_period(check_text(new.published, "--published", limit=40))
    not_in_future(published.start, new.published, today=today)
    if new.language not in LANGUAGES:
        raise UsageError(f"--language '{shown(new.language)}': one of {', '.join(LANGUAGES)}")


def validate_source(kb: KnowledgeBase, new: NewSource, file: str | None = None) -> None:
    """`check_new_source`, and the id not taken in `kb` (unless by this very `file`: `add` again)."""
    check_new_source(new)
    if new.id in kb.sources and kb.sources[new.id].file != file:
        where = kb.sources[new.id].location
        raise CurateError(f"source '{new.id}' is already registered ({where}): choose another --id")


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
    candidates for review: one transaction, under the base's lock, checked against the base as it
    is then (another add may have registered meanwhile)."""
    check_new_source(new)
    name = read.seed_name(new.id)
    why = file_name_problem(name)
    if why is not None:
        raise UsageError(f"{shown(read.origin)}: its name cannot name a seed file ({why}); rename the file")
    text = read.text
    if not text.strip():  # read_source refuses such a document; a SourceText made by hand is refused here
        why = "the document holds no text (empty, or white space alone): nothing to add"
        raise SourceError(f"{shown(read.origin)}: {why}")
    digest = seed_hash(text)
    with transaction(base_of(kb)) as tx:
        kb = load_knowledge_base(kb.root)
        known = kb.sources.get(new.id)
        if known is not None and (known.file, known.sha256) == (name, digest):
            # the same add again (after a kill, or by a script that retries): it is done already
            review = review_dir(kb) / f"{new.id}.yaml"
            return Added(new.id, kb.seeds_dir / known.file, kb.root / SOURCES_FILE, review, digest, 0, already=True)
        validate_source(kb, new)  # (the same id and file with another text is refused here)
        outside = seeds_folder_problem(kb)
        if outside is not None:
            raise OutsideBase(outside)
        seed = kb.seeds_dir / name
        confine(base_of(kb), seed, "the seeds folder")
        # A text already copied into the seeds folder by hand is registered where it is.
        in_place = read.path is not None and seed.exists() and seed.resolve() == read.path.resolve()
        twin = duplicate_seed(kb, digest, skip=seed.name if in_place else None)
        if twin is not None:
            owner = [s.id for s in kb.sources.values() if s.file == twin]
            named = f" (source '{owner[0]}')" if owner else " (not registered: run `autofacts add` on that file)"
            raise CurateError(f"{shown(read.origin)}: the same text is already in the seeds folder as {twin}{named}")
        registered = [s.id for s in kb.sources.values() if s.file == seed.name]
        if in_place and registered:
            raise CurateError(f"{shown(read.origin)} is already registered as source '{registered[0]}'")
        if os.path.lexists(seed) and not in_place:
            fix = f"rename {read.path.name}" if read.path is not None else "choose another --id"
            raise CurateError(f"{seed} exists with another text: refusing to overwrite it ({fix})")
        review = review_path(kb, new.id)
        if os.path.lexists(review):
            raise CurateError(f"{review} exists: refusing to overwrite it (review or delete it first)")
        sources_file = kb.root / SOURCES_FILE
        entry = source_lines(new, seed.name, digest)
        new_text = append_item(read_text(base_of(kb), sources_file), "sources", entry, str(sources_file))
        if not in_place:
            tx.folder(kb.seeds_dir)
            tx.create(seed, text)
        tx.folder(review.parent)
        drafts = [draft_from(c) for c in candidates]
        tx.create(review, review_yaml(new.id, seed.name, drafts, seed_label(kb, seed.name)))
        _replace_checked(tx, sources_file, new_text, str(sources_file), "sources", new.id)
    return Added(new.id, seed, sources_file, review, digest, len(candidates), copied=not in_place)
