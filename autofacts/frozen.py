"""Frozen records: what `@dataclass(frozen=True)` makes, without compiling code for each class.

Python 3.11's dataclass compiles up to six functions from source for each frozen class (__init__,
__repr__, __eq__, __hash__, __setattr__, __delattr__), about 0.3 ms a class, and `autofacts show`
defines two dozen record classes before it prints a line (docs/performance.md, "Start-up, third
pass"). Here only __init__ is compiled, since a generic one would slow the making of every fact;
the others are shared functions over the class's field names. To every reader the class is a
frozen dataclass: `dataclasses.fields`, `replace`, `asdict` and `is_dataclass` work on it,
assigning a field raises `dataclasses.FrozenInstanceError`, mypy reads it as a dataclass
(`dataclass_transform`), and tests/test_frozen.py holds it to what `dataclass(frozen=True)` does
with the same class bodies. It covers what autofacts' records use (defaults, `field(...)` with
`default_factory`, `repr`, `compare` and `hash`, `__post_init__`, `order`, `slots`); an annotation
it does not handle (ClassVar, InitVar, KW_ONLY) is refused rather than misread.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # mypy reads @frozen classes as dataclasses; at run time the marker does nothing
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[T], T]:
        return lambda decorator: decorator


T = TypeVar("T")

_MISSING: Any = dataclasses.MISSING


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T] | None = None, /, *, order: bool = False, slots: bool = False) -> Any:
    """`@frozen`, `@frozen(order=True)`, `@frozen(slots=True)`: as `@dataclass(frozen=True, ...)`."""

    def wrap(cls: type[T]) -> type[T]:
        made: type[T] = _make(cls, order, slots)
        return made

    return wrap if cls is None else wrap(cls)


def _fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """The fields of the class and its dataclass bases, in dataclass order, as dataclasses makes them."""
    found: dict[str, dataclasses.Field[Any]] = {}
    for base in reversed(cls.__mro__[1:]):
        found.update(getattr(base, "__dataclass_fields__", {}))
    for name, kind in cls.__dict__.get("__annotations__", {}).items():
        text = kind if isinstance(kind, str) else getattr(kind, "__name__", repr(kind))
        if text.split("[")[0].rsplit(".", 1)[-1] in ("ClassVar", "InitVar", "KW_ONLY"):
            raise TypeError(f"{cls.__qualname__}.{name}: {text} is not handled by @frozen; use @dataclass")
        default = cls.__dict__.get(name, _MISSING)
        spec = default if isinstance(default, dataclasses.Field) else dataclasses.field(default=default)
        if isinstance(spec.default, (list, dict, set)):
            raise ValueError(
                f"mutable default {type(spec.default)} for field {name} is not allowed: use default_factory"
            )
        spec.name, spec.type, spec.kw_only = name, kind, False
        spec._field_type = dataclasses._FIELD  # type: ignore[attr-defined,union-attr]  # what fields() lists
        if isinstance(default, dataclasses.Field):  # the class attribute becomes the default, as dataclass does
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        found[name] = spec
    return found


def _init(cls: type, fields: list[dataclasses.Field[Any]]) -> Callable[..., None]:
    """__init__, compiled: it runs once for every fact a base holds, so it is written out."""
    params, lines, env = ["self"], [], {"__set": object.__setattr__, "__missing": _MISSING}
    seen_default = False
    for f in fields:
        if f.default is not _MISSING:
            env[f"__d_{f.name}"] = f.default
        if f.default_factory is not _MISSING:
            env[f"__f_{f.name}"] = f.default_factory
        if not f.init:
            value = f"__f_{f.name}()" if f.default_factory is not _MISSING else f"__d_{f.name}"
            if f.default is _MISSING and f.default_factory is _MISSING:
                continue
        elif f.default_factory is not _MISSING:
            params.append(f"{f.name}=__missing")
            value = f"__f_{f.name}() if {f.name} is __missing else {f.name}"
            seen_default = True
        elif f.default is not _MISSING:
            params.append(f"{f.name}=__d_{f.name}")
            value = f.name
            seen_default = True
        else:
            if seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            params.append(f.name)
            value = f.name
        lines.append(f"  __set(self, {f.name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        lines.append("  self.__post_init__()")
    body = "\n".join(lines) or "  pass"
    text = f"def __make({', '.join(env)}):\n def __init__({', '.join(params)}):\n{body}\n return __init__"
    made: dict[str, Any] = {}
    exec(text, {}, made)  # noqa: S102 - our own text, from the class's field names
    init: Callable[..., None] = made["__make"](**env)
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in fields if f.init}, "return": None}
    return init


def _getter(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` as a tuple (a C attrgetter; one name still gives a tuple)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return attrgetter(*names) if names else (lambda self: ())


def _make(cls: Any, order: bool, slots: bool) -> Any:
    fields = _fields(cls)
    listed = list(fields.values())
    names = tuple(fields)
    if slots:
        body = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
        inherited = {s for base in cls.__mro__[1:-1] for s in getattr(base, "__slots__", ())}
        body["__slots__"] = tuple(n for n in names if n not in inherited)
        qualname = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, body)
        cls.__qualname__ = qualname
        if "__getstate__" not in body:  # pickling a frozen class with slots, as dataclass does
            cls.__getstate__ = _getstate
        if "__setstate__" not in body:
            cls.__setstate__ = _setstate
    cls.__dataclass_fields__ = fields  # what makes it a dataclass to `dataclasses`
    own = cls.__dict__
    cls.__init__ = _init(cls, listed)
    shown = [f.name for f in listed if f.repr]
    if "__repr__" not in own:
        cls.__repr__ = _repr(shown)
    compared = _getter([f.name for f in listed if f.compare])
    if "__eq__" not in own:
        cls.__eq__ = _eq(compared)
    explicit_hash = own.get("__hash__", _MISSING) not in (_MISSING, None) or (
        own.get("__hash__", _MISSING) is None and "__eq__" not in own
    )
    if not explicit_hash:
        hashed = _getter([f.name for f in listed if (f.compare if f.hash is None else f.hash)])
        cls.__hash__ = lambda self: hash(hashed(self))
    if order:
        for name, test in (
            ("__lt__", tuple.__lt__),
            ("__le__", tuple.__le__),
            ("__gt__", tuple.__gt__),
            ("__ge__", tuple.__ge__),
        ):
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            setattr(cls, name, _compare(compared, test))
    frozen_names = frozenset(names)
    cls.__setattr__ = _refuse_set(cls, frozen_names)
    cls.__delattr__ = _refuse_delete(cls, frozen_names)
    if "__replace__" not in own:  # copy.replace (Python 3.13), as dataclass gives it there
        cls.__replace__ = _replace
    if "__match_args__" not in own:
        cls.__match_args__ = tuple(f.name for f in listed if f.init)  # type: ignore[misc]
    for name in (
        "__repr__",
        "__eq__",
        "__hash__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__setattr__",
        "__delattr__",
    ):
        made = own.get(name)
        if getattr(made, "__module__", None) == __name__:  # ours: named as dataclass names them, for tracebacks
            made.__qualname__ = f"{cls.__qualname__}.{name}"
    return cls


def _repr(names: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({inner})"

    return reprlib.recursive_repr()(__repr__)  # a record inside itself shows as "...", as dataclass does


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _compare(values: Callable[[Any], tuple[Any, ...]], test: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return test(values(self), values(other))
        return NotImplemented

    return compare


def _refuse_set(cls: Any, names: frozenset[str]) -> Callable[[Any, str, Any], None]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _refuse_delete(cls: Any, names: frozenset[str]) -> Callable[[Any, str], None]:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__


def _replace(self: Any, /, **changes: Any) -> Any:
    return dataclasses.replace(self, **changes)


def _getstate(self: Any) -> list[Any]:
    return [getattr(self, name) for name in self.__dataclass_fields__]


def _setstate(self: Any, state: list[Any]) -> None:
    for name, value in zip(self.__dataclass_fields__, state, strict=True):
        object.__setattr__(self, name, value)
