"""Chart builders (ui.charts) tested by inspecting the figures they return: no browser."""

from __future__ import annotations

import pandas as pd

from ui import charts


def test_bump_chart_puts_rank_one_on_top_and_names_lines():
    history = pd.DataFrame({"name": ["A", "A", "B", "B"], "year": [2023, 2024, 2023, 2024], "rank": [2, 1, 1, 2]})
    fig = charts.bump_chart(history, title="t")
    low, high = fig.layout.yaxis.range
    assert low > high, "reversed axis: rank 1 at the top"
    assert [t.name for t in fig.data] == ["A", "B"]
    assert fig.data[0].text[-1] == "A (1)"
    assert fig.layout.separators == ",."


def test_bump_chart_on_a_phone_ends_lines_in_their_rank_and_lists_the_names_below():
    history = pd.DataFrame({"name": ["Kab. Lima Puluh Kota"] * 2 + ["B"] * 2, "year": [2023, 2024] * 2,
                            "rank": [2, 1, 1, 2]})
    wide, narrow = (charts.bump_chart(history, title="t", narrow=n) for n in (False, True))
    assert wide.layout.margin.r > 200 and wide.layout.showlegend is False  # names beside the lines
    assert narrow.layout.margin.r <= 40 and narrow.layout.showlegend is True
    assert [t.text[-1] for t in narrow.data] == ["(1)", "(2)"]
    assert [t.name for t in narrow.data] == ["Kab. Lima Puluh Kota (1)", "B (2)"]  # the legend, one name a row
    assert narrow.layout.legend.entrywidthmode == "fraction" and narrow.layout.legend.entrywidth == 1
    assert narrow.layout.height - narrow.layout.margin.b == wide.layout.height  # the plot keeps its height


def test_a_phone_is_told_by_the_width_reported_earlier_else_by_its_user_agent():
    from ui.viewport import is_phone, parse_size

    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
    desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
    assert is_phone(None, iphone) and not is_phone(None, desktop)
    assert is_phone((358, 844, 390), desktop) and not is_phone((1200, 1000, 1440), iphone)
    assert parse_size("1280x720x1280") == (1280, 720, 1280)
    assert [parse_size(t) for t in ("²x1x1", "0x720x1280", "1280x720", "")] == [None] * 4  # no ValueError


def test_ranked_bars_put_the_largest_on_top_and_a_long_name_on_two_lines():
    frame = pd.DataFrame({"name": ["Jawa Tengah", "Daerah Khusus Ibukota Jakarta"], "awards": [130, 39]})
    fig = charts.ranked_bars(frame, label="name", value="awards", title="t")
    assert list(fig.data[0].y) == ["Daerah Khusus<br>Ibukota Jakarta", "Jawa Tengah"]  # plotly draws the last on top
    assert list(fig.data[0].x) == [39, 130]


def test_growth_bars_show_a_dash_where_there_is_no_base():
    yearly = pd.DataFrame({"year": [2018, 2019, 2020], "growth": [None, 0.5, -0.25]})
    fig = charts.growth_bars(yearly, title="t")
    assert list(fig.data[0].text) == ["—", "+50,0%", "-25,0%"]
    assert fig.data[0].marker.color[2] == charts.NEGATIVE


def test_bump_chart_always_has_a_tick_for_rank_one():
    history = pd.DataFrame({"name": ["A"] * 3 + ["B"] * 3, "year": [2021, 2022, 2023] * 2, "rank": [1, 3, 9, 12, 7, 2]})
    ticks = list(charts.bump_chart(history, title="t").layout.yaxis.tickvals)
    assert ticks[0] == 1 and ticks == sorted(ticks) and max(ticks) <= 12


def test_a_shared_figure_sends_the_same_json_made_once_in_plain_types():
    """What st.plotly_chart sends for a SharedFigure equals what it sends for the figure itself; the dict is made
    once and orjson writes it as it is (a numpy array of text, like the map's hover data, no longer makes plotly
    walk every item)."""
    import json

    import numpy as np
    import orjson
    import plotly.graph_objects as go
    import plotly.io as pio
    import plotly.tools

    fig = charts.yearly_bars(pd.DataFrame({"year": [2023, 2024], "innovations": [1200, 1500], "growth": [None, 0.25]}),
                             title="Inovasi per tahun", subtitle="2023–2024")
    fig.add_trace(go.Scatter(x=["2023", "2024"], y=[1, 2], customdata=np.column_stack([["a", "b"], ["1,0", "2,0"]])))
    shared = charts.SharedFigure(fig)

    def sent(figure) -> dict:  # what st.plotly_chart does with a figure (streamlit/elements/plotly_chart.py)
        return json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(figure, True), validate=False))

    assert sent(shared) == sent(fig)
    assert shared.to_dict() is shared.to_dict()
    orjson.dumps(shared.to_dict(), option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)  # no TypeError
    assert sent(shared)["data"][1]["customdata"] == [["a", "1,0"], ["b", "2,0"]]


