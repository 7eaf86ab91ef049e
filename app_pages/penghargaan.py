"""Penghargaan: awards by year, award and category; repeat winners; awards per province; the award list with links
to the recipient's profile and the awarded innovation."""

import streamlit as st

from data import awards as aw
from data import filters
from data.formatting import angka
from ui import cached, charts, columns, tables, widgets

# 1. Data and selection -------------------------------------------------------------------------------------
ds = widgets.load_or_error_page()
sel = widgets.selection(ds)
awards = cached.shared("penghargaan.awards", sel, lambda: aw.with_family(cached.awards(sel)))
subtitle = filters.describe(sel)

st.title("Penghargaan Inovasi Daerah")
widgets.filter_caption(sel)
widgets.synthetic_notice(awards)
widgets.awards_outside_years_notice(sel)

# 2. Page-own choice: one award family or all (bound to the URL) -------------------------------------------
families = cached.shared("penghargaan.families", sel, lambda: awards["family"].value_counts().index.tolist())
chosen = widgets.url_bound(st.selectbox, "Penghargaan", options=["Semua penghargaan", *families], key="penghargaan")
family_name = None if chosen == "Semua penghargaan" else chosen
if family_name:
    subtitle += f" · {chosen}"


def _summary() -> aw.AwardsSummary:
    summary = aw.summary(awards, cached.awarded_innovations(), years=sel.years, family_name=family_name)
    summary.repeat_winners["profile"] = widgets.profile_urls(summary.repeat_winners["region_code"])
    listing = summary.award_list
    listing["profile"] = widgets.profile_urls(listing["region_code"])
    listing["innovation_link"] = widgets.innovation_urls(listing["innovation_id"].where(
        listing["innovation_title"].notna()))  # only innovations that are in the data
    return summary


summary = cached.shared("penghargaan.summary", sel, _summary, family_name)
awards = summary.awards

if awards.empty:
    st.info("Tidak ada penghargaan untuk filter ini.", icon=":material/info:")
    st.stop()

recipients, with_innovation = cached.shared("penghargaan.kpi", sel, lambda: (
    awards["region_code"].nunique(), int(awards["innovation_id"].notna().sum())), family_name)
cards = widgets.kpi_cards("penghargaan", 3)
cards.metric("Penghargaan", angka(len(awards)), border=True)
cards.metric("Pemda penerima", angka(recipients), border=True)
cards.metric("Dengan inovasi yang dikenal", angka(with_innovation), border=True,
             help="Penghargaan yang menyebut inovasi tertentu yang ada dalam data")

# 3. By year and award, by category, per province -----------------------------------------------------------
widgets.plotly(cached.figure("penghargaan.per_tahun", sel, lambda: charts.stacked_bars(
    summary.by_year.rename(columns={"awards": "innovations"}), y="innovations", color="family",
    value_label="Penghargaan", title="Penghargaan per tahun", subtitle=subtitle), family_name), key="per_tahun")


def _categories() -> tuple[tables.Prepared, int]:
    """The 30 largest categories made readable, and the width their names need."""
    top = summary.by_category.head(30)
    return tables.prepare(top), columns.fitted_width("Kategori", top["category"])


left, right = widgets.chart_columns("penghargaan")
with left, charts.side_by_side():
    widgets.plotly(cached.figure("penghargaan.per_provinsi", sel, lambda: charts.ranked_bars(
        summary.per_province.head(15), label="province_name", value="awards", value_label="Penghargaan",
        title="Penghargaan per provinsi (15 teratas)", subtitle="Pemerintah provinsi dan kabupaten/kota di wilayahnya"),
        family_name), key="per_provinsi")
with right:
    st.markdown("**Menurut kategori**")
    categories, category_width = cached.shared("penghargaan.kategori", sel, _categories, family_name)
    tables.show(categories, key="kategori", height=columns.fitted_height(len(categories.shown), 520), column_config={
        "category": columns.text("Kategori", width=category_width),
        "awards": columns.number("Penghargaan"), "pemda": columns.number("Pemda")})

# 4. Repeat winners -----------------------------------------------------------------------------------------
st.subheader("Penerima berulang")
repeat = summary.repeat_winners
# Who and when first (the years, '2018–2021, 2023', beside the name), then the counts and the link; the province,
# the widest column, last: everything but part of it fits a 1280-px screen
repeat_columns = ["name", "years", "years_awarded", "awards", "profile", "province_name"]
if repeat.empty:  # one year chosen, or nobody won twice
    st.caption("Tidak ada pemda yang menerima penghargaan pada dua tahun berbeda dalam periode "
               f"{filters.period_text(sel)}.")
else:
    st.caption("Pemda yang menerima penghargaan pada sedikitnya dua tahun berbeda.")
    tables.show(cached.shared("penghargaan.berulang", sel, lambda: tables.prepare(
        repeat, links=("profile",), column_order=repeat_columns), family_name),
                key="berulang", height=columns.fitted_height(len(repeat), 420), column_order=repeat_columns,
                column_config={
                    "name": "Pemda", "province_name": "Provinsi",
                    "years_awarded": columns.number("Tahun berbeda"),
                    "awards": columns.number("Penghargaan"),
                    "years": "Tahun", "profile": columns.profile_link()})

# 5. The award list: opened on request (and by `?daftar=true`); its rows — 1.596 for every year, with three links
# each, 0,4 MB — are built and sent only while it is open, not on every view of the page -------------------------
# The two links the caption below explains come first (as the Data page's link to each innovation), so they are in
# view at any width; then what the award is and who got it, every text whole (the grid scrolls sideways for the rest).
list_columns = ["year", "profile", "innovation_link", "award_name", "category", "result", "name", "innovation_title",
                "province_name", "source_url"]
with st.expander(f"Daftar penghargaan ({angka(len(summary.award_list))})", key="daftar", on_change="rerun",
                 bind="query-params") as list_box:
    if list_box.open:
        tables.show(cached.shared("penghargaan.daftar", sel, lambda: tables.prepare(
            summary.award_list, links=("innovation_link", "profile", "source_url"), column_order=list_columns),
            family_name), hide_index=True, key="daftar_tabel", height=460, column_order=list_columns,
            column_config={
                "year": columns.year(width=columns.YEAR_PX),
                "award_name": columns.text("Penghargaan", fit=summary.award_list["award_name"]),
                "category": columns.text("Kategori", fit=summary.award_list["category"]),
                "result": "Hasil", "name": columns.text("Pemda", fit=summary.award_list["name"]),
                "province_name": "Provinsi",
                "innovation_title": "Inovasi yang diberi penghargaan",
                "innovation_link": columns.innovation_link("Inovasi"),
                "profile": columns.profile_link(),
                "source_url": columns.source_link()})
        st.caption("Kolom *Profil* membuka profil daerah penerima; kolom *Inovasi* membuka halaman inovasi yang "
                   "diberi penghargaan (bila inovasinya ada dalam data).")
