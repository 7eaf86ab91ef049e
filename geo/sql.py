"""Reading the rows of `INSERT INTO t(cols) VALUES (...), (...);` statements from an SQL dump, as strings.

Owns only the SQL lexing. Why a hand-written scanner rather than one regex over the file: the boundary rows carry
string literals of up to a megabyte, where backtracking patterns can go quadratic; this scanner jumps with
`str.find`, so it is linear, and nothing read is ever evaluated. Understands MySQL string escapes (backslash and
doubled quotes), `NULL`, and `--`, `#` and `/* */` comments between statements.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_INSERT_HEAD = re.compile(r"INSERT\s+INTO\s+[`\"]?(\w+)[`\"]?\s*\(([^)]*)\)\s*VALUES\s*", re.IGNORECASE)
_BARE_VALUE = re.compile(r"[^,)]*")
_STATEMENT_STOP = re.compile(r"[;'\"]|--|/\*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "Z": "\x1a"}


class SqlSyntaxError(ValueError):
    """The dump is not in the expected shape; the message names the line."""


def insert_rows(text: str, table: str) -> Iterator[dict[str, str | None]]:
    """Each row inserted into `table`, as {column: value}; numbers stay strings, NULL becomes None."""
    pos = 0
    while (pos := _skip_blank_and_comments(text, pos)) < len(text):
        head = _INSERT_HEAD.match(text, pos)
        if head is None:
            pos = _skip_statement(text, pos)
            continue
        columns = [name.strip(" `\"\t\r\n") for name in head.group(2).split(",")]
        pos = head.end()
        while True:
            values, pos = _read_tuple(text, pos)
            if len(values) != len(columns):
                raise SqlSyntaxError(
                    f"line {_line_of(text, pos)}: {len(values)} values for {len(columns)} columns {columns}"
                )
            if head.group(1) == table:
                yield dict(zip(columns, values, strict=True))
            pos = _skip_blank_and_comments(text, pos)
            if not text.startswith(",", pos):
                break
            pos += 1


def _read_tuple(text: str, pos: int) -> tuple[list[str | None], int]:
    pos = _skip_blank_and_comments(text, pos)
    if not text.startswith("(", pos):
        raise SqlSyntaxError(f"line {_line_of(text, pos)}: expected '(' of a VALUES row, found {text[pos:pos + 20]!r}")
    pos += 1
    values: list[str | None] = []
    while True:
        pos = _skip_blank(text, pos)
        value, pos = _read_value(text, pos)
        values.append(value)
        pos = _skip_blank(text, pos)
        if text.startswith(",", pos):
            pos += 1
        elif text.startswith(")", pos):
            return values, pos + 1
        else:
            raise SqlSyntaxError(f"line {_line_of(text, pos)}: expected ',' or ')', found {text[pos:pos + 20]!r}")


def _read_value(text: str, pos: int) -> tuple[str | None, int]:
    if text.startswith("'", pos):
        return _read_string(text, pos)
    bare = _BARE_VALUE.match(text, pos)
    token = bare.group().strip()
    return (None if token.upper() == "NULL" else token), bare.end()


def _read_string(text: str, pos: int) -> tuple[str, int]:
    """A single-quoted literal starting at `pos`; returns its value and the position after the closing quote."""
    pieces = []
    start = pos + 1
    while True:
        quote = text.find("'", start)
        if quote == -1:
            raise SqlSyntaxError(f"line {_line_of(text, pos)}: string literal never closed")
        backslash = text.find("\\", start, quote)
        if backslash != -1:
            pieces.append(text[start:backslash])
            escaped = text[backslash + 1: backslash + 2]
            pieces.append(_ESCAPES.get(escaped, escaped))
            start = backslash + 2
        elif text.startswith("''", quote):
            pieces.append(text[start:quote + 1])
            start = quote + 2
        else:
            pieces.append(text[start:quote])
            return "".join(pieces), quote + 1


def _skip_statement(text: str, pos: int) -> int:
    """Past the `;` ending a statement we do not read (DDL, DELETE), minding quotes and comments."""
    while (stop := _STATEMENT_STOP.search(text, pos)) is not None:
        found = stop.group()
        if found == ";":
            return stop.end()
        if found == "'":
            _, pos = _read_string(text, stop.start())
        elif found == '"':
            closing = text.find('"', stop.end())
            pos = len(text) if closing == -1 else closing + 1
        else:
            pos = _skip_blank_and_comments(text, stop.start())
    return len(text)


def _skip_blank_and_comments(text: str, pos: int) -> int:
    while True:
        pos = _skip_blank(text, pos)
        if text.startswith("--", pos) or text.startswith("#", pos):
            end = text.find("\n", pos)
            pos = len(text) if end == -1 else end + 1
        elif text.startswith("/*", pos):
            end = text.find("*/", pos + 2)
            pos = len(text) if end == -1 else end + 2
        else:
            return pos


def _skip_blank(text: str, pos: int) -> int:
    length = len(text)
    while pos < length and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
