"""Chart builders: pure functions `(frame, *, ...) -> go.Figure`, one look across the dashboard.

Every builder takes tidy data and the same argument names (`title`, `subtitle`), uses Indonesian number
separators and a colour-blind-safe palette (Okabe–Ito), and is tested by inspecting `fig.data`.
"""

from __future__ import annotations

import colorsys
import functools
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import orjson
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from data.formatting import persen
from ui.markdown import escape_plotly
from ui.style import FONT, OKABE_ITO, PLOTLY_SEPARATORS, TEXT_COLOUR, luminance

PALETTE = OKABE_ITO
PRIMARY = PALETTE[0]


# The look every chart shares, validated once: plotly checks each layout property it is given (≈ 1 ms each), so
# setting these per figure was two thirds of building a small chart. No plotly template underneath: smaller JSON.
BASE_TEMPLATE = go.layout.Template(layout={
    "font": {"family": FONT, "size": 14, "color": TEXT_COLOUR},
    "colorway": list(PALETTE),
    "plot_bgcolor": "white", "paper_bgcolor": "white",
    "hoverlabel": {"font_size": 14},
    # Below the plot: above it, a legend collides with the subtitle and is clipped in narrow columns.
    "legend": {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
    "xaxis": {"showgrid": False, "linecolor": "#888", "automargin": True},
    # the axis title clear of the longest tick label ("35.000"): plotly's own gap all but touched it on a phone
    "yaxis": {"gridcolor": "#e5e5e5", "zeroline": False, "automargin": True, "title": {"standoff": 14}},
})


class SharedFigure(go.Figure):
    """A finished figure that every session draws (ui.cached.figure): its plotly JSON is made once.

    st.plotly_chart asks a figure for `to_dict()` on every page view — a deep copy of every trace — and writes it
    with plotly.io.to_json, which walks every item in Python whenever a trace holds a numpy array of text (the map's
    hover data): for a 514-region map, a quarter of what a page view cost the server under load. Here the dict is
    made once, from `figure` exactly as built, in plain JSON types that orjson writes as they are. Read-only like
    every shared result: a change made to it later would not be sent.
    """

    def __init__(self, figure: go.Figure):
        super().__init__(figure)
        self._plain = orjson.loads(pio.to_json(figure.to_dict(), validate=False))

    def to_dict(self) -> dict:
        return self._plain


# Characters of a title (17 px) and of a subtitle (14 px) that fit on one line, by where the chart is drawn: plotly
# does not wrap them, and a longer one ran off the chart. A phone's chart is ≈ 360 px wide; on a larger screen a
# chart beside another keeps at least 28rem ≈ 450 px (ui.widgets.chart_columns), and one across the page at least
# ≈ 565 px (a 1024-px window with the sidebar open; measured: a 17-px title takes ≈ 9.7 px a character). Where the
# browser's window is known to be wider (the ui.viewport cookie), a chart across the page has more: ≥ 640 px from a
# 1,100-px window, ≥ 1,140 px from a 1,600-px one (the sidebar open, Streamlit's side padding).
LINE_CHARS = {"phone": (40, 46), "beside": (44, 58), "across": (54, 76), "across_laptop": (60, 84),
              "across_wide": (100, 130)}
ACROSS_BY_WINDOW = ((1600, "across_wide"), (1100, "across_laptop"))  # window px at least → placement
TITLE_CHARS, SUBTITLE_CHARS = LINE_CHARS["phone"]
_placement: ContextVar[str] = ContextVar("chart_placement", default="phone")
LABEL_CHARS = 20  # of a bar's name (14 px) beside a ranked bar, so that the bars keep most of a phone's chart
_BREAKS = ((" — ", " —"), (": ", ":"), (" · ", ""), (" ", ""))  # where a line may end, and what it keeps there


def place_charts(on_phone: bool, window_px: int | None = None) -> None:
    """Where this run's charts are drawn (set by dashboard.py from ui.viewport before the page runs): on a phone's
    narrow screen, or across the page of a window `window_px` wide (None: not known yet, the narrowest laptop's);
    ui.cached.figure keys every shared figure on it."""
    across = next((name for least, name in ACROSS_BY_WINDOW if window_px and window_px >= least), "across")
    _placement.set("phone" if on_phone else across)


def placement() -> str:
    return _placement.get()


@contextmanager
def side_by_side() -> Iterator[None]:
    """Charts built inside are drawn beside another (ui.widgets.chart_columns): shorter lines, except on a phone,
    where the columns stack and the phone's lines apply anyway."""
    token = _placement.set("phone" if _placement.get() == "phone" else "beside")
    try:
        yield
    finally:
        _placement.reset(token)


def wrapped(text: str, width: int) -> str:
    """`text` in lines of at most about `width` characters (`<br>` between them), ended after a ' — ' or ': ', else
    at a ' · ' (dropped), else at a space; a line is not cut shorter than a third of `width` to reach a better one."""
    if len(text) <= width:
        return text
    for separator, kept in _BREAKS:
        cut = text.rfind(separator, 0, width + len(separator))  # the line before it at most `width` long
        if cut >= width // 3:
            return text[:cut] + kept + "<br>" + wrapped(text[cut + len(separator):], width)
    return text  # a single word longer than a line


def styled(fig: go.Figure, *, title: str, subtitle: str = "", height: int = 420) -> go.Figure:
    """Common layout: title with the active filter as subtitle (each shown as typed, wrapped for where it is drawn),
    Indonesian separators, no plotly logo."""
    title_chars, subtitle_chars = LINE_CHARS[_placement.get()]
    title, subtitle = wrapped(escape_plotly(title), title_chars), wrapped(escape_plotly(subtitle), subtitle_chars)
    extra = 24 * title.count("<br>") + 18 * subtitle.count("<br>")  # the plot keeps its height below them
    height += extra
    fig.update_layout(
        template=BASE_TEMPLATE,
        # The first line's baseline 40 px (36 without subtitle) from the top: more lines go downwards, the subtitle
        # below them (plotly's own placement centres the first line in the top margin, which grows with the lines).
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left",
               "y": 1 - (40 if subtitle else 36) / height, "yref": "container", "yanchor": "bottom"},
        separators=PLOTLY_SEPARATORS,
        height=height,
        margin={"l": 10, "r": 10, "t": (80 if subtitle else 56) + extra, "b": 10},
    )
    return fig


