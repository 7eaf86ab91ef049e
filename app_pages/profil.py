"""Profil daerah: one pemda at a glance, deep-linkable as `?region=16.03` (a code, 1603, an old Papua code or a
name): KPI cards, trend, composition, ranks, awards, its innovations and — for a province — its kabupaten/kota."""

import streamlit as st

from data import awards as aw
from data import contract, filters, metrics, profile, rankings, regions, search
from data.formatting import angka, persen
from ui import briefing_downloads, cached, charts, columns, tables, widgets
from ui.markdown import escape_markdown, shortened

PARAM = "region"

# 1. Which pemda: from the URL, or picked here ---------------------------------------------------------------
ds = widgets.load_or_error_page()
chosen = widgets.selection(ds)
sel = chosen.for_one_area()  # Mesuji under ?provinsi=Jawa+Barat had shown zeros without a word
raw = st.query_params.get(PARAM)
code = profile.resolve_region(raw)


def _picked() -> None:
    st.query_params[PARAM] = st.session_state["profil_pilih"]


if st.session_state.get("profil_pilih") != code:
    st.session_state["profil_pilih"] = code
st.selectbox("Pilih pemda", options=regions.region_codes(), format_func=regions.picker_label, key="profil_pilih",
             on_change=_picked, index=None, placeholder="Ketik nama provinsi, kabupaten atau kota")
if code is None:
    st.title("Profil daerah")
    if raw:
        st.warning(f"Wilayah **{escape_markdown(shortened(raw))}** tidak dikenal. Gunakan kode Kemendagri "
                   "(mis. `16.03`) atau nama pemda, atau pilih di atas.", icon=":material/warning:")
    else:
        st.info("Pilih pemda di atas, atau buka profil dari halaman Peringkat atau Peta.", icon=":material/info:")
    widgets.synthetic_notice(cached.cells(sel), compact=True)
    st.stop()
if raw != code:
    st.query_params[PARAM] = code  # canonical link: ?region=16.03
info = profile.region_info(code)

# 2. This pemda's counts (aggregate cells), rows, scores, awards and KPIs under the global filter: computed once
# per data version, selection and pemda, shared by every session (read-only) ------------------------------------
def mine(name: str, compute, *key):
    return cached.shared(f"profil.{name}", sel, compute, code, *key)


def my_figure(name: str, build, *key):
    return cached.figure(f"profil.{name}", sel, build, code, *key)


def _cells():
    every_year = cached.cells(sel, years=False)
    return (every_year[(every_year["region_code"] == code).to_numpy()],
            every_year[(every_year["province_code"] == code).to_numpy()] if info.is_province else None)


def _scores_and_awards():
    scores = cached.index_scores(sel, years=False)
    all_awards = cached.awards(sel, years=False)
    return (scores[scores["region_code"] == code] if len(scores) else None,
            all_awards[all_awards["region_code"] == code])


own, area = mine("cells", _cells)
scores, own_awards = mine("scores_awards", _scores_and_awards)
counts = cached.metric_values(sel, "innovations")
iid = cached.metric_values(sel, "iid")
year = sel.year_to
first_year = cached.data_years().start
kpi = mine("kpi", lambda: profile.profile_kpis(info, own=own, area=area, counts=counts, iid=iid, scores=scores,
                                               awards=own_awards, year=year, year_from=sel.year_from,
                                               first_data_year=first_year))


def own_rows():
    """This pemda's innovation rows (the row store), for the tabs that list them."""
    return mine("rows", lambda: filters.apply_innovations(cached.rows().region_rows(code), sel, years=False))


st.title(info.name)
st.caption(info.subtitle + (f" · sebelum 2023 melapor dengan kode {', '.join(info.old_codes)}"
                            if info.old_codes else ""))
widgets.filter_caption(sel)
if chosen.provinces:
    st.caption(f":material/info: Filter provinsi ({escape_markdown(filters.area_text(chosen))}) tidak dipakai di "
               "profil: angka di bawah milik pemda ini, dan peringkat klasternya di antara pemda se-Indonesia.")
if not cached.data_years():  # an empty table, or every row rejected: say so instead of a page of zeros
    st.info("Belum ada data inovasi yang valid: tabel inovasi kosong atau semua barisnya ditolak validasi. "
            "Laporan validasi ada di halaman Ringkasan.", icon=":material/info:")
widgets.synthetic_notice(own, own_awards, scores)
with st.container(horizontal=True):  # briefing pack of this pemda under the global filter (issue 11)
    briefing_downloads.pack_buttons(sel, code, key="profil_bahan")

# 3. KPI cards ------------------------------------------------------------------------------------------------
cards = widgets.kpi_cards("profil", 4)
cards.metric(f"Inovasi {year}", angka(kpi.innovations), border=True,
             help="Inovasi yang dilaporkan pemda ini sendiri")