def test_long_titles_and_subtitles_wrap_for_a_phone_and_the_plot_keeps_its_height():
    """plotly does not wrap a title: on a phone's ≈ 360-px chart a long one ran off the chart."""
    assert charts.wrapped("Inovasi dilaporkan per tahun — pertumbuhan vs tahun sebelumnya", charts.TITLE_CHARS) == \
        "Inovasi dilaporkan per tahun —<br>pertumbuhan vs tahun sebelumnya"
    subtitle = "Tahun 2018–2025 · Sumatera Selatan · pemda kabupaten · tahap penerapan · jenis digital"
    assert charts.wrapped(subtitle, charts.SUBTITLE_CHARS) == \
        "Tahun 2018–2025 · Sumatera Selatan<br>pemda kabupaten · tahap penerapan<br>jenis digital"
    assert charts.wrapped("Inovasi dilaporkan per tahun", charts.TITLE_CHARS) == "Inovasi dilaporkan per tahun"
    for line in charts.wrapped("10 teratas 2025: peringkat dari tahun ke tahun di kabupaten/kota", 40).split("<br>"):
        assert len(line) <= 40 + 2  # a ' —' or ':' kept at the end of a line

    yearly = pd.DataFrame({"year": [2024, 2025], "innovations": [10, 12]})
    short = charts.yearly_bars(yearly, title="Inovasi per tahun", subtitle="2024–2025")
    long = charts.yearly_bars(yearly, title="Inovasi dilaporkan per tahun — pertumbuhan vs tahun sebelumnya",
                              subtitle=subtitle)
    assert long.layout.title.text.count("<br>") == 1 and long.layout.title.subtitle.text.count("<br>") == 2
    plot = [fig.layout.height - fig.layout.margin.t - fig.layout.margin.b for fig in (short, long)]
    assert plot[0] == plot[1] and long.layout.margin.t > short.layout.margin.t


def test_text_from_the_data_is_shown_as_typed_never_as_markup_or_a_template():
    """Urusan, award and pemda names come from imported files: plotly would draw `<a href>`/`<b>` in them and
    substitute a `%{y}` put into a hover template."""
    evil = '<a href="https://evil.example/">klik</a> <b>tebal</b> %{y}'
    escaped = '&lt;a href="https://evil.example/"&gt;klik&lt;/a&gt; &lt;b&gt;tebal&lt;/b&gt; &#37;{y}'
    tidy = pd.DataFrame({"year": [2023, 2024], "name": [evil, evil], "count": [3, 4], "share": [1.0, 1.0]})
    figures = [
        charts.stacked_bars(tidy, y="count", color="name", share="share", title=evil, subtitle=evil),
        charts.series_lines(tidy, y="count", series="name", title="t"),
        charts.bump_chart(tidy.assign(rank=[1, 1]), title="t"),
    ]
    for fig in figures:
        trace = fig.data[0]
        assert trace.name == escaped and trace.meta == escaped
        assert "evil" not in trace.hovertemplate and trace.hovertemplate.startswith("%{meta}")
    assert figures[0].layout.title.text.startswith("&lt;a") and "<a " not in figures[0].layout.title.subtitle.text
    assert figures[2].data[0].text[-1] == escaped + " (1)"
    bars = charts.ranked_bars(tidy.assign(note=[evil, evil]), label="name", value="count", title="t",
                              hover_extra="note")
    assert "<a " not in "".join(bars.data[0].y) and list(bars.data[0].customdata) == [escaped, escaped]


