"""Shell completion: metric ids, regions and years offered from the knowledge base itself.

Typer calls these while a shell asks what may follow (`autofacts show nev<TAB>`); each opens the
base the command line names (--facts, else $AUTOFACTS_FACTS, else the bundled one) through the
Python API and never fails: a base that cannot be read offers nothing. Nothing here is imported
for anything but completion: cli.py names these functions, whose bodies import what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from autofacts.api import Base

SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _facts_given(ctx: Any) -> str | None:
    """--facts as the command line gives it, after the command name or before it."""
    while ctx is not None:
        given = (getattr(ctx, "params", None) or {}).get("facts")
        if given:
            return str(given)
        ctx = getattr(ctx, "parent", None)
    return None


def _base(ctx: Any) -> Base | None:
    import autofacts

    try:
        base = autofacts.open(_facts_given(ctx))
        base.catalogue  # noqa: B018 - a base with problems offers nothing
    except Exception:  # completion must never print a traceback into the user's shell
        return None
    return base


def metrics(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Metric ids (and aliases) starting with what was typed, each with its name."""
    base = _base(ctx)
    if base is None:
        return []
    typed = incomplete.lower()
    out = []
    for metric in base.metrics():
        for name in (metric.id, *metric.aliases):
            if name.startswith(typed):
                out.append((name, metric.name if name == metric.id else f"{metric.name} ({metric.id})"))
    return out


def regions(ctx: Any, incomplete: str) -> list[str]:
    """Regions as the base spells them (Typer keeps those starting with what was typed, case and all)."""
    base = _base(ctx)
    return [] if base is None else [r for r in base.regions() if r.startswith(incomplete)]


def years(ctx: Any, incomplete: str) -> list[str]:
    """The years facts' periods end in (for compare's periods and --since/--until)."""
    base = _base(ctx)
    return [] if base is None else [str(y) for y in base.years() if str(y).startswith(incomplete)]


def target_years(ctx: Any, incomplete: str) -> list[str]:
    """The years targets' periods end in (what `targets --year` and `report --year` can ask for)."""
    base = _base(ctx)
    return [] if base is None else [str(y) for y in base.years(kind="target") if str(y).startswith(incomplete)]


def script(shell: str, prog_name: str = "autofacts") -> str:
    """The script a shell sources to complete autofacts (Typer's, for the complete variable below)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=prog_name, complete_var=complete_var(prog_name), shell=shell)


def complete_var(prog_name: str = "autofacts") -> str:
    return f"_{prog_name.replace('-', '_').upper()}_COMPLETE"


def prepare() -> None:
    """Register Typer's shell classes with Click: done only when a shell asks for completions, so
    ordinary commands start without importing them."""
    from typer._completion_classes import completion_init

    completion_init()