def yearly_bars(yearly: pd.DataFrame, *, title: str, subtitle: str = "", value: str = "innovations",
                value_label: str = "Inovasi") -> go.Figure:
    """Bars per year with the value printed on each bar and growth vs the previous year in the hover."""
    growth_text = [("—" if pd.isna(g) else f"{g * 100:+.1f}%".replace(".", ","))
                   for g in yearly.get("growth", pd.Series([None] * len(yearly)))]
    fig = go.Figure(go.Bar(
        x=yearly["year"].astype(str), y=yearly[value], marker_color=PRIMARY, name=value_label,
        text=yearly[value], texttemplate="%{y:,.0f}", textposition="outside", cliponaxis=False,
        customdata=growth_text,
        hovertemplate="Tahun %{x}<br>" + value_label + ": %{y:,.0f}<br>Pertumbuhan: %{customdata}<extra></extra>",
    ))
    fig.update_yaxes(title=value_label, rangemode="tozero", tickformat=",.0f")
    fig.update_xaxes(title=None, type="category")
    _whole_ticks(fig, float(yearly[value].max()) if len(yearly) else 0)
    return styled(fig, title=title, subtitle=subtitle)


def ranked_bars(frame: pd.DataFrame, *, label: str, value: str, title: str, subtitle: str = "",
                value_label: str = "Inovasi", hover_extra: str | None = None) -> go.Figure:
    """Horizontal bars, largest on top: for top-N lists of pemda. A name longer than LABEL_CHARS goes on two lines
    (on a phone 'Daerah Khusus Ibukota Jakarta' on one line left the bars less than half the chart)."""
    ordered = frame.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=ordered[value], y=[wrapped(escape_plotly(name), LABEL_CHARS) for name in ordered[label]], orientation="h",
        marker_color=PRIMARY,
        text=ordered[value], texttemplate="%{x:,.0f}", textposition="outside", cliponaxis=False,
        customdata=ordered[hover_extra].map(escape_plotly) if hover_extra else None,
        hovertemplate="%{y}<br>" + value_label + ": %{x:,.0f}"
                      + ("<br>%{customdata}" if hover_extra else "") + "<extra></extra>",
    ))
    top = float(frame[value].max()) if len(frame) else 1.0
    fig.update_xaxes(title=value_label, range=[0, top * 1.18], tickformat=",.0f")  # room for the labels
    _whole_ticks(fig, top, axis="x")
    fig.update_yaxes(title=None, automargin=True)
    return styled(fig, title=title, subtitle=subtitle, height=max(320, 34 * len(frame) + 120))