def test_small_counts_get_a_tick_at_each_whole_number_not_repeated_labels():
    """Up to 10, plotly steps by 0.5, which ',.0f' printed as '0, 1, 1, 2, 2'."""
    few = pd.DataFrame({"year": [2024, 2025], "innovations": [1, 2], "name": ["A", "B"]})
    assert charts.yearly_bars(few, title="t").layout.yaxis.dtick == 1
    assert charts.ranked_bars(few, label="name", value="innovations", title="t").layout.xaxis.dtick == 1
    assert charts.series_lines(few, y="innovations", series="name", title="t").layout.yaxis.dtick == 1
    many = few.assign(innovations=[120, 340])
    assert charts.yearly_bars(many, title="t").layout.yaxis.dtick is None  # plotly's own steps


def test_line_end_labels_read_on_white_in_every_series_colour():
    """Okabe–Ito yellow, orange and sky blue are 1.2–2.2 : 1 against white: the labels take a darker shade."""
    history = pd.DataFrame({"name": [f"P{i}" for i in range(8)], "year": [2025] * 8, "rank": range(1, 9)})
    fig = charts.bump_chart(history, title="t")
    for trace in fig.data:
        colour = trace.textfont.color
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        assert charts._contrast_with_white(rgb) >= 4.5, (trace.name, colour)
    assert fig.data[0].textfont.color == "#0072B2", "a colour that reads already is kept"


def test_titles_wrap_for_where_the_chart_is_drawn_and_a_shared_figure_is_kept_per_placement():
    """A phone's lines on a phone; on a larger screen a chart across the page keeps the filter on one line (it was
    cut into three short lines on a 1,400-px chart), one beside another (ui.widgets.chart_columns) in between."""
    import contextvars

    yearly = pd.DataFrame({"year": [2024, 2025], "innovations": [10, 12]})
    subtitle = "Tahun 2021–2024 · Jawa Barat, Jawa Tengah · pemda kabupaten · tahap penerapan · jenis digital"

    def drawn(on_phone: bool, beside: bool = False) -> str:
        def build() -> str:
            charts.place_charts(on_phone)
            if beside:
                with charts.side_by_side():
                    return charts.yearly_bars(yearly, title="Inovasi", subtitle=subtitle).layout.title.subtitle.text
            return charts.yearly_bars(yearly, title="Inovasi", subtitle=subtitle).layout.title.subtitle.text

        return contextvars.copy_context().run(build)  # as a script run's own thread would

    assert drawn(on_phone=False) == ("Tahun 2021–2024 · Jawa Barat, Jawa Tengah · pemda kabupaten<br>tahap penerapan · "
                                     "jenis digital")
    assert drawn(on_phone=False, beside=True) == ("Tahun 2021–2024 · Jawa Barat, Jawa Tengah<br>pemda kabupaten · "
                                                  "tahap penerapan · jenis digital")
    assert drawn(on_phone=True) == drawn(on_phone=True, beside=True) == (
        "Tahun 2021–2024 · Jawa Barat, Jawa Tengah<br>pemda kabupaten · tahap penerapan<br>jenis digital")
    assert charts.placement() == "phone"  # the default, outside a run: a phone's lines are safe everywhere


def test_a_y_axis_title_stands_clear_of_its_tick_labels():
    """On a phone 'Inovasi' all but touched '35.000' with plotly's own gap."""
    yearly = pd.DataFrame({"year": [2024, 2025], "innovations": [31_719, 36_742], "growth": [None, 0.158]})
    figure = charts.yearly_bars(yearly, title="Inovasi dilaporkan per tahun").to_plotly_json()
    assert figure["layout"]["template"]["layout"]["yaxis"]["title"]["standoff"] >= 12


def test_a_wider_window_known_from_the_cookie_keeps_a_title_across_the_page_on_one_line():
    """'Semua inovasi di wilayah Provinsi Sumatera Selatan per tahun' broke after 'per' on a 1,100-px chart at 1920."""
    import contextvars

    yearly = pd.DataFrame({"year": [2024, 2025], "innovations": [10, 12]})
    title = "Semua inovasi di wilayah Provinsi Sumatera Selatan per tahun"

    def drawn(window_px) -> tuple[str, str]:
        def build():
            charts.place_charts(False, window_px)
            return charts.placement(), charts.yearly_bars(yearly, title=title).layout.title.text

        return contextvars.copy_context().run(build)

    assert drawn(None) == ("across", "Semua inovasi di wilayah Provinsi Sumatera Selatan per<br>tahun")
    assert drawn(1024)[0] == "across" and drawn(1280)[0] == "across_laptop"
    assert drawn(1920) == ("across_wide", title) and drawn(1280)[1] == title
