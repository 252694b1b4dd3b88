"""Candidate facts written as a facts file for review: YAML with a comment per guess.

Each candidate's comments say what was read and from which words, so a curator can check the
guess against the quote; what could not be guessed is TODO, which `check` refuses.
"""

from __future__ import annotations

import json
import re

from autofacts.knowledge.parse import PLACEHOLDER
from autofacts.knowledge.units import plain
from autofacts.reading.candidate import AS_OF_PUBLICATION, Candidate


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def candidates_yaml(candidates: list[Candidate], file_name: str, source_id: str | None) -> str:
    """The candidates as a facts file, with comments above each saying what was read and why."""
    prefix = re.sub(r"[^a-z0-9]+", "-", (source_id or "new").lower()).strip("-") or "new"
    lines = [
        f"# Candidate facts from {_q(file_name)}, proposed by `autofacts extract` for review.",
        "# For each one: check the value, qualifier, period and kind against the quote, fill in every",
        f"# {PLACEHOLDER}, and delete what is not an industry figure. `autofacts check` refuses a {PLACEHOLDER}.",
        f"source: {_q(source_id) if source_id else PLACEHOLDER}",
        "facts:",
    ]
    for n, c in enumerate(candidates, 1):
        m = c.mention
        unit = m.unit or "unit not recognised"
        read = plain(m.value) if c.upper is None else f"{plain(m.value)} to {plain(c.upper)}"
        lines.append(f"  # {_q(m.text)} read as {read} ({unit}, {m.qualifier})")
        lines.extend(f"  #   {why}" for why in c.why)
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    metric: {c.metric or PLACEHOLDER}")
        if c.new_metric and not c.metric:  # the catalogue lacks it: define it, or choose another
            lines.append(f"    suggest: {c.new_metric}")
        lines.append(f"    region: {_q(c.region) if c.region else PLACEHOLDER}")
        if c.entity:
            lines.append(f"    entity: {_q(c.entity)}")
        if c.period == AS_OF_PUBLICATION:
            lines.append("    # no period in the text: the figure holds as of the source's publication")
        else:
            lines.append(f"    period: {_q(c.period) if c.period else PLACEHOLDER}")
        lines.append(f"    kind: {c.kind}")
        lines.append(f"    value: {plain(m.value)}")
        if c.upper is not None:
            lines.append(f"    upper: {plain(c.upper)}")
        lines.append(f"    qualifier: {m.qualifier}")
        lines.append(f"    quote: {_q(c.sentence.text)}")
    return "\n".join(lines) + "\n"