cards.metric(f"Pertumbuhan vs {year - 1}", persen(kpi.growth, signed=True), border=True,
             help="— bila tahun sebelumnya nol atau di luar data")
cards.metric(f"Inovasi {kpi.range_from}–{year}", angka(kpi.innovations_in_range), border=True)
if info.is_province:
    cards.metric(f"Wilayah provinsi {year}", angka(kpi.area_innovations), border=True,
                 help="Pemerintah provinsi ditambah semua kabupaten/kota di wilayahnya")
else:
    cards.metric(f"Peringkat se-provinsi {year}", profile.place_text(kpi.rank_province), border=True,
                 help=f"Menurut jumlah inovasi, di antara kabupaten/kota di {info.province_name}")
cards.metric(f"Peringkat klaster {year}", profile.place_text(kpi.rank_klaster), border=True,
             help=f"Menurut jumlah inovasi, di antara pemda {rankings.universe_label(level=info.level)}")
cards.metric(f"Skor IID {year}", angka(kpi.iid_score, 2), border=True,
             help=kpi.predikat and f"Predikat: {contract.label(kpi.predikat)}")
cards.metric(f"Peringkat IID klaster {year}", profile.place_text(kpi.iid_rank_klaster), border=True)
cards.metric(f"Penghargaan {year}", angka(kpi.awards_year), border=True,
             help=f"{angka(kpi.awards_in_range)} penghargaan pada {filters.span_text(sel.year_from, year)}")


# 4. Trend ----------------------------------------------------------------------------------------------------
def _trend_tab() -> None:
    def series(meaning: str):
        return metrics.within_years(cached.region_yearly(sel, [code], meaning=meaning), first_year, year)

    # the whole history up to the year shown; not 'seluruh Indonesia': the title names the pemda
    trend_subtitle = filters.describe(sel.with_years(first_year, year), area=False)
    widgets.plotly(my_figure("tren", lambda: charts.yearly_bars(
        series("sendiri"), title=f"Inovasi {info.short_name} per tahun", subtitle=trend_subtitle)), key="profil_tren")
    if info.is_province:
        widgets.plotly(my_figure("tren_wilayah", lambda: charts.yearly_bars(
            series("wilayah"), title=f"Semua inovasi di wilayah {info.name} per tahun",
            subtitle="Pemerintah provinsi ditambah kabupaten/kota")), key="profil_tren_wilayah")
    if info.old_codes:
        st.caption(f"Deret bersambung sejak {first_year}: baris lama berkode {', '.join(info.old_codes)} dihitung "
                   f"untuk {info.code} ({info.province_name}).")


# 5. Composition and proposing units --------------------------------------------------------------------------
def _mix_tab() -> None:
    rows = own_rows()
    in_year = rows[rows["year"] == year]
    units = metrics.unit_breakdown(in_year)
    if len(units):
        st.markdown(f"**Unit pengusul {year}:** {metrics.unit_summary(units)} "
                    f"({angka(len(in_year))} inovasi).")
        tables.show(units, key="unit",
                    column_order=["label", "units", "innovations"],
                    column_config={"label": "Jenis unit pengusul", "units": columns.number("Unit"),
                                   "innovations": columns.number("Inovasi")})
    dimension = widgets.url_bound(st.segmented_control, "Menurut", options=list(metrics.COMPOSITION_DIMENSIONS),
                                  default="stage", format_func=metrics.COMPOSITION_LABELS.get, required=True, wrap=True,
                                  key="profil_komposisi")

    def _mix_figure():
        split = cached.split_cells(sel, dimension)
        mix = metrics.composition(split[(split["region_code"] == code).to_numpy()], dimension, years=sel.years,
                                  top_n=8)
        return charts.stacked_bars(mix, y="innovations", color="label", share="share",
                                   title=f"Komposisi inovasi {info.short_name}",
                                   subtitle=filters.describe(sel, area=False))

    widgets.plotly(my_figure("mix", _mix_figure, dimension), key="profil_mix")


# 6. Ranks over the years -------------------------------------------------------------------------------------
def _ranks():
    ranks = profile.ranks_by_year(info, counts=counts, iid=iid, years=sel.years)
    ranks["klaster"] = profile.place_texts(ranks["rank_klaster"], ranks["of_klaster"])
    ranks["iid_place"] = profile.place_texts(ranks["iid_rank"], ranks["iid_of"])
    if not info.is_province:
        ranks["in_province"] = profile.place_texts(ranks["rank_province"], ranks["of_province"])
    return ranks


