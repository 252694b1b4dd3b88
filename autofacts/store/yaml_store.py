"""The store that parses the YAML files whole: what `--no-cache` uses, and the cache's fallback."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from autofacts.knowledge.load import load_knowledge_base
from autofacts.knowledge.model import Fact, KnowledgeBase
from autofacts.store import Need, Store, read_files


class YamlStore(Store):
    """Every file parsed on first use; questions then filter the facts in memory."""

    def __init__(self, root: Path, display_root: str = "facts") -> None:
        self.root = root
        self.display_root = display_root
        self._whole: KnowledgeBase | None = None

    def whole(self) -> KnowledgeBase:
        """The knowledge base with every fact (what `check` proves)."""
        if self._whole is None:
            kb = read_files(self.root, lambda: load_knowledge_base(self.root, self.display_root))
            self._whole = replace(kb, regions=sorted({f.region for f in kb.facts}))
        return self._whole

    def catalogue(self) -> KnowledgeBase:
        return replace(self.whole(), facts=[])

    def facts(self, need: Need) -> list[Fact]:
        return [f for f in self.whole().facts if need.admits(f)]
