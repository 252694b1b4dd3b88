"""Readers of what a news sentence says around its figures: periods, companies, traditional Chinese.

Each module reads one thing the same way for every document; `extract` and `chinese_extract` put
their readings together into candidate facts.
"""
