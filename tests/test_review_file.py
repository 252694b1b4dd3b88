"""Review files read like facts files (issue 24): a hand edit that breaks one is E003 at file:line:
column, aliases and deep nesting are refused before anything expands, and what review echoes from
the file reaches the terminal escaped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from autofacts.curation.review import Terminal
from autofacts.curation.review_file import ReviewFileError, parse_review

HEAD = 'source: "byd"\nfile: "a.txt"\ncandidates:\n'
ONE = '  - figure: "4.27 million"\n    at: "18"\n    value: "4270000"\n    quote: "In 2024, BYD sold 4.27 million vehicles."\n'


def error(text: str) -> tuple[str | None, str]:
    with pytest.raises(ReviewFileError) as caught:
        parse_review(text, "review/byd.yaml")
    return caught.value.location, str(caught.value).split(" (fix the review file")[0]


def test_a_good_file_reads_back() -> None:
    review = parse_review(HEAD + ONE, "review/byd.yaml")
    assert (review.source_id, review.file_name, len(review.drafts)) == ("byd", "a.txt", 1)
    draft = review.drafts[0]
    assert (draft.figure, draft.at, draft.value, draft.qualifier, draft.kind) == (
        "4.27 million",
        18,
        "4270000",
        "exact",
        "actual",
    )


def test_hand_edits_that_break_the_file_name_their_line() -> None:
    assert error(HEAD + ONE.replace('"4270000"', '"lots"')) == (
        "review/byd.yaml:6:12",
        "candidate 1: 'lots' is not a number (write it in base units: 31282000, 40.9)",
    )
    assert error(HEAD + ONE.replace("value:", "vlaue:"))[0] == "review/byd.yaml:6:5"
    assert error(HEAD + ONE.replace('at: "18"', 'at: "99"')) == (
        "review/byd.yaml:5:9",
        "candidate 1: at '99' is not where the figure is in the quote",
    )
    assert error(HEAD + ONE.replace('figure: "4.27 million"', "figure: [4.27]")) == (
        "review/byd.yaml:4:13",
        "candidate 1: figure must be a text, not a list or mapping",
    )
    assert error('source: "byd"\ncandidates: []\n') == ("review/byd.yaml:1:1", "'file' is missing")
    assert error(HEAD + "  - figure: [\n")[0] == "review/byd.yaml:5:1"


def test_aliases_and_deep_nesting_are_refused_unexpanded() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    _, message = error(HEAD.replace("candidates:\n", "candidates: []\n") + bomb)
    assert message == "an alias (*name): a review file has none"
    deep = HEAD.replace("candidates:\n", "candidates: " + "[" * 5000 + "]" * 5000 + "\n")
    assert error(deep)[1] in (
        "nested deeper than a review file is",
        "review/byd.yaml: nested deeper than a review file is",
    )


def test_what_review_echoes_is_escaped(tmp_path: Path) -> None:
    out = io.StringIO()
    term = Terminal(io.StringIO("x\n"), Console(file=out, width=80, color_system=None))
    term.show("value: \x1b]0;pwned\x07")
    answer = term.ask("value [\x1b[2J]: ")
    assert answer == "x"
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert out.getvalue() == "value: \\x1b]0;pwned\\x07\nvalue [\\x1b[2J]: x\n"
