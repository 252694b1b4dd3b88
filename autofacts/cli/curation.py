"""Growing a base: init, add, review and extract."""

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from autofacts.errors import UsageError
from autofacts.output import OutputFormat

if TYPE_CHECKING:  # for annotations only: each command imports what it uses, so start-up stays short
    from autofacts.knowledge.model import KnowledgeBase
from autofacts.cli.common import (
    FactsOption,
    _console,
    _data_writer,
    _emit,
    _facts_choice,
    _load,
    _read_all,
    app,
    handle_errors,
)

OwnFactsOption = Annotated[
    str | None,
    typer.Option("--facts", metavar="DIR", help="Your knowledge base's facts folder (default: $AUTOFACTS_FACTS)."),
]


@app.command()
@handle_errors
def extract(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A plain-text (UTF-8) document.")],
    source: Annotated[
        str | None, typer.Option("--source", "-s", help="The source id to file the candidates under.")
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", metavar="DATE", help="Publication date, for 'last year'.")
    ] = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write a new file (never overwrites).")
    ] = None,
    facts: FactsOption = None,
) -> None:
    """Propose candidate facts, as YAML, for every number a new document states."""
    from pathlib import Path

    from autofacts.curation.curate import not_in_future
    from autofacts.files import check_output_path, write_new
    from autofacts.knowledge.periods import parse_date
    from autofacts.reading.candidates_yaml import candidates_yaml
    from autofacts.reading.extract import extract_candidates
    from autofacts.reading.sources import read_text_document

    day = parse_date(published) if published else None
    if day is not None and published is not None:
        not_in_future(day, published)
    if output is not None:
        check_output_path(Path(output))
    kb = _read_all(facts)
    path = Path(file)
    text = read_text_document(file)
    if day is None and source in kb.sources:
        day = kb.sources[source].published.end
    candidates = extract_candidates(text, kb, day)
    if not candidates:
        sys.stderr.write(f"autofacts: {file} states no numbers: nothing to extract\n")
        return
    document = candidates_yaml(candidates, path.name, source)
    if output is None:
        _data_writer()(document)
        return
    write_new(Path(output), document)
    sys.stderr.write(f"autofacts: wrote {len(candidates)} candidate facts to {output}\n")


def _own_base(facts: str | None) -> "KnowledgeBase":
    """The knowledge base a command writes into: named with --facts or $AUTOFACTS_FACTS, never the bundled one."""
    from autofacts.knowledge.load import ENV_VAR

    if _facts_choice(facts) is None and not os.environ.get(ENV_VAR):
        raise UsageError(
            "this command writes into a knowledge base of your own: give --facts DIR/facts "
            "or set AUTOFACTS_FACTS (start one with `autofacts init DIR`)"
        )
    return _load(facts)


@app.command()
@handle_errors
def init(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="A new (or empty) folder for the knowledge base.")],
    from_bundled: Annotated[
        bool, typer.Option("--from-bundled", help="Copy the bundled knowledge base (facts and seeds) to start from.")
    ] = False,
) -> None:
    """Start a knowledge base: DIR/facts (sources and the metric catalogue) and DIR/seeds."""
    from pathlib import Path

    from autofacts.curation.curate import init_base
    from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base

    bundled = load_knowledge_base(bundled_facts_dir())
    made = init_base(Path(folder), bundled, from_bundled)
    facts_dir = _shell_word(f"{folder.rstrip('/')}/facts")  # a line to paste: `$(...)` or a space stays text
    what = (
        f"{len(bundled.sources)} sources, {len(bundled.facts)} facts and {made.seeds} seed texts "
        "copied from the bundled base"
        if from_bundled
        else f"No sources yet; the {len(bundled.metrics)} metrics of the bundled catalogue to start from"
    )
    _say_wrapped(
        f"Created {folder.rstrip('/')}/: facts/ ({', '.join(made.files)}) and seeds/;\n{what}.\n"
        f"Next (or give --facts {facts_dir} on each command):\n"
        f"  export AUTOFACTS_FACTS={facts_dir}\n"
        '  autofacts add ARTICLE.txt --id ID --title "..." --published YYYY-MM-DD\n'
        "  autofacts review ID\n"
        "  autofacts check\n"
    )


def _shell_word(path: str) -> str:
    """`path` as one word a POSIX shell reads back as the same bytes: shlex quoting, or bash's
    $'...' with \\xNN escapes when the path holds bytes that are not UTF-8 or control characters."""
    import shlex

    raw = os.fsencode(path)
    try:
        plain = raw.decode("utf-8").isprintable()
    except UnicodeDecodeError:
        plain = False
    if plain:
        return shlex.quote(path)
    return "$'" + "".join(chr(b) if 32 <= b < 127 and chr(b) not in "'\\" else f"\\x{b:02x}" for b in raw) + "'"


def _say_wrapped(text: str, width: int = 80) -> None:
    """A message on stdout with each line wrapped at spaces to `width` columns, never inside a word
    (a path longer than the line stays whole). An indented line is a command to copy: kept whole."""
    import textwrap

    out = []
    try:  # a path's bytes that are not UTF-8, shown as \xff
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    for line in text.splitlines():
        if line.startswith(" "):
            out.append(line)
            continue
        out += textwrap.wrap(line, width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False)
    sys.stdout.write("\n".join(out) + "\n")


