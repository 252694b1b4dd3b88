"""A sentence longer than text.MAX_SENTENCE is read in verbatim pieces cut at a clause: extract
stays linear in the text's length and each candidate quotes a bounded piece, not the whole line."""

from __future__ import annotations

from autofacts.knowledge.load import bundled_facts_dir, load_knowledge_base
from autofacts.reading.extract import extract_candidates
from autofacts.reading.text import MAX_SENTENCE, sentences

# "Sales were " (11 characters), then 300 numbers 1000..1299, each "NNNN, " (6 characters).
LINE = "Sales were " + ", ".join(str(n) for n in range(1000, 1300)) + " vehicles in 2024."


def test_a_long_line_is_cut_after_the_last_comma_that_fits() -> None:
    pieces = sentences(LINE)
    # The last ", " ending inside the first 1,000 characters follows 1163 (11 + 6*163 + 6 = 995).
    assert MAX_SENTENCE == 1000
    assert len(pieces) == 2
    assert (pieces[0].start, pieces[0].end) == (0, 994)
    assert pieces[0].text.endswith("1162, 1163,")
    assert pieces[1].start == 995
    assert pieces[1].text.startswith("1164, 1165")
    assert pieces[1].text.endswith("1299 vehicles in 2024.")
    for piece in pieces:
        assert LINE[piece.start : piece.end] == piece.text  # verbatim: `check` finds the quote


def test_a_line_without_spaces_is_cut_hard() -> None:
    pieces = sentences("x" * 2500)
    assert [(p.start, p.end) for p in pieces] == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_an_ordinary_sentence_is_whole() -> None:
    text = "Sales rose 5% in 2024, to 31.4 million vehicles; exports doubled. Prices fell."
    assert [p.text for p in sentences(text)] == [
        "Sales rose 5% in 2024, to 31.4 million vehicles; exports doubled.",
        "Prices fell.",
    ]


def test_every_number_of_a_long_line_is_a_candidate_quoting_its_piece() -> None:
    kb = load_knowledge_base(bundled_facts_dir())
    found = [c for c in extract_candidates(LINE, kb) if c.mention.text.isdigit() and len(c.mention.text) == 4]
    numbers = [int(c.mention.text) for c in found if int(c.mention.text) >= 1000 and c.mention.text != "2024"]
    assert numbers == list(range(1000, 1300))
    assert max(len(c.sentence.text) for c in found) == 994
