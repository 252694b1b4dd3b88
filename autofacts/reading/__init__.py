"""Readers of what a news sentence says around its figures: periods, companies, traditional Chinese,
and what each figure measures (lexicon.py: the cue words of both languages; resolve.py: the one
resolver that chooses a catalogue metric from them).

Each module reads one thing the same way for every document; `extract` and `chinese_extract` put
their readings together into candidate facts. The documents themselves, a web page, a PDF or an
address, are read into seed text by sources.py (with pdf.py, fetch.py and pages.py) for `add`.
"""
