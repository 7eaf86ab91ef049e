"""User text inside Streamlit markdown: shown, never interpreted (titles, file names, headers, search terms)."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def escape_markdown(text: object) -> str:
    """User text (titles, file names, header names) safe inside Streamlit markdown: shown, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
