"""Data: the filtered innovations or awards as a table, a title search, and downloads of exactly those rows."""

import datetime as dt

import streamlit as st

from data import export, filters, search
from data.formatting import angka, tanggal
from ui import cached, columns, widgets
from ui.markdown import escape_markdown

TABLES = {"innovations": "Inovasi", "awards": "Penghargaan"}
SEPARATORS = {",": "Koma ( , )", ";": "Titik koma ( ; ) — Excel berpengaturan Indonesia"}
HIDDEN = ("region_code_reported",)  # internal: the code as reported before the Papua crosswalk

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)

st.title("Data")
table = st.segmented_control("Tabel", options=list(TABLES), format_func=TABLES.get, default="innovations",
                             key="tabel", bind="query-params", required=True) or "innovations"
base = cached.innovations(sel) if table == "innovations" else cached.awards(sel)
search_column = search.SEARCH_COLUMNS[table]
search_label = "Judul" if table == "innovations" else "Nama penghargaan"
query = st.text_input(f"Cari {search_label.lower()}", key="cari", bind="query-params",
                      placeholder="mis. sehat, sampah, stunting",
                      help="Tanpa membedakan huruf besar/kecil; teks dicari apa adanya")
rows = search.search_text(base, query, search_column)
description = search.describe_search(filters.describe(sel), query, search_label)

# 2. What is on screen ------------------------------------------------------------------------------------------
st.caption("Filter aktif: " + escape_markdown(description))
widgets.synthetic_notice(rows)
st.markdown(f"**{angka(len(rows))}** baris {TABLES[table].lower()}"
            + (f" dari {angka(len(base))} sesuai filter" if len(rows) != len(base) else ""))

labels = export.column_labels()
config = {name: st.column_config.Column(labels.get(name, name)) for name in rows.columns}
config["year"] = columns.year(labels["year"])
config["source_url"] = st.column_config.LinkColumn(labels["source_url"])
if "applied_on" in rows:
    config["applied_on"] = st.column_config.DateColumn(labels["applied_on"], format="YYYY-MM-DD")
if "rank" in rows:
    config["rank"] = columns.rank(labels["rank"])
first = [c for c in (export.export_columns(rows.head(0)).columns) if c not in HIDDEN]
if "region_name" in first:  # the pemda's name next to its code, not at the far right
    first.remove("region_name")
    first.insert(first.index("region_code") + 1, "region_name")
st.dataframe(rows, column_config=config, column_order=first, hide_index=True, height=460, key="tabel_data")

# 3. Downloads: built when clicked, from exactly these rows -----------------------------------------------------
st.subheader("Unduh baris di atas")
separator = st.radio("Pemisah kolom CSV", options=list(SEPARATORS), format_func=SEPARATORS.get, horizontal=True,
                     key="pemisah", help="Excel dengan pengaturan wilayah Indonesia membaca CSV bertitik koma")
meta = export.ExportMeta(
    TABLES[table], description,
    source=f"Dasbor Inovasi Daerah, direktori data {ds.data_dir} (diperbarui "
           f"{tanggal(ds.data_modified, with_time=True)})",
    synthetic=widgets.has_synthetic(rows),
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
st.caption("Setiap berkas berisi persis baris yang tampil. Filter, sumber data"
           + (" dan peringatan data sintetis" if meta.synthetic else "")
           + " tercantum di lembar *Keterangan* (XLSX), metadata (Parquet) dan berkas keterangan (.txt) untuk CSV. "
             "Sel yang diawali `=`, `+`, `-` atau `@` diberi tanda kutip tunggal agar tidak dijalankan sebagai rumus.")

st.divider()
st.caption(widgets.data_source_note(ds))
