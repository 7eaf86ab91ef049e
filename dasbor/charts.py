"""Chart builders: pure functions `(frame, *, ...) -> go.Figure`, one look across the dashboard.

Every builder takes tidy data and the same argument names (`title`, `subtitle`), uses Indonesian number
separators and a colour-blind-safe palette (Okabe–Ito), and is tested by inspecting `fig.data`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dasbor.fmt import PLOTLY_SEPARATORS

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
PRIMARY = PALETTE[0]
FONT = "Source Sans Pro, Source Sans 3, sans-serif"  # bundled with Streamlit: no web font download


def styled(fig: go.Figure, *, title: str, subtitle: str = "", height: int = 420) -> go.Figure:
    """Common layout: title with the active filter as subtitle, Indonesian separators, no plotly logo."""
    fig.update_layout(
        title={"text": title, "subtitle": {"text": subtitle}, "x": 0, "xanchor": "left"},
        separators=PLOTLY_SEPARATORS,
        font={"family": FONT, "size": 14},
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 56, "b": 10},
        colorway=list(PALETTE),
        plot_bgcolor="white",
        hoverlabel={"font_size": 14},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
    )
    fig.update_xaxes(showgrid=False, linecolor="#888")
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
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
    return styled(fig, title=title, subtitle=subtitle)


def ranked_bars(frame: pd.DataFrame, *, label: str, value: str, title: str, subtitle: str = "",
                value_label: str = "Inovasi", hover_extra: str | None = None) -> go.Figure:
    """Horizontal bars, largest on top: for top-N lists of pemda."""
    ordered = frame.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=ordered[value], y=ordered[label], orientation="h", marker_color=PRIMARY,
        text=ordered[value], texttemplate="%{x:,.0f}", textposition="outside", cliponaxis=False,
        customdata=ordered[hover_extra] if hover_extra else None,
        hovertemplate="%{y}<br>" + value_label + ": %{x:,.0f}"
                      + ("<br>%{customdata}" if hover_extra else "") + "<extra></extra>",
    ))
    top = float(frame[value].max()) if len(frame) else 1.0
    fig.update_xaxes(title=value_label, range=[0, top * 1.18], tickformat=",.0f")  # room for the labels
    fig.update_yaxes(title=None, automargin=True)
    return styled(fig, title=title, subtitle=subtitle, height=max(320, 34 * len(frame) + 120))
