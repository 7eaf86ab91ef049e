"""Inovasi: one innovation, deep-linkable as `/inovasi?id=INV-2023-1811-0001` — what it is, who proposed it, its
stage, type, form and urusan, when it was applied, the awards it won and where the record comes from."""

import streamlit as st

from data import contract, profile
from data.formatting import tanggal
from ui import cached, tables, widgets
from ui.markdown import escape_markdown, shortened

PARAM = "id"

# 1. Which innovation ------------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
wanted = str(st.query_params.get(PARAM, "")).strip()


def _value(row, column: str) -> str:
    value = row.get(column)
    if value is None or value != value:  # None or NaN
        return "—"
    return contract.label(value) if column in tables.CODED else str(value)


def _facts(row, info) -> str:
    """What the innovation is, as a Markdown list (user text escaped)."""
    applied = row.get("applied_on")
    facts = {
        "Pemda": info.name if info else _value(row, "region_code"),
        "Provinsi": info.province_name if info else "—",
        "Unit pengusul": _value(row, "unit"),
        "Jenis unit pengusul": _value(row, "unit_type"),
        "Tahapan": _value(row, "stage"),
        "Jenis": _value(row, "innovation_type"),
        "Bentuk": _value(row, "form"),
        "Urusan": contract.affair_label(row.get("affair")),
        "Inisiator": _value(row, "initiator"),
        "Tanggal penerapan": tanggal(applied) if applied is not None and applied == applied else "—",
        "Asal data": _value(row, "provenance"),
    }
    return "\n".join(f"- **{name}:** {escape_markdown(text)}" for name, text in facts.items())


def _awards(row) -> str:
    """The awards it won, a line each (a few at most: a list reads better than a grid); '' for none."""
    won = ds.awards[(ds.awards["innovation_id"] == row["innovation_id"]).fillna(False).to_numpy(bool)]
    lines = []
    for award in won.sort_values("year").itertuples():
        outcome = [str(award.category)] + ([str(award.result)] if isinstance(award.result, str)
                                           and award.result != award.category else [])
        lines.append(f"- **{int(award.year)}** — {escape_markdown(award.award_name)}: "
                     f"{escape_markdown(' · '.join(outcome))}")
    return "\n".join(lines)


def _lookup():
    """The innovation's row, its region and what the page writes of it: a search of every row, made once per id
    and data version (25 people opening the same link share it)."""
    found = cached.rows().innovation(wanted)
    if found is None:
        return None
    info = profile.region_info(str(found["region_code"]))
    return found, info, _facts(found, info), _awards(found)


looked_up = cached.shared("inovasi", None, _lookup, wanted) if wanted else None
if looked_up is None:
    st.title("Inovasi")
    if wanted:
        st.warning(f"Inovasi dengan ID **{escape_markdown(shortened(wanted))}** tidak ada dalam data yang dimuat. "
                   "Periksa tautannya, atau cari judulnya di halaman Data.", icon=":material/warning:")
    else:
        st.info("Buka sebuah inovasi dari tabel di halaman Data, dari daftar inovasi di profil daerah, atau dari "
                "daftar penghargaan.", icon=":material/info:")
    st.page_link("app_pages/data.py", label="Cari inovasi di halaman Data", icon=":material/search:")
    widgets.synthetic_notice(cached.cells(widgets.selection(ds)), compact=True)
    st.stop()

# 2. What it is ------------------------------------------------------------------------------------------------
row, info, facts, awards = looked_up
st.title(escape_markdown(row["title"]))
st.caption(f"{escape_markdown(info.name if info else row['region_code'])} · tahun pelaporan {int(row['year'])} · "
           f"ID {escape_markdown(row['innovation_id'])}")
if row["provenance"] == "synthetic":
    st.warning("**Data demo sintetis.** Inovasi ini dibuat oleh generator data demo, bukan catatan resmi.",
               icon=":material/warning:")

left, right = st.columns([3, 2])
with left:
    st.markdown(facts)
    source = row.get("source_url")
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        st.link_button("Buka sumber", source, icon=":material/open_in_new:")
    elif isinstance(source, str) and source.strip():
        st.caption(f"Sumber: {escape_markdown(source)}")
    if info:
        widgets.profile_link(info.code, label=f"Profil {info.short_name}")

# 3. Awards it won ---------------------------------------------------------------------------------------------
with right:
    st.subheader("Penghargaan")
    if awards:
        st.markdown(awards)
    else:
        st.caption("Belum ada penghargaan tercatat untuk inovasi ini.")
