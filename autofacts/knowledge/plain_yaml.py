"""A fast reader for the plain YAML that knowledge-base files are written in.

PyYAML's libyaml composer hands every node to Python through callbacks (a Mark object for each end
of each node, a resolver call for each scalar): at 100,000 facts, two seconds before a record is
read. Fact files use a small part of YAML: block mappings and sequences, plain, quoted and folded
or literal block scalars, comments, and single-line flow lists and mappings of plain words. This
module reads exactly that part, line by line, into the nodes of yaml_nodes.py, with the same values,
styles, tags, lines and columns that libyaml gives.

It reads nothing it is not sure of. Anything else — anchors, aliases, tags, directives, documents
markers, tabs, a byte-order mark, line breaks other than LF and CRLF, control characters, quoted or
unusual keys, indentation indicators, multi-line flow collections, and every YAML error — makes
`compose` return None, and the caller reads the file with libyaml as before: so the answer, and
every error message with its line and column, is libyaml's whenever this reader could differ.
tests/test_plain_yaml.py compares the two on each construct and on whole knowledge bases.
"""

from __future__ import annotations

import re

from autofacts.knowledge.yaml_nodes import (
    MAP_TAG,
    NULL_TAG,
    NULL_WORDS,
    SEQ_TAG,
    STR_TAG,
    Mapping,
    Node,
    Scalar,
    Sequence,
)

# Characters this reader leaves to libyaml: tabs, line breaks other than LF (CRLF is made LF first),
# the byte-order mark, and everything YAML calls non-printable (libyaml's error names its place).
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# Keys as schemas write them; any other key (quoted, with spaces, with indicators) goes to libyaml.
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,200}")
# The words a single-line flow collection may hold here: [a, b-c, 2024] or {k: v}.
_FLOW_WORD = re.compile(r" *([A-Za-z0-9_][A-Za-z0-9_.\-/]{0,200})")
_BLOCK_HEADER = re.compile(r"([|>])([+-]?)(?: *| +#.*)")
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b",
    " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip
# The body of a double-quoted line up to its closing quote (or to a lone backslash, or the line's end).
_DOUBLE_BODY = re.compile(r'(?:[^"\\]|\\.)*')
# What may start a plain scalar: not an indicator ('-', '?' and ':' only before a non-space).
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_DEPTH = 100
# Each line, as a key and a value on one line where it is that simple: (indentation, "- " or "", key,
# the spaces after the colon, the value as written, "") for `key: value` or `- key: value`, else
# (indentation, "", "", "", "", the first character after the indentation, "" for none). One search
# over the file.
_PLAIN_ONE_LINE = r"""[^\s#'"\[\]{}&*!|>%@`,?:\-][^:#\n]*(?:(?::(?=[^ \n])|(?<!\ )\#)[^:#\n]*)*"""
_LINE = re.compile(
    r"""^(\ *)(?:(-\ +)?([A-Za-z0-9_][A-Za-z0-9_.\-]{0,200}):(\ +)("[^"\\\n]*"|'[^'\n]*'|"""
    + _PLAIN_ONE_LINE
    + r""")(?:\ *|\ +\#.*)$|(.?).*)""",
    re.M,
)


class _Unsupported(Exception):
    """Outside the subset (or not YAML at all): libyaml reads this file."""


