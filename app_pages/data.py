"""Data: the filtered innovations or awards, a page at a time, a title search, and downloads of exactly those rows."""

import datetime as dt

import streamlit as st

from data import aggregates, export, filters, row_store, search
from data.formatting import angka, tanggal
from ui import cached, columns, tables, widgets
from ui.markdown import escape_markdown

TABLES = {"innovations": "Inovasi", "awards": "Penghargaan"}
SEPARATORS = {",": "Koma ( , )", ";": "Titik koma ( ; ) — Excel berpengaturan Indonesia"}
PAGE_ROWS = 1_000  # innovations on screen at a time: the browser gets a page, never the whole selection
PAGE_INPUT_PX = 340  # the page number box: its label whole, clear of the table toolbar at the right above the table
# Words that find rows (a test checks each does on the demo data): the placeholder shows how to search.
SEARCH_EXAMPLES = {"innovations": ("sehat", "stunting", "desa"), "awards": ("IGA", "KIPP", "Terinovatif")}
# The awards on screen start with what an award is and who got it (the files keep the contract order); ids,
# provenance and the mostly empty innovation id and source come after.
AWARDS_FIRST = ("year", "award_name", "category", "result", "region_name", "recipient")

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)

st.title("Data")
table = widgets.url_bound(st.segmented_control, "Tabel", options=list(TABLES), format_func=TABLES.get,
                          default="innovations", wrap=True, key="tabel", required=True)
search_column = search.SEARCH_COLUMNS[table]
search_label = "Judul" if table == "innovations" else "Nama penghargaan"
query = st.text_input(f"Cari {search_label.lower()}", key="cari", bind="query-params",
                      placeholder=f"mis. {', '.join(SEARCH_EXAMPLES[table])}",
                      help="Tanpa membedakan huruf besar/kecil; teks dicari apa adanya")
text = query.strip()
if table == "innovations":  # millions of rows: counted and paged by the row store, never filtered here
    store, in_filter = cached.rows(), cached.shared("data.total", sel, lambda: aggregates.total(cached.cells(sel)))
    rows = cached.shared("data.rows", sel, lambda: row_store.SelectedRows(
        store, row_store.selection_query(sel, search=text, search_columns=(search_column,)),
        export.download_order(store.columns), count=None if text else in_filter), text)
    synthetic = (cached.shared("data.synthetic", sel, rows.has_synthetic, text) if text
                 else widgets.has_synthetic(cached.cells(sel)))  # the cells know, without a scan of the rows
else:
    awards = cached.awards(sel)
    rows, in_filter = search.search_text(awards, query, search_column), len(awards)
    synthetic = widgets.has_synthetic(rows)
description = search.describe_search(filters.describe(sel), query, search_label)

# 2. What is on screen: one page of the rows ------------------------------------------------------------------
st.caption("Filter aktif: " + escape_markdown(description))
if synthetic:
    widgets.synthetic_notice(cached.cells(sel))
if table == "awards":
    widgets.awards_outside_years_notice(sel)
st.markdown(f"**{angka(len(rows))}** baris {TABLES[table].lower()}"
            + (f" dari {angka(in_filter)} sesuai filter" if len(rows) != in_filter else ""))
if table == "innovations":
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    number = int(st.number_input(f"Halaman (dari {angka(pages)}, {angka(PAGE_ROWS)} baris per halaman)",
                                 min_value=1, max_value=pages, value=1, step=1, key="halaman",
                                 width=PAGE_INPUT_PX)) if pages > 1 else 1
    shown = cached.shared("data.page", sel, lambda: rows.page(number, PAGE_ROWS).pipe(
        lambda page: page.assign(detail=widgets.innovation_urls(page["innovation_id"]))), text, number)
else:  # awards: thousands, not millions — shown whole
    shown, number = rows, 1


def _display() -> tuple[tables.Prepared, dict, list[str]]:
    """The rows on screen made readable, their column config and order: the same for everyone with this link."""
    labels = export.column_labels()
    order = export.download_order(shown.columns)
    if table == "innovations":  # each row links to the innovation's own page
        order = ["detail", *[name for name in order if name != "detail"]]
    else:
        order = [*[name for name in AWARDS_FIRST if name in order], *[n for n in order if n not in AWARDS_FIRST]]
    config = {name: columns.text(labels.get(name, name)) for name in shown.columns}
    config.update({"detail": columns.innovation_link(), "source_url": columns.source_link(labels["source_url"]),
                   "title": columns.text(labels["title"], width="large"),
                   "award_name": columns.text(labels["award_name"], width=columns.AWARD_PX)})
    # ids and names whole: as wide as this page's longest
    fitted = [name for name in ("innovation_id", "region_name", "province_name", "unit", "recipient") if name in shown]
    config.update({name: columns.text(labels.get(name, name), fit=shown[name]) for name in fitted})
    if "affair" in shown:
        config["affair"] = columns.text(labels["affair"], fit=shown["affair"], most=columns.AFFAIR_PX)
    return tables.prepare(shown, links=("detail", "source_url"), column_order=order), config, order


prepared, config, order = cached.shared("data.display", sel, _display, table, text, number)
looked_for = f"pencarian “{escape_markdown(text)}” dan " if text else ""
tables.show(prepared, column_config=config, column_order=order, hide_index=True, key="tabel_data",
            height=columns.fitted_height(len(shown), 460),
            empty=f"Tidak ada baris {TABLES[table].lower()} yang cocok dengan {looked_for}filter ini.")

# 3. Downloads: built when clicked, from exactly these rows -----------------------------------------------------
st.subheader("Unduh semua baris hasil filter" + (" dan pencarian" if text else ""))
separator = st.radio("Pemisah kolom CSV", options=list(SEPARATORS), format_func=SEPARATORS.get, horizontal=True,
                     key="pemisah", help="Excel dengan pengaturan wilayah Indonesia membaca CSV bertitik koma")
meta = export.ExportMeta(
    TABLES[table], description,
    source=f"{ds.source_label} (diperbarui {tanggal(ds.data_modified, with_time=True)})",
    synthetic=synthetic,
    period=filters.period_text(sel, separator="-"), area=filters.area_text(sel) if sel.provinces else "indonesia",
    exported_at=dt.datetime.now().replace(microsecond=0))
label = TABLES[table] + ("-cari-" + query.strip()[:30] if query.strip() else "")
buttons = st.columns(4)
for column, (kind, caption, icon) in zip(buttons, (
        ("csv", "CSV", ":material/csv:"), ("xlsx", "Excel (XLSX)", ":material/table_view:"),
        ("parquet", "Parquet", ":material/database:"), ("txt", "Keterangan (.txt)", ":material/description:")),
        strict=True):
    column.download_button(
        caption, data=lambda kind=kind: export.build_download(rows, meta, kind, sep=separator),
        file_name=export.export_file_name(label + ("-keterangan" if kind == "txt" else ""), meta, kind),
        mime=export.FORMATS[kind], icon=icon, on_click="ignore", key=f"unduh_{kind}", disabled=rows.empty,
        width="stretch")
st.caption("Setiap berkas berisi semua baris yang dipilih (semua halaman). "
           + ("Filter, sumber data dan peringatan data sintetis" if meta.synthetic else "Filter dan sumber data")
           + " tercantum di kolom terakhir *Keterangan* (CSV), lembar *Keterangan* (XLSX), metadata (Parquet) dan "
             "berkas keterangan (.txt). Sel yang diawali `=`, `+`, `-` atau `@` diberi tanda kutip tunggal agar "
             "tidak dijalankan sebagai rumus.")

st.divider()
st.caption(widgets.data_source_note(ds))
