"""Width of a line of text in pixels, measured with the DejaVu Sans font matplotlib ships (no system font needed).

The layout of a map (briefing.layout) wraps titles and sizes legend columns with these numbers. DejaVu Sans is wider
than Arial and Liberation Sans, the browser's first choices, so a line that fits here fits in the browser too.
"""

from __future__ import annotations

import functools
import os

_REFERENCE_SIZE = 100


@functools.lru_cache(maxsize=4)
def _font(bold: bool):
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path = os.path.join(matplotlib.get_data_path(), "fonts", "ttf", name)
    return ImageFont.truetype(path, _REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=4096)
def _reference_width(text: str, bold: bool) -> float:
    return float(_font(bold).getlength(text))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Pixels that `text` takes at `size` px."""
    return _reference_width(text, bold) * size / _REFERENCE_SIZE


SEPARATOR = "·"  # between the parts of a subtitle: 'per kabupaten/kota · Tahun 2018–2025 · Lampung'
_ENDS_PART = " " + SEPARATOR  # a word carrying the separator after it


def wrap(text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """Greedy word wrap of `text` into lines no wider than `max_width` (a single over-long word stays whole);
    beyond `max_lines` the last line ends with '…'. A ' · ' between parts stays with the part before it and is
    dropped where a line ends: no line starts with '· seluruh Indonesia'."""
    words: list[str] = []
    for word in text.split():
        if word == SEPARATOR and words:
            words[-1] += _ENDS_PART
        else:
            words.append(word)
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and text_width(candidate.removesuffix(_ENDS_PART), size, bold=bold) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        while last and text_width(last + " …", size, bold=bold) > max_width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines = lines[: max_lines - 1] + [last.removesuffix(_ENDS_PART) + " …"]
    return [line.removesuffix(_ENDS_PART) for line in lines]
