"""autofacts: answers questions about an industry with numbers you can cite.

`autofacts.open(folder)` opens a knowledge base for Python (see autofacts.api and docs/api.md);
importing the package imports nothing else until then (not even `typing`), so the CLI and
`autofacts --version` start as fast as before.
"""

from autofacts.version import __version__ as __version__  # re-exported

__all__ = ["Base", "open"]

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it the same way)
if TYPE_CHECKING:
    from autofacts.api import Base, open  # noqa: A004


def __getattr__(name: str) -> object:
    """`autofacts.open` and `autofacts.Base`, imported on first use."""
    if name in ("open", "Base"):
        from autofacts import api

        return getattr(api, name)
    raise AttributeError(f"module 'autofacts' has no attribute {name!r}")
