"""The floor for a query's start-up: a bare Typer command printing a one-row Rich table.

bench_cli.py times it beside `autofacts show nev-share` (warm), whose goal is within 1.15x of it.
"""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def show(metric: str) -> None:
    """Print one row."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=metric)
    for header in ("period", "region", "value", "kind", "source"):
        table.add_column(header)
    table.add_row("2025", "China", "> 50 %", "actual", "global-attention (2026-01)")
    Console().print(table)


if __name__ == "__main__":
    app()