# -- Analysis pages (tren, peringkat, penghargaan, profil) ---------------------------------------------------------
# Beyond eight series the Okabe–Ito colours repeat, so lines also change dash and bars gain a hatch pattern:
# every series stays distinguishable without relying on colour alone.
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")
NEGATIVE = PALETTE[3]  # vermillion: falls and declines, next to the blue of rises


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _text_colour(i: int) -> str:
    """The series' colour for a label on white: the same hue, darkened until it reads (Okabe–Ito yellow, orange
    and sky blue are 1.2–2.2 : 1 against white)."""
    return readable_on_white(_colour(i))


@functools.lru_cache(maxsize=32)
def readable_on_white(colour: str, ratio: float = 4.5) -> str:
    """`colour` ('#RRGGBB') darkened in steps of lightness, hue kept, until its contrast with white reaches `ratio`
    (WCAG AA for text of normal size)."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
    while _contrast_with_white(colorsys.hls_to_rgb(hue, light, sat)) < ratio and light > 0:
        light = max(light - 0.02, 0)
    return "#" + "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, light, sat))


def _contrast_with_white(rgb) -> float:
    return 1.05 / (luminance(rgb) + 0.05)


def _dash(i: int) -> str:
    return DASHES[(i // len(PALETTE)) % len(DASHES)]


def _pattern(i: int) -> str:
    return PATTERNS[(i // len(PALETTE)) % len(PATTERNS)]


def _percent_text(value) -> str:
    return persen(value, signed=True)


def _years_axis(fig: go.Figure) -> None:
    fig.update_xaxes(title=None, type="category")


def _whole_ticks(fig: go.Figure, top: float, axis: str = "y") -> None:
    """Counts up to 10: a tick at every whole number (plotly's own steps of 0.5 printed as '0, 1, 1, 2, 2')."""
    if 0 < top <= 10:
        (fig.update_xaxes if axis == "x" else fig.update_yaxes)(dtick=1, tick0=0)


def _legend_room(fig: go.Figure, names: list, width: int = 90) -> None:
    """Legends of many categories wrap onto several rows below the plot: leave room for them."""
    rows = 1 + sum(len(str(n)) + 5 for n in names) // width
    fig.update_layout(margin={"b": 40 + 22 * rows},
                      legend={"y": -0.1 - 0.02 * rows if rows > 3 else -0.12})


def series_lines(frame: pd.DataFrame, *, x: str = "year", y: str, series: str, title: str, subtitle: str = "",
                 value_label: str = "Inovasi", percent: bool = False, order: list[str] | None = None) -> go.Figure:
    """One line per series (e.g. pemda) over the years; gaps where the value is undefined (growth from zero)."""
    fig = go.Figure()
    names = order if order is not None else list(dict.fromkeys(frame[series]))
    for i, name in enumerate(names):
        rows = frame[frame[series] == name]
        values = pd.to_numeric(rows[y], errors="coerce")
        text = ([_percent_text(v) if pd.notna(v) else "—" for v in values] if percent
                else [None] * len(rows))
        fig.add_trace(go.Scatter(
            x=rows[x].astype(str), y=values, name=escape_plotly(name), meta=escape_plotly(name),
            mode="lines+markers", connectgaps=False,
            line={"color": _colour(i), "dash": _dash(i), "width": 2.5}, marker={"size": 7},
            customdata=text,
            hovertemplate=(f"%{{meta}}<br>Tahun %{{x}}<br>{value_label}: "
                           + ("%{customdata}" if percent else "%{y:,.0f}") + "<extra></extra>"),
        ))
    fig.update_yaxes(title=value_label, tickformat="+.0%" if percent else ",.0f",
                     rangemode="normal" if percent else "tozero")
    if not percent:
        _whole_ticks(fig, float(pd.to_numeric(frame[y], errors="coerce").max()) if len(frame) else 0)
    if percent:
        fig.add_hline(y=0, line_color="#888", line_width=1)
    _years_axis(fig)
    fig = styled(fig, title=title, subtitle=subtitle, height=440)
    _legend_room(fig, names)
    return fig


def growth_bars(yearly: pd.DataFrame, *, title: str, subtitle: str = "", value: str = "growth") -> go.Figure:
    """Growth vs the previous year per year: rises blue, falls vermillion, '—' where there is no base."""
    values = pd.to_numeric(yearly[value], errors="coerce")
    colours = [PRIMARY if (pd.isna(v) or v >= 0) else NEGATIVE for v in values]
    text = [_percent_text(v) if pd.notna(v) else "—" for v in values]
    fig = go.Figure(go.Bar(
        x=yearly["year"].astype(str), y=values.fillna(0), marker_color=colours, name="Pertumbuhan",
        text=text, textposition="outside", cliponaxis=False, customdata=text,
        hovertemplate="Tahun %{x}<br>Pertumbuhan: %{customdata}<extra></extra>",
    ))
    top = float(values.abs().max()) if values.notna().any() else 0.1
    low = float(values.min()) if values.notna().any() else 0.0
    fig.update_yaxes(title="Pertumbuhan vs tahun sebelumnya", tickformat="+.0%",
                     range=[min(low * 1.25, 0) - 0.02, top * 1.25 + 0.02])
    fig.add_hline(y=0, line_color="#888", line_width=1)
    _years_axis(fig)
    return styled(fig, title=title, subtitle=subtitle)


def stacked_bars(frame: pd.DataFrame, *, x: str = "year", y: str, color: str, title: str, subtitle: str = "",
                 value_label: str = "Inovasi", percent: bool = False, share: str | None = None,
                 order: list[str] | None = None, height: int = 440) -> go.Figure:
    """Stacked bars per year, one trace per category (in `order`); `percent` stacks the `share` column to 100%."""
    fig = go.Figure()
    names = order if order is not None else list(dict.fromkeys(frame[color]))
    for i, name in enumerate(names):
        rows = frame[frame[color] == name]
        counts = rows[y].to_numpy()
        shares = rows[share].to_numpy() if share else None
        custom = [[int(c), ("—" if s is None or pd.isna(s) else f"{s * 100:.1f}%".replace(".", ","))]
                  for c, s in zip(counts, shares if shares is not None else [None] * len(rows), strict=True)]
        fig.add_trace(go.Bar(
            x=rows[x].astype(str), y=shares if percent else counts, name=escape_plotly(name), meta=escape_plotly(name),
            marker={"color": _colour(i), "pattern": {"shape": _pattern(i), "fillmode": "overlay", "size": 6}},
            customdata=custom,
            hovertemplate=(f"%{{meta}}<br>Tahun %{{x}}<br>{value_label}: %{{customdata[0]:,.0f}}"
                           + (" (%{customdata[1]})" if share else "") + "<extra></extra>"),
        ))
    # One or two years: narrower bars instead of one slab across the whole width.
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"},
                      bargap=0.2 if frame[x].nunique() > 2 else 0.7)
    if percent:
        fig.update_yaxes(title=f"Bagian dari {value_label.lower()} per tahun", tickformat=".0%", range=[0, 1])
    else:
        fig.update_yaxes(title=value_label, tickformat=",.0f", rangemode="tozero")
        _whole_ticks(fig, float(frame.groupby(x, observed=True)[y].sum().max()) if len(frame) else 0)
    _years_axis(fig)
    fig = styled(fig, title=title, subtitle=subtitle, height=height)
    _legend_room(fig, names)
    return fig


