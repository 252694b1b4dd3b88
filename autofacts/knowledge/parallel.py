"""Work spread over the machine's cores: a base's files parsed, its facts' values checked.

Reading a large base is CPU work in Python (YAML nodes to records; each quote's numbers read), so
it is split into independent pieces that forked processes do at once. Forking shares what the
parent already holds (the facts to check), so only the results travel back. Small inputs, one
core, or a platform without fork stay in this process: the answer is the same either way, and
the order of results is always the order of the pieces.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many bytes of YAML (about 4,000 facts) the processes cost more than they save.
PARALLEL_BYTES = 1_000_000

_jobs: dict[str, int | None] = {"default": None}


def set_default_jobs(jobs: int | None) -> None:
    """The number of processes (`--jobs`); None: one per core this process may use."""
    _jobs["default"] = jobs


def job_count(jobs: int | None = None) -> int:
    """The processes to use: the number asked for, else `--jobs`, else one per core available."""
    chosen = jobs if jobs is not None else _jobs["default"]
    if chosen is not None:
        return max(1, chosen)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _pool(count: int) -> Any:
    """A pool of `count` forked processes, or None where processes cannot be forked."""
    import multiprocessing  # only when work is spread

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(count)


def spread(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    """[func(item) for item in items], in that order, over up to `jobs` processes.

    `func` must be a module-level function (it is called by name in the child)."""
    count = min(job_count(jobs), len(items))
    pool = _pool(count) if count > 1 else None
    if pool is None:
        return [func(item) for item in items]
    with pool:
        return pool.map(func, items, chunksize=max(1, len(items) // (count * 4)))


def spread_lazily(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> Iterator[R]:
    """`spread`, each result given as soon as it and those before it are done, so that the caller
    works on the first (say, writes it to a database) while the processes do the rest."""
    count = min(job_count(jobs), len(items))
    pool = _pool(count) if count > 1 else None
    if pool is None:
        yield from (func(item) for item in items)
        return
    with pool:
        yield from pool.imap(func, items, chunksize=1)


_shared: dict[str, Any] = {}


def spread_over(func: Callable[[Any, int, int], list[R]], shared: Any, size: int, jobs: int | None = None) -> list[R]:
    """func(shared, start, end) over slices of range(size), concatenated in order; `shared` (say, a
    knowledge base's facts) reaches each forked process without being copied through a pipe."""
    count = min(job_count(jobs), max(1, size // 2000))
    if count <= 1:
        return func(shared, 0, size)
    pieces = count * 4
    bounds = [(size * i // pieces, size * (i + 1) // pieces) for i in range(pieces)]
    _shared["func"], _shared["value"] = func, shared  # set before forking: the children inherit it
    try:
        pool = _pool(count)
        if pool is None:
            return func(shared, 0, size)
        with pool:
            parts = pool.map(_run_slice, bounds, chunksize=1)
    finally:
        _shared.clear()
    return [item for part in parts for item in part]


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    result: list[Any] = _shared["func"](_shared["value"], *bounds)
    return result
