"""Tables as people read them: Indonesian numbers (1.234,5 · 12,3%), labels instead of contract codes, "—" where
there is nothing.

Streamlit's named number formats follow the browser's language (an office PC set to English shows 17,289). Whole
numbers get a printf column format with "." as the thousands separator (WHOLE: 17.289 in every browser, computed by
the browser, so free on the server). Numbers with decimals or percentages go to st.dataframe as a pandas Styler
whose display text comes from data.formatting (printf has no decimal comma) — the supported way to show other text
than the value, at a cost per cell (≈10 µs: a 400-row ranking, 35 ms a view). Either way the values underneath stay
numbers, so a column still sorts as numbers. Empty cells show st.dataframe's `placeholder` ("—" instead of "None");
`show` passes it for every table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from pandas.io.formats.style import Styler

from data import contract
from data.formatting import angka, persen
from ui import columns, viewport

NOTHING = "—"
EMPTY = "Tidak ada baris yang cocok dengan filter ini."  # what `show` says instead of an empty grid
IDS = ("region_code", "innovation_id")
HIGHLIGHT = "background-color: #FFF3C4; font-weight: bold"
CODED = contract.CODED_COLUMNS  # shown as their labels
WHOLE = "%'.,d"  # sprintf-js: a whole number with "." between thousands (the ' flag names the separator)
# A date as Indonesians write it (day first: 08/02/2016), formatted by the browser: the value stays a date, so the
# column still sorts by date (ISO text sorted too, but read as a code).
DATE = "DD/MM/YYYY"
# Whole numbers that are not quantities: no thousands separator (2.024 would read as a quantity).
PLAIN = frozenset({"year", "innovation_year", "rank", "rank_previous", "rank_province", "row", "baris"})


def _text(value: object, decimals: int, percent: bool) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return NOTHING
    if percent:
        return persen(float(value), decimals)
    return angka(value, decimals)


FROM_THE_DATA = {"source_url"}  # link columns whose addresses come from the files, not from the dashboard


def readable(frame: pd.DataFrame, *, decimals: dict[str, int] | None = None, percent: Iterable[str] = (),
             plain: Iterable[str] = (), links: Iterable[str] = ()) -> pd.DataFrame | Styler:
    """`frame` for st.dataframe: codes → labels, numbers in Indonesian format (a Styler when some number needs
    display text, else a plain frame); empty cells stay empty for the grid's placeholder.

    `decimals` per float column (default 1; whole-number columns 0), `percent` columns hold shares (0.123 → 12,3%),
    `plain` (besides years and ranks) are numbers shown without a thousands separator, `links` are link columns
    (left as they are: an empty link stays empty; one from the data links only an http(s) address).
    """
    shown, formats, _ = _readable_parts(frame, decimals=decimals, percent=percent, plain=plain, links=links)
    return _styled(shown, formats)


def _readable_parts(frame: pd.DataFrame, *, decimals: dict[str, int] | None = None, percent: Iterable[str] = (),
                    plain: Iterable[str] = (), links: Iterable[str] = ()) -> tuple[pd.DataFrame, dict, list[str]]:
    """(the frame with labels instead of codes, the display function of each number column that needs one, the
    whole-number columns WHOLE formats)."""
    decimals = decimals or {}
    percent, plain, links = set(percent), PLAIN | set(plain), set(links)
    shown = frame.copy()
    formats, whole = {}, whole_numbers(frame, decimals, percent, plain)
    for name in shown.columns:
        column = shown[name]
        if name in links:
            if name in FROM_THE_DATA:  # a citation written as text would be a link to nowhere on this server
                shown[name] = column.where(column.astype("string").str.match(r"(?i)https?://", na=False))
            continue
        if name in CODED:
            shown[name] = _labels(column)
        elif name == "affair":  # free text, capitalised as on every chart
            shown[name] = _labels(column, contract.affair_label)
        elif pd.api.types.is_bool_dtype(column.dtype):
            shown[name] = column.map({True: "Ya", False: "Tidak"})
        elif pd.api.types.is_numeric_dtype(column.dtype):
            if name not in plain and name not in whole:  # years, ranks: as they are; quantities: WHOLE
                places = decimals.get(name, 0 if pd.api.types.is_integer_dtype(column.dtype) else 1)
                formats[name] = lambda v, p=places, pct=name in percent: _text(v, p, pct)
    return shown, formats, whole


def _styled(shown: pd.DataFrame, formats: dict) -> pd.DataFrame | Styler:
    """A Styler only when some number needs display text: it costs a display value per cell. Made per call (a
    Styler keeps state while it is drawn, so it is never shared between sessions)."""
    if not formats:
        return shown
    # a Styler's display text wins over a column's format in the browser: its dates written as DATE here
    on_dates = {name: _date_text for name in dates(shown)}
    return shown.style.format({**formats, **on_dates}, na_rep=NOTHING)


def _date_text(value) -> str:
    return NOTHING if pd.isna(value) else value.strftime("%d/%m/%Y")  # DATE, as the browser writes it


def _labels(column: pd.Series, label=contract.label) -> pd.Series:
    """Codes → labels (`label` of each), one per distinct code (not per cell); a missing code stays missing."""
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    labels = np.array([label(code) for code in distinct] + [None], dtype=object)
    return pd.Series(labels[codes], index=column.index, name=column.name)  # code -1 takes the appended None


def whole_numbers(frame: pd.DataFrame, decimals: dict[str, int] | None = None, percent: Iterable[str] = (),
                  plain: Iterable[str] = ()) -> list[str]:
    """The quantity columns of `frame` shown without decimals (integer columns, or `decimals` 0), which WHOLE
    formats in the browser; years, ranks and `plain` columns are left as they are."""
    decimals, skip = decimals or {}, PLAIN | set(plain) | set(percent)
    return [name for name in frame.columns if name not in skip and name not in CODED
            and pd.api.types.is_numeric_dtype(frame[name].dtype) and not pd.api.types.is_bool_dtype(frame[name].dtype)
            and decimals.get(name, 0 if pd.api.types.is_integer_dtype(frame[name].dtype) else 1) == 0]


def dates(frame: pd.DataFrame) -> list[str]:
    """The date columns of `frame`, which DATE formats in the browser."""
    return [name for name in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[name].dtype)]


def _with_browser_formats(config: dict, whole: Iterable[str], dated: Iterable[str]) -> dict:
    """`config` (st.dataframe's column_config) with WHOLE as the number format of `whole` and DATE as the date format
    of `dated`, keeping each column's label, width and help."""
    merged = dict(config)
    for names, type_config in ((whole, {"type": "number", "format": WHOLE}), (dated, {"type": "date", "format": DATE})):
        for name in names:
            given = merged.get(name)
            base = {"label": given} if isinstance(given, str) else dict(given or {})
            merged[name] = {**base, "type_config": type_config}
    return merged


@dataclass(frozen=True)
class Prepared:
    """A table ready for st.dataframe (see `prepare`): what `show` computes from a frame before drawing it."""

    shown: pd.DataFrame  # labels instead of codes, only the columns shown
    formats: dict  # display text of number columns with decimals or percentages (a Styler's, made per draw)
    whole: tuple[str, ...]  # columns WHOLE formats in the browser
    arrow: pa.Table | None = None  # `shown` as Arrow, when no Styler is needed: converted once, not on every draw


def _as_arrow(shown: pd.DataFrame) -> pa.Table | None:
    """`shown` as an Arrow table — what st.dataframe would convert it to on every draw (a 514-row ranking: a tenth of
    its page's server time under load) — or None when a column mixes types (st.dataframe then converts it itself)."""
    try:
        return pa.Table.from_pandas(shown, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        return None


def prepare(frame: pd.DataFrame, *, decimals: dict[str, int] | None = None, percent: Iterable[str] = (),
            plain: Iterable[str] = (), links: Iterable[str] = (), column_order: Iterable[str] | None = None
            ) -> Prepared:
    """`frame` made readable (see `readable`), only the columns in `column_order` (and row ids), without the index.
    `show` does this; a page whose rows every session shares (ui.cached.shared) can share this too and pass it."""
    frame = frame.reset_index(drop=True)
    if column_order:  # columns nobody sees cost nothing (row ids stay: they name the rows)
        frame = frame[[name for name in frame.columns if name in column_order or name in IDS]]
    shown, formats, whole = _readable_parts(frame, decimals=decimals, percent=percent, plain=plain, links=links)
    return Prepared(shown, formats, tuple(whole), None if formats else _as_arrow(shown))


def show(frame: pd.DataFrame | Prepared, *, decimals: dict[str, int] | None = None, percent: Iterable[str] = (),
         plain: Iterable[str] = (), links: Iterable[str] = (), highlight: pd.Series | None = None,
         empty: str = EMPTY, **kwargs):
    """st.dataframe of `readable(frame)`: Indonesian numbers and labels, "—" in empty cells, no index. `highlight`
    (a boolean per row) marks rows — a pemda someone looked for. `frame` may be `prepare`d already. Without rows,
    the message `empty` (say which search or filter found nothing) instead of an empty grid."""
    prepared = frame if isinstance(frame, Prepared) else prepare(
        frame, decimals=decimals, percent=percent, plain=plain, links=links, column_order=kwargs.get("column_order"))
    if prepared.shown.empty:  # st.dataframe would draw an empty grid saying "empty", in English
        return st.info(empty, icon=":material/search_off:")
    marked = None if highlight is None else pd.Series(highlight).to_numpy(bool)
    if marked is not None and marked.any():
        table = _styled(prepared.shown, prepared.formats)
        styler = table if isinstance(table, Styler) else table.style
        table = styler.apply(lambda row: [HIGHLIGHT if marked[row.name] else "" for _ in row], axis=1)
    else:
        table = prepared.arrow if prepared.arrow is not None else _styled(prepared.shown, prepared.formats)
    kwargs.setdefault("hide_index", True)
    config = _with_browser_formats(kwargs.get("column_config") or {}, prepared.whole, dates(prepared.shown))
    kwargs["column_config"] = columns.for_phone(config) if viewport.phone() else config
    return st.dataframe(table, placeholder=NOTHING, **kwargs)


def varying(frame: pd.DataFrame, names: Iterable[str]) -> list[str]:
    """Those of `names` whose column holds more than one value in `frame`: a column with the same value in every row
    (Tingkat in a ranking of one klaster) says what the heading says and pushes the other columns off the screen."""
    return [name for name in names if name in frame and frame[name].nunique(dropna=False) > 1]


SEVERITY_LABELS = {"error": "Galat", "warning": "Peringatan", "skipped": "Dilewati"}
# Where and what first — the fix readable without scrolling sideways; the value, table and severity after it.
ISSUE_ORDER = ["Baris", "Kolom", "Masalah", "Perbaikan", "Nilai", "Tabel", "Tingkat"]


def show_issues(issues: pd.DataFrame, **kwargs):
    """Validation findings (data.validation.ISSUE_COLUMNS) as a table whose problem and fix texts wrap inside tall
    rows instead of ending at the column edge: a fix is only useful read to the end."""
    table = issue_table(issues)
    config = {**columns.findings(table["Kolom"], row="Baris", column="Kolom", problem="Masalah", fix="Perbaikan"),
              "Nilai": columns.text("Nilai", width="medium")}
    return show(table, plain=("Baris",), row_height=columns.prose_row_height(table["Masalah"], table["Perbaikan"]),
                column_order=ISSUE_ORDER, column_config=config, **kwargs)


def issue_table(issues: pd.DataFrame) -> pd.DataFrame:
    """Validation findings (data.validation.ISSUE_COLUMNS) with Indonesian headers, tables and columns named as
    people know them ('Nama inovasi', not 'title'), ready for `readable`."""
    tables_named = {name: spec.label_id for name, spec in contract.TABLES.items()}
    columns = issues["column"].astype("str").map(
        lambda text: ", ".join(contract.column_label(c.strip()) for c in text.split(",")) if text else "")
    return pd.DataFrame({
        "Tabel": issues["table"].map(lambda t: tables_named.get(t, t)), "Baris": issues["row"], "Kolom": columns,
        "Nilai": issues["value"], "Masalah": issues["problem"], "Perbaikan": issues["fix"],
        "Tingkat": issues["severity"].map(lambda s: SEVERITY_LABELS.get(s, s))})