def _rank_tab() -> None:
    ranks = mine("ranks", _ranks)
    order = ["year", "innovations", "klaster", "iid", "iid_place"]
    config = {"year": columns.year(),
              "innovations": columns.number("Inovasi"),
              "klaster": f"Peringkat {rankings.universe_label(level=info.level)} (jumlah inovasi)",
              "iid": columns.number("Skor IID"),
              "iid_place": "Peringkat IID klaster"}
    if not info.is_province:
        order.insert(3, "in_province")
        config["in_province"] = f"Peringkat di {info.province_name}"
    tables.show(ranks, decimals={"iid": 2}, key="profil_peringkat",
                column_order=order, column_config=config)
    st.page_link("app_pages/peringkat.py", label="Lihat seluruh peringkat", icon=":material/leaderboard:")


# 7. Awards ---------------------------------------------------------------------------------------------------
def _awards_tab() -> None:
    if own_awards.empty:
        st.caption("Belum ada penghargaan tercatat untuk pemda ini.")
    else:
        listing = aw.award_list(own_awards, cached.awarded_innovations())
        listing["innovation_link"] = widgets.innovation_urls(listing["innovation_id"].where(
            listing["innovation_title"].notna()))
        tables.show(listing, links=("innovation_link", "source_url"),
                    key="profil_penghargaan",
                    column_order=["year", "award_name", "category", "result", "innovation_title",
                                  "innovation_link", "source_url"],
                    column_config={"year": columns.year(),
                                   "award_name": columns.text("Penghargaan", fit=listing["award_name"]),
                                   "category": "Kategori", "result": "Hasil",
                                   "innovation_title": columns.text("Inovasi", width="medium"),
                                   "innovation_link": columns.innovation_link(),
                                   "source_url": columns.source_link()})


# 8. Its innovations, searchable ------------------------------------------------------------------------------
def _list_tab() -> None:
    query = st.text_input("Cari judul, unit atau urusan", key="cari", bind="query-params")
    rows = own_rows()
    rows = search.search_text(rows[(rows["year"] >= sel.year_from) & (rows["year"] <= year)], query,
                              search.PROFILE_SEARCH_COLUMNS)
    rows = rows.sort_values(["year", "title"], ascending=[False, True]).assign(
        detail=lambda frame: widgets.innovation_urls(frame["innovation_id"]))
    st.caption(f"{angka(len(rows))} inovasi" + (f" cocok dengan “{escape_markdown(query)}”"
                                                     if query.strip() else ""))
    # the link to the innovation beside its title: on a 1280-px screen the columns after Urusan scroll sideways
    shown_columns = ["year", "title", "detail", "stage", "innovation_type", "affair", "unit", "provenance"]
    looked_for = f"pencarian “{escape_markdown(query.strip())}” dan " if query.strip() else ""
    tables.show(rows[shown_columns], links=("detail",), key="profil_inovasi",
                empty=f"Tidak ada inovasi pemda ini yang cocok dengan {looked_for}filter ini.",
                height=columns.fitted_height(len(rows), 420),
                column_config={"year": columns.year(), "title": columns.text("Judul", width="large"),
                               "stage": "Tahapan", "innovation_type": "Jenis",
                               "affair": columns.text("Urusan", fit=rows["affair"], most=columns.AFFAIR_PX),
                               "unit": columns.text("Unit pengusul", fit=rows["unit"]),
                               "provenance": "Asal data", "detail": columns.innovation_link()})


# 9. A province's kabupaten/kota ------------------------------------------------------------------------------
def _children_tab() -> None:
    kids = mine("children", lambda: profile.children(code, innovations=area, counts=counts, iid=iid, year=year,
                                                     year_from=sel.year_from))
    kids = kids.assign(profile=widgets.profile_urls(kids["region_code"]))
    tables.show(kids, decimals={"iid": 2}, links=("profile",),
                key="profil_anak", height=columns.fitted_height(len(kids), 600),
                column_order=["rank_province", "name", "innovations", "innovations_in_range", "iid", "profile"],
                column_config={
                    "rank_province": columns.rank(f"Peringkat {year}"),
                    "name": "Kabupaten/kota",
                    "innovations": columns.number(f"Inovasi {year}"),
                    "innovations_in_range": columns.number(
                        f"Inovasi {filters.span_text(sel.year_from, year)}"),
                    "iid": columns.number(f"Skor IID {year}"),
                    "profile": columns.profile_link()})


# 10. The tabs: only the open one is computed and sent (a tab change reruns; the URL names the tab, so a link opens
# it). ------------------------------------------------------------------------------------------------------
sections = {"Tren": _trend_tab, "Komposisi": _mix_tab, "Peringkat": _rank_tab, "Penghargaan": _awards_tab,
            "Daftar inovasi": _list_tab} | ({"Kabupaten/kota": _children_tab} if info.is_province else {})
for tab, draw in zip(st.tabs(list(sections), key="tab", on_change="rerun", bind="query-params"), sections.values(),
                     strict=True):
    if tab.open:
        with tab:
            draw()
