"""autofacts.frozen makes what `dataclass(frozen=True)` makes: each test runs the same class body
through both decorators and expects the same, hand-written, behaviour of each."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pytest

from autofacts.frozen import frozen


def _by_dataclass(**options: Any) -> Callable[[type], type]:
    return dataclass(frozen=True, **options)


def _by_frozen(**options: Any) -> Callable[[type], type]:
    return frozen(**options)  # type: ignore[no-any-return]


BOTH = pytest.mark.parametrize("make", [_by_dataclass, _by_frozen], ids=["dataclass", "frozen"])


def _point(make: Callable[..., Callable[[type], type]], **options: Any) -> Any:
    @make(**options)
    class Point:
        """A point with a label, a note nobody compares, a hidden cache and a list made per instance."""

        x: int
        y: int = 0
        label: str = field(default="", compare=False)
        cache: str = field(default="c", repr=False)
        tags: list[str] = field(default_factory=list, hash=False)

    return Point


@BOTH
def test_construction_defaults_and_repr(make: Any) -> None:
    point = _point(make)
    p = point(1, label="a")
    assert repr(p) == "_point.<locals>.Point(x=1, y=0, label='a', tags=[])"  # no cache: repr=False
    assert (p.x, p.y, p.label, p.cache, p.tags) == (1, 0, "a", "c", [])
    assert point(1).tags is not point(1).tags  # the factory runs for each instance
    with pytest.raises(TypeError):
        point()  # x has no default
    with pytest.raises(TypeError):
        point(1, 2, "a", "c", [], 6)  # one argument too many


@BOTH
def test_equality_and_hash_follow_compare_and_hash(make: Any) -> None:
    point = _point(make)
    assert point(1, 2, "a") == point(1, 2, "b")  # label is not compared
    assert point(1, 2) != point(1, 3)
    assert point(1, 2) != (1, 2)  # another type is never equal
    assert point(1, 2, tags=["t"]) != point(1, 2)  # tags are compared ...
    assert hash(point(1, 2, tags=["t"])) == hash(point(1, 2, "z"))  # ... but not hashed (nor is label)
    assert len({point(1, 2, "a"), point(1, 2, "b"), point(2, 2)}) == 2


@BOTH
def test_assignment_and_deletion_are_refused(make: Any) -> None:
    p = _point(make)(1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'y'"):
        del p.y
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.other = 1  # not a field either: nothing is added to a frozen record
    assert p.x == 1


@BOTH
def test_the_dataclasses_functions_work_on_it(make: Any) -> None:
    point = _point(make)
    p = point(1, 2, "a", tags=["t"])
    assert dataclasses.is_dataclass(p) and dataclasses.is_dataclass(point)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "label", "cache", "tags"]
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "label": "a", "cache": "c", "tags": ["t"]}
    moved = dataclasses.replace(p, y=5)
    assert (moved.x, moved.y, moved.label, moved.tags) == (1, 5, "a", ["t"])
    if make is _by_frozen:  # what copy.replace calls from Python 3.13 on (dataclass adds it there)
        assert p.__replace__(x=7) == point(7, 2, tags=["t"])
    assert point.__match_args__ == ("x", "y", "label", "cache", "tags")
    match p:
        case point(1, 2):
            matched = True
        case _:
            matched = False
    assert matched


# Pickled classes must be found by name, so these two live at module level.
@dataclass(frozen=True, slots=True)
class SlotsByDataclass:
    a: int
    b: str = "b"


@frozen(slots=True)
class SlotsByFrozen:
    a: int
    b: str = "b"


@pytest.mark.parametrize("cls", [SlotsByDataclass, SlotsByFrozen])
def test_slots_records_have_no_dict_and_pickle(cls: Any) -> None:
    r = cls(1)
    assert not hasattr(r, "__dict__") and cls.__slots__ == ("a", "b")
    assert repr(r) == f"{cls.__name__}(a=1, b='b')"
    back = pickle.loads(pickle.dumps(r))
    assert back == r and (back.a, back.b) == (1, "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.a = 2


@frozen
class Plain:
    a: int
    b: tuple[int, ...] = ()


def test_a_plain_record_pickles() -> None:
    assert pickle.loads(pickle.dumps(Plain(1, (2, 3)))) == Plain(1, (2, 3))


@BOTH
def test_order(make: Any) -> None:
    @make(order=True)
    class Version:
        major: int
        minor: int
        name: str = field(default="", compare=False)

    found = sorted([Version(2, 0, "c"), Version(1, 10, "b"), Version(1, 2, "a")])
    assert [v.name for v in found] == ["a", "b", "c"]
    assert Version(1, 2) <= Version(1, 2, "other") and Version(1, 3) > Version(1, 2)
    with pytest.raises(TypeError):
        assert Version(1, 2) < (1, 3)  # only records of one class are ordered


@BOTH
def test_post_init_runs_and_may_set_through_object(make: Any) -> None:
    @make()
    class Message:
        text: str

        def __post_init__(self) -> None:
            object.__setattr__(self, "text", " ".join(self.text.split()))

    assert Message("a \n  b").text == "a b"


@BOTH
def test_methods_written_in_the_class_are_kept(make: Any) -> None:
    @make()
    class Named:
        name: str

        def __repr__(self) -> str:
            return f"<{self.name}>"

        def __hash__(self) -> int:
            return 7

    assert repr(Named("x")) == "<x>" and hash(Named("x")) == 7


@BOTH
def test_a_default_before_a_required_field_is_refused(make: Any) -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @make()
        class Wrong:
            a: int = 0
            b: int  # type: ignore[misc]


def test_what_frozen_does_not_handle_is_refused() -> None:
    with pytest.raises(TypeError, match="ClassVar"):

        @frozen
        class Counted:
            count: ClassVar[int] = 0

    with pytest.raises(ValueError, match="mutable default"):

        @frozen
        class Listed:
            items: list[int] = []  # noqa: RUF012
