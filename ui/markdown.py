"""User text shown, never interpreted: inside Streamlit markdown (titles, file names, headers, search terms) and
inside plotly's text (trace names, axis labels, hover, titles), which renders its own subset of HTML."""

from __future__ import annotations

import html
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def escape_markdown(text: object) -> str:
    """User text (titles, file names, header names) safe inside Streamlit markdown: shown, never interpreted."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def shortened(text: str, limit: int = 60) -> str:
    """Text from a link, cut to `limit` characters (a pasted 20.000-character value is not repeated in full)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def escape_plotly(text: object) -> str:
    """Text from the data safe inside a plotly figure: plotly draws `<b>`, `<a href>`, `<br>` and entities in every
    label, so `<`, `>` and `&` become entities, which it shows as the characters typed; and it fills a `%{…}` in
    names and titles from the figure's data, so its `%` becomes an entity too. (Hover templates: data text goes into
    them as a value — `%{meta}`, `%{customdata}` — never into the template itself.)"""
    return html.escape(str(text), quote=False).replace("%{", "&#37;{")
