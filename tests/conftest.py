"""Shared fixtures: the bundled knowledge base, a CLI runner with a fixed width, and writable copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from autofacts.cli import app
from autofacts.load import bundled_facts_dir, load_knowledge_base
from autofacts.model import KnowledgeBase

# Shared, noisy machines: a slow example is not a failure (speed is measured in benchmarks/).
settings.register_profile("autofacts", deadline=None)
settings.load_profile("autofacts")

FACTS = bundled_facts_dir()
SEEDS = FACTS.parent / "seeds"


@pytest.fixture(scope="session")
def cache_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch, cache_root: Path) -> None:
    """Pin what Rich sees so table output does not depend on the machine running the tests;
    keep the cache of parsed files out of the user's cache directory."""
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("AUTOFACTS_CACHE_DIR", str(cache_root))
    monkeypatch.delenv("AUTOFACTS_FACTS", raising=False)
    monkeypatch.delenv("AUTOFACTS_DEBUG", raising=False)
    monkeypatch.delenv("AUTOFACTS_NO_CACHE", raising=False)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(FACTS)


@pytest.fixture
def run():
    """Invoke the real CLI; returns the result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(*args: str, **kwargs: Any):
        return runner.invoke(app, list(args), **kwargs)

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str) -> Any:
        result = run(*args, "--format", "json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base (facts/ with seeds/ beside it); returns facts/."""
    shutil.copytree(FACTS, tmp_path / "facts")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "facts"


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a knowledge-base file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
