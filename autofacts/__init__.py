"""autofacts: answers questions about an industry with numbers you can cite.

`autofacts.open(folder)` opens a knowledge base for Python (see autofacts.api and docs/api.md);
importing the package imports nothing else until then, so the CLI starts as fast as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Base", "open"]

if TYPE_CHECKING:
    from autofacts.api import Base, open  # noqa: A004


def __getattr__(name: str) -> Any:
    """`autofacts.open` and `autofacts.Base`, imported on first use."""
    if name in ("open", "Base"):
        from autofacts import api

        return getattr(api, name)
    raise AttributeError(f"module 'autofacts' has no attribute {name!r}")