def bump_chart(history: pd.DataFrame, *, label: str = "name", x: str = "year", rank: str = "rank", title: str,
               subtitle: str = "", order: list[str] | None = None, narrow: bool = False) -> go.Figure:
    """Rank over the years, best on top; each line named at its last point (no colour-only legend).

    `narrow` (a phone): the names would take most of the width, so a line ends in its rank only and the names are
    listed below the plot, one a row, each with that rank, its colour and its dash."""
    fig = go.Figure()
    names = order if order is not None else list(dict.fromkeys(history[label]))
    years = sorted(history[x].unique())
    # One table of ranks (year × name), made once: each line is a column of it.
    table = history.pivot_table(index=x, columns=label, values=rank, aggfunc="first", observed=True)
    table = table.reindex(index=years, columns=names).astype("float64")
    for i, name in enumerate(names):
        ranks = table[name]
        last = ranks.last_valid_index()
        end = f"({int(ranks[last])})" if last is not None else ""
        shown = escape_plotly(name)
        text = [(end if narrow else f"{shown} {end}") if yr == last else "" for yr in years]
        fig.add_trace(go.Scatter(
            x=[str(y) for y in years], y=ranks, name=f"{shown} {end}" if narrow else shown, meta=shown,
            mode="lines+markers+text", connectgaps=False,
            line={"color": _colour(i), "dash": _dash(i), "width": 2.5}, marker={"size": 9},
            text=text, textposition="middle right", textfont={"size": 12, "color": _text_colour(i)},
            cliponaxis=False,
            hovertemplate="%{meta}<br>Tahun %{x}<br>Peringkat %{y}<extra></extra>",
        ))
    worst = float(history[rank].max()) if len(history) else 10.0
    if worst > max(30, 3 * len(names)):
        # A pemda that climbed from rank 300 would squash the top ranks together: a log axis keeps both visible.
        ticks = [t for t in (1, 2, 3, 5, 10, 20, 50, 100, 200, 500) if t <= worst * 1.05]
        fig.update_yaxes(title="Peringkat (skala log)", type="log", autorange=False,
                         range=[math.log10(worst * 1.15), math.log10(0.8)], tickvals=ticks,
                         ticktext=[str(t) for t in ticks], zeroline=False)
    else:
        step = next(s for s in (1, 2, 5, 10, 20, 50) if worst / s <= 10)
        ticks = sorted({1, *range(step, int(worst) + 1, step)})  # rank 1 always has its tick
        fig.update_yaxes(title="Peringkat", autorange=False, range=[worst + 0.5, 0.5], tickvals=ticks,
                         ticktext=[str(t) for t in ticks], zeroline=False)
    _years_axis(fig)
    plot_height = max(380, 30 * len(names) + 160)
    legend_height = 22 * len(names) + 50 if narrow else 0  # the legend's rows below the plot, which keeps its height
    fig = styled(fig, title=title, subtitle=subtitle, height=plot_height + legend_height)
    if narrow:
        fig.update_layout(showlegend=True, margin={"r": 40, "b": legend_height},
                          legend={"entrywidth": 1, "entrywidthmode": "fraction", "y": -50 / plot_height})
    else:
        longest = max((len(str(n)) for n in names), default=10)
        fig.update_layout(showlegend=False, margin={"r": min(40 + 7 * (longest + 5), 320)})
    return fig