def compose(text: str) -> Node | None:
    """The document's root node, or None where the text is outside the plain subset."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if _OUTSIDE.search(text) or text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return None
    lines = text.split("\n")
    info = _LINE.findall(text)
    ends_with_break = lines[-1] == ""
    if ends_with_break:
        lines.pop()
    if len(info) < len(lines):
        return None
    try:
        return _Composer(lines, info, ends_with_break).document()
    except (_Unsupported, IndexError):
        return None


def _is_key(line: str, start: int) -> bool:
    """Whether the text at `start` is a mapping's key (a ':' followed by a space or the line's end)."""
    if line[start] in "'\"[{>|":
        return False
    colon = line.find(":", start)
    while colon >= 0:
        if colon + 1 == len(line) or line[colon + 1] == " ":
            return True
        colon = line.find(":", colon + 1)
    return False


def _is_entry(line: str, start: int) -> bool:
    """Whether a block sequence's entry ('-' then a space or the line's end) starts at `start`."""
    return line[start] == "-" and (start + 1 == len(line) or line[start + 1] == " ")


def _after_closing(line: str, end: int) -> None:
    """After a closing quote or bracket only spaces and a comment may follow on the line."""
    rest = line[end:].lstrip(" ")
    if rest and (rest[0] != "#" or len(rest) == len(line) - end):
        raise _Unsupported


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        code = m.group(1)
        if len(code) == 1:
            if code not in _ESCAPES:
                raise _Unsupported
            return _ESCAPES[code]
        point = int(code[1:], 16)
        if 0xD800 <= point <= 0xDFFF or point > 0x10FFFF:
            raise _Unsupported
        return chr(point)

    return _ESCAPE.sub(one, raw)


class _Composer:
    """One document's lines, read top-down; each method returns a node and the index of the first
    line it did not consume."""

    def __init__(self, lines: list[str], info: list[tuple[str, ...]], ends_with_break: bool) -> None:
        self.lines = lines
        self.info = info
        self.n = len(lines)
        self.ends_with_break = ends_with_break
        self.depth = 0
        self.keys: set[str] = set()  # the keys seen to be plain

    def next_content(self, i: int) -> tuple[int, int]:
        """The first line at or after `i` that is neither blank nor a comment, and its indentation."""
        lines, n = self.lines, self.n
        while i < n:
            line = lines[i]
            body = line.lstrip(" ")
            if body and body[0] != "#":
                return i, len(line) - len(body)
            i += 1
        return n, -1

    def document(self) -> Node:
        i, indent = self.next_content(0)
        if i >= self.n or indent != 0 or not _is_key(self.lines[i], 0):
            raise _Unsupported
        root, i = self.mapping(i, 0)
        if self.next_content(i)[0] < self.n:
            raise _Unsupported
        return root

    def block(self, i: int, indent: int, parent: int) -> tuple[Node, int]:
        """The node whose first line is `i`, indented by `indent` (more than its parent's)."""
        line = self.lines[i]
        if _is_entry(line, indent):
            return self.sequence(i, indent)
        if _is_key(line, indent):
            return self.mapping(i, indent)
        if line[indent] in "|>":
            raise _Unsupported  # a block scalar's header on a line of its own
        return self.scalar(i, indent, parent)

    def mapping(self, i: int, indent: int) -> tuple[Mapping, int]:
        """A block mapping whose first key starts at column `indent` of line `i`, the others below it."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _Unsupported
        lines = self.lines
        pairs: list[tuple[Node, Node]] = []
        node = Mapping(pairs, MAP_TAG, i + 1, indent + 1)
        n, keys, info = self.n, self.keys, self.info
        first = i
        while True:
            spaces, dash, key, gap, text, _ = info[i]
            if key and len(spaces) + len(dash) == indent and (not dash or i == first) and i + 1 < n:
                after_spaces, _, after_key, _, _, after_first = info[i + 1]
                if (after_key or after_first not in ("", "#")) and len(after_spaces) <= indent:
                    # One line of text, and the mapping's next key (or less indented text) after it.
                    style = text[0]
                    if style == '"' or style == "'":
                        text = text[1:-1]
                        tag = STR_TAG
                    else:
                        style = ""
                        text = text.rstrip(" ")
                        tag = NULL_TAG if text in NULL_WORDS else STR_TAG
                    key_node = Scalar(key, "", NULL_TAG if key in NULL_WORDS else STR_TAG, i + 1, indent + 1)
                    pairs.append((key_node, Scalar(text, style, tag, i + 1, indent + len(key) + len(gap) + 2)))
                    i += 1
                    if len(after_spaces) < indent:
                        break
                    continue
            line = lines[i]
            colon = line.find(":", indent)
            key = line[indent:colon]
            if key not in keys:
                if colon < 0 or not _KEY.fullmatch(key):
                    raise _Unsupported
                keys.add(key)
            key_node = Scalar(key, "", NULL_TAG if key in NULL_WORDS else STR_TAG, i + 1, indent + 1)
            if colon + 1 < len(line) and line[colon + 1] != " ":
                raise _Unsupported
            value, i = self.value(i, colon + 1, indent, True)
            pairs.append((key_node, value))
            i, at = self.next_content(i)
            if at < indent:
                break
            if at > indent:
                raise _Unsupported
        self.depth -= 1
        return node, i

    def sequence(self, i: int, indent: int) -> tuple[Sequence, int]:
        """A block sequence whose entries' dashes stand at column `indent`."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _Unsupported
        lines = self.lines
        items: list[Node] = []
        node = Sequence(items, SEQ_TAG, i + 1, indent + 1)
        info = self.info
        item: Node
        while True:
            spaces, dash, key = info[i][:3]
            if key and dash and len(spaces) == indent:
                item, i = self.mapping(i, indent + len(dash))  # "- key: value", the common case
            else:
                item, i = self.value(i, indent + 1, indent, False)
            items.append(item)
            i, at = self.next_content(i)
            if at < indent or (at == indent and not _is_entry(lines[i], at)):
                break  # (a key at the dash's column ends a sequence that is a mapping's value)
            if at > indent:
                raise _Unsupported
        self.depth -= 1
        return node, i

    def value(self, i: int, col: int, parent: int, in_mapping: bool) -> tuple[Node, int]:
        """The node after a key's ':' or an entry's '-' at column `col` of line `i`; `parent` is the
        column of the mapping or sequence it belongs to."""
        line = self.lines[i]
        body = line[col:].lstrip(" ")
        if body and body[0] != "#":
            start = len(line) - len(body)
            if _is_key(line, start):
                if in_mapping:
                    raise _Unsupported  # "a: b: c"
                return self.mapping(i, start)  # "- id: x"
            if _is_entry(line, start):
                raise _Unsupported  # "- - x", or "a: - x"
            return self.scalar(i, start, parent)
        j, at = self.next_content(i + 1)
        if j < self.n:
            if at > parent:
                return self.block(j, at, parent)
            if at == parent and in_mapping and _is_entry(self.lines[j], at):
                return self.sequence(j, at)  # a list written at its key's column
        return Scalar("", "", NULL_TAG, i + 1, col + 1), i + 1

    def scalar(self, i: int, start: int, parent: int) -> tuple[Node, int]:
        """The scalar (or single-line flow collection) starting at column `start` of line `i`."""
        first = self.lines[i][start]
        if first == '"':
            return self.double_quoted(i, start, parent)
        if first == "'":
            return self.single_quoted(i, start, parent)
        if first in "|>":
            return self.block_scalar(i, start, parent)
        if first == "[" or first == "{":
            return self.flow(i, start), i + 1
        if first in _NOT_PLAIN_START and not (first in "-?:" and self.lines[i][start + 1 : start + 2] not in ("", " ")):
            raise _Unsupported
        return self.plain(i, start, parent)

    def plain(self, i: int, start: int, parent: int) -> tuple[Scalar, int]:
        lines = self.lines
        text, ended = _plain_part(lines[i][start:])
        if ended or i + 1 >= self.n:
            return Scalar(text, "", NULL_TAG if text in NULL_WORDS else STR_TAG, i + 1, start + 1), i + 1
        parts = [text]
        blank, j, last = 0, i + 1, i
        while j < self.n:
            line = lines[j]
            body = line.lstrip(" ")
            if not body:
                blank += 1
                j += 1
                continue
            if len(line) - len(body) <= parent:
                break
            if body[0] == "#":
                break  # a comment ends it (whatever follows, more indented, is libyaml's error)
            more, ended = _plain_part(body)
            parts.append("\n" * blank if blank else " ")
            parts.append(more)
            blank, last = 0, j
            j += 1
            if ended:
                break
        if last == i:
            return Scalar(text, "", NULL_TAG if text in NULL_WORDS else STR_TAG, i + 1, start + 1), i + 1
        return Scalar("".join(parts), "", STR_TAG, i + 1, start + 1), last + 1

    def single_quoted(self, i: int, start: int, parent: int) -> tuple[Scalar, int]:
        line = self.lines[i]
        end = line.find("'", start + 1)
        while end >= 0 and line[end + 1 : end + 2] == "'":
            end = line.find("'", end + 2)
        if end >= 0:
            _after_closing(line, end + 1)
            return Scalar(line[start + 1 : end].replace("''", "'"), "'", STR_TAG, i + 1, start + 1), i + 1
        return self.quoted_lines(i, start, parent, "'")

    def double_quoted(self, i: int, start: int, parent: int) -> tuple[Scalar, int]:
        line = self.lines[i]
        end = line.find('"', start + 1)
        if end >= 0 and "\\" not in line[start + 1 : end]:
            _after_closing(line, end + 1)
            return Scalar(line[start + 1 : end], '"', STR_TAG, i + 1, start + 1), i + 1
        return self.quoted_lines(i, start, parent, '"')

    def quoted_lines(self, i: int, start: int, parent: int, quote: str) -> tuple[Scalar, int]:
        """A quoted scalar, over one line or several, folded as YAML folds flow scalars: a line break
        becomes a space, n blank lines n line breaks; spaces around a break go, escaped ones stay."""
        lines = self.lines
        out: list[str] = []
        j, pos, blank, escaped_break = i, start + 1, 0, False
        while True:
            line = lines[j]
            if quote == "'":
                end = pos
                while True:
                    end = line.find("'", end)
                    if end < 0 or line[end + 1 : end + 2] != "'":
                        break
                    end += 2
                raw = line[pos:] if end < 0 else line[pos:end]
                closed = end >= 0
            else:
                end = pos + len(_DOUBLE_BODY.match(line, pos)[0])  # type: ignore[index]  # (it always matches)
                closed = end < len(line) and line[end] == '"'
                raw = line[pos:end]
            escaped_here = quote == '"' and not closed and end == len(line) - 1
            if j > i:
                raw = raw.lstrip(" ")
                if not raw and not closed and not escaped_here:
                    blank += 1
                    j, pos = j + 1, 0
                    if j >= self.n or len(lines[j]) - len(lines[j].lstrip(" ")) <= parent and lines[j].strip(" "):
                        raise _Unsupported
                    continue
                if escaped_break:
                    out.append("\n" * blank)
                else:
                    out.append("\n" * blank if blank else " ")
                blank = 0
            if closed:
                out.append(_unescape(raw) if quote == '"' else raw.replace("''", "'"))
                _after_closing(line, end + 1)
                return Scalar("".join(out), quote, STR_TAG, i + 1, start + 1), j + 1
            escaped_break = escaped_here
            if escaped_here:  # a backslash ends the line: the break is dropped
                out.append(_unescape(raw))
            else:
                stripped = raw.rstrip(" ")
                if quote == '"' and len(stripped) < len(raw) and _odd_backslashes(stripped):
                    stripped += " "  # "\ " is an escaped space: it stays
                out.append(_unescape(stripped) if quote == '"' else stripped.replace("''", "'"))
            j, pos = j + 1, 0
            if j >= self.n:
                raise _Unsupported
            nxt = lines[j]
            if nxt.strip(" ") and len(nxt) - len(nxt.lstrip(" ")) <= parent:
                raise _Unsupported  # libyaml allows it; this reader need not

    def block_scalar(self, i: int, start: int, parent: int) -> tuple[Scalar, int]:
        """A literal (|) or folded (>) scalar, its indentation that of its first line."""
        lines, n = self.lines, self.n
        header = _BLOCK_HEADER.fullmatch(lines[i], start)
        if header is None:
            raise _Unsupported  # an indentation indicator, or text after the header
        style, chomping = header.group(1), header.group(2)
        j, widest_blank = i + 1, 0
        while j < n and not lines[j].strip(" "):
            widest_blank = max(widest_blank, len(lines[j]))
            j += 1
        if j >= n:
            raise _Unsupported
        indent = len(lines[j]) - len(lines[j].lstrip(" "))
        if indent <= parent or widest_blank > indent:
            raise _Unsupported  # an empty block scalar, or a blank line wider than the text
        parts = ["\n" * (j - i - 1)]
        blank, last = 0, j
        while j < n:
            line = lines[j]
            body = line.lstrip(" ")
            if not body:
                if len(line) > indent:
                    raise _Unsupported
                blank += 1
                j += 1
                continue
            at = len(line) - len(body)
            if at < indent:
                break
            if at > indent and style == ">":
                raise _Unsupported  # more-indented lines of a folded scalar keep their breaks
            if j > last:
                parts.append("\n" * (blank + 1) if style == "|" else ("\n" * blank if blank else " "))
            parts.append(line[indent:])
            blank, last = 0, j
            j += 1
        breaks = j - last if j < n else n - 1 - last + self.ends_with_break
        if chomping == "+":
            parts.append("\n" * breaks)
        elif chomping == "" and breaks:
            parts.append("\n")
        return Scalar("".join(parts), style, STR_TAG, i + 1, start + 1), j

    def flow(self, i: int, start: int) -> Node:
        """[a, b] or {k: v, k2: v2} on one line, of plain words only."""
        line = self.lines[i]
        closing = "]" if line[start] == "[" else "}"
        items: list[Node] = []
        pairs: list[tuple[Node, Node]] = []
        pos = start + 1
        while True:
            rest = line[pos:].lstrip(" ")
            pos = len(line) - len(rest)
            if rest[:1] == closing:
                break
            word = _FLOW_WORD.match(line, pos)
            if word is None:
                raise _Unsupported
            text = word.group(1)
            item = _plain_scalar(text, i + 1, word.start(1) + 1)
            pos = word.end()
            if closing == "}":
                if line[pos : pos + 2] != ": ":
                    raise _Unsupported
                value = _FLOW_WORD.match(line, pos + 2)
                if value is None:
                    raise _Unsupported
                text = value.group(1)
                pairs.append((item, _plain_scalar(text, i + 1, value.start(1) + 1)))
                pos = value.end()
            else:
                items.append(item)
            while line[pos : pos + 1] == " ":
                pos += 1
            if line[pos : pos + 1] == ",":
                pos += 1
            elif line[pos : pos + 1] != closing:
                raise _Unsupported
        _after_closing(line, pos + 1)
        if closing == "]":
            return Sequence(items, SEQ_TAG, i + 1, start + 1)
        return Mapping(pairs, MAP_TAG, i + 1, start + 1)


def _plain_scalar(text: str, line: int, column: int) -> Scalar:
    return Scalar(text, "", NULL_TAG if text in NULL_WORDS else STR_TAG, line, column)


def _plain_part(text: str) -> tuple[str, bool]:
    """A plain scalar's text on one line (from its first character), and whether a comment ends it."""
    hash_at = text.find(" #")
    ended = hash_at >= 0
    if ended:
        text = text[:hash_at]
    if ": " in text or text.endswith(":"):
        raise _Unsupported  # a mapping inside a value: a YAML error, reported by libyaml
    return text.rstrip(" "), ended


def _odd_backslashes(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1