class Language(str, Enum):
    en = "en"
    zh = "zh"


@app.command()
@handle_errors
def add(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL", help="The article: a UTF-8 text, a web page (.html), a PDF, or an http(s) address."
        ),
    ],
    source_id: Annotated[str, typer.Option("--id", help="The new source's id (lower-case, e.g. caam-2024-annual).")],
    title: Annotated[
        str | None, typer.Option("--title", help="The article's title (default: the title a web page states).")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date: YYYY-MM-DD (or YYYY-MM); default: the date a web page's markup states.",
        ),
    ] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", help="Who published it.")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Where it was published (default: the address it was fetched from).")
    ] = None,
    language: Annotated[
        Language | None,
        typer.Option("--language", help="The text's language (default: as a web page states, else en)."),
    ] = None,
    facts: OwnFactsOption = None,
) -> None:
    """Read an article (text, web page, PDF or address) into seeds/, register it as a source, and
    propose its facts for review."""
    from autofacts.curation.curate import NewSource, add_source, check_new_source, not_in_future, validate_source
    from autofacts.knowledge.model import LANGUAGES
    from autofacts.knowledge.periods import parse_period
    from autofacts.reading.extract import extract_candidates
    from autofacts.reading.sources import describe, provenance, read_source, stated_title_and_date

    kb = _own_base(facts)
    # Refuse a bad option before fetching anything (title and date may yet come from the document).
    lang = language.value if language is not None else "en"
    check_new_source(NewSource(source_id, title or "-", published or "2000", lang, publisher, url))
    doc = read_source(file)
    if doc.url is not None and url is not None and url != doc.url:
        raise UsageError(f"--url {url}: the document was fetched from {doc.url}, which is recorded as its url")
    title_, published_ = stated_title_and_date(doc, title, published)
    if published is None:  # the date a page's markup states: refused as --published would be
        not_in_future(parse_period(published_).start, f"({published_})", f"{file}: the date its markup states")
    if language is None and doc.language in LANGUAGES:
        lang = doc.language
    new = NewSource(source_id, title_, published_, lang, publisher, url or doc.url, **provenance(doc))
    validate_source(kb, new, doc.seed_name(source_id))  # and again under the lock, by add_source
    candidates = extract_candidates(doc.text, kb, parse_period(new.published).end)
    added = add_source(kb, doc, new, candidates)
    if added.already:
        _say_wrapped(f"Source {added.source_id} is registered with this text already ({added.seed}): nothing to do.\n")
        return
    taken = [f'title "{title_}"' if title is None else "", f"date {published_}" if published is None else ""]
    stated = " and ".join(t for t in taken if t)
    read = "" if doc.kind == "text" and doc.url is None else f"Read {describe(doc)} from {file}"
    _say_wrapped(
        (f"{read} (sha256 {doc.sha256[:12]}…).\n" if read else "")
        + (f"Took the {stated} from the page's markup: check them.\n" if stated else "")
        + (f"Copied {file} to {added.seed}" if added.copied and not read else "")
        + (f"Wrote its text to {added.seed}" if read else "")
        + ("" if added.copied else f"{added.seed} is in the seeds folder already")
        + f" (sha256 {added.sha256[:12]}…)\n"
        f"and registered source {added.source_id} in {added.sources_file}.\n"
        f"{added.candidates} candidate facts wait in {added.review_file} (not loaded until reviewed).\n"
        f"Next: autofacts review {added.source_id}\n"
    )


@app.command()
@handle_errors
def review(
    source_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The source whose candidates to review (none: list them).")
    ] = None,
    facts: OwnFactsOption = None,
) -> None:
    """Go through a source's candidate facts: accept, edit, split or reject each; then check."""
    from autofacts.curation.filing import waiting_reviews
    from autofacts.curation.review import Session, Terminal
    from autofacts.knowledge.check import check_knowledge_base
    from autofacts.output.catalogues import CheckAnswer

    kb = _own_base(facts)
    if source_id is None:
        waiting = waiting_reviews(kb)
        for waiting_id, count in waiting:
            sys.stdout.write(f"{waiting_id}: {count} candidate(s) waiting (autofacts review {waiting_id})\n")
        if not waiting:
            sys.stdout.write("No candidates waiting for review (autofacts add FILE proposes some).\n")
        return
    console = _console()
    result = Session(kb, source_id, Terminal(sys.stdin, console)).run()
    where = f" to {result.facts_file}" if result.facts_file else ""
    left = f"; {result.remaining} left for next time" if result.remaining else ""
    console.print(f"\nAccepted {len(result.accepted)}{where}, rejected {result.rejected}{left}.", highlight=False)
    after = _load(facts)
    problems = check_knowledge_base(after)
    _emit(CheckAnswer(after, problems), OutputFormat.text)
    raise typer.Exit(1 if problems else 0)
