"""Profil daerah: one pemda at a glance, deep-linkable as `?region=16.03` (a code, 1603, an old Papua code or a
name): KPI cards, trend, composition, ranks, awards, its innovations and — for a province — its kabupaten/kota."""

import pandas as pd
import streamlit as st

from dasbor import cached, charts, fmt, ui
from data import awards as aw
from data import export, filters, metrics, profile, rankings, regions

PARAM = "region"

# 1. Which pemda: from the URL, or picked here ---------------------------------------------------------------
ds = ui.load_or_error_page()
sel = ui.selection(ds)
raw = st.query_params.get(PARAM)
code = profile.resolve_region(raw)
names = regions.region_table().set_index("region_code")["name"].to_dict()


def _place(rank, of) -> str:
    return profile.place_text(rankings.Place(None if rank is None or rank is pd.NA else int(rank), of, None))


def _picked() -> None:
    st.query_params[PARAM] = st.session_state["profil_pilih"]


if st.session_state.get("profil_pilih") != code:
    st.session_state["profil_pilih"] = code
st.selectbox("Pilih pemda", options=list(names), format_func=names.get, key="profil_pilih", on_change=_picked,
             index=None, placeholder="Ketik nama provinsi, kabupaten atau kota")
if code is None:
    st.title("Profil daerah")
    if raw:
        st.warning(f"Wilayah **{export.escape_markdown(raw)}** tidak dikenal. Gunakan kode Kemendagri "
                   "(mis. `16.03`) atau nama pemda, atau pilih di atas.", icon=":material/warning:")
    else:
        st.info("Pilih pemda di atas, atau buka profil dari halaman Peringkat atau Peta.", icon=":material/info:")
    ui.synthetic_notice(ds.innovations, compact=True)
    st.stop()
if raw != code:
    st.query_params[PARAM] = code  # canonical link: ?region=16.03
info = profile.region_info(code)

# 2. Tables for this pemda (global attribute filters applied, every year) -----------------------------------
everything = cached.innovations(sel, years=False)
own = everything[everything["region_code"] == code]
area = everything[everything["province_code"] == code] if info.is_province else None
scores = cached.index_scores(sel, years=False)
scores = scores[scores["region_code"] == code] if len(scores) else None
all_awards = cached.awards(sel, years=False)
own_awards = all_awards[all_awards["region_code"] == code]
counts = cached.metric_values(sel, "innovations")
iid = cached.metric_values(sel, "iid")
year = sel.year_to
first_year = int(ds.innovations["year"].min())
kpi = profile.profile_kpis(info, own=own, area=area, counts=counts, iid=iid, scores=scores, awards=own_awards,
                           year=year, year_from=sel.year_from, first_data_year=first_year)

st.title(info.name)
st.caption(info.subtitle + (f" · sebelum 2023 melapor dengan kode {', '.join(info.old_codes)}"
                            if info.old_codes else ""))
ui.filter_caption(sel)
ui.synthetic_notice(own, own_awards, scores)

# 3. KPI cards ------------------------------------------------------------------------------------------------
row1, row2 = st.columns(4), st.columns(4)
row1[0].metric(f"Inovasi {year}", fmt.angka(kpi.innovations), border=True,
               help="Inovasi yang dilaporkan pemda ini sendiri")
row1[1].metric(f"Pertumbuhan vs {year - 1}", fmt.persen(kpi.growth, signed=True), border=True,
               help="— bila tahun sebelumnya nol atau di luar data")
since = sel.year_from if sel.year_from < year else first_year  # one year selected: total since the first year
row1[2].metric(f"Inovasi {since}–{year}", fmt.angka(int(((own["year"] >= since) & (own["year"] <= year)).sum())),
               border=True)
if info.is_province:
    row1[3].metric(f"Wilayah provinsi {year}", fmt.angka(kpi.area_innovations), border=True,
                   help="Pemerintah provinsi ditambah semua kabupaten/kota di wilayahnya")
else:
    row1[3].metric(f"Peringkat se-provinsi {year}", profile.place_text(kpi.rank_province), border=True,
                   help=f"Menurut jumlah inovasi, di antara kabupaten/kota di {info.province_name}")
row2[0].metric(f"Peringkat klaster {year}", profile.place_text(kpi.rank_klaster), border=True,
               help=f"Menurut jumlah inovasi, di antara pemda {rankings.universe_label(level=info.level)}")
row2[1].metric(f"Skor IID {year}", fmt.angka(kpi.iid_score, 2), border=True,
               help=kpi.predikat and f"Predikat: {kpi.predikat}")
row2[2].metric(f"Peringkat IID klaster {year}", profile.place_text(kpi.iid_rank_klaster), border=True)
row2[3].metric(f"Penghargaan {year}", fmt.angka(kpi.awards_year), border=True,
               help=f"{fmt.angka(kpi.awards_in_range)} penghargaan pada {sel.year_from}–{year}")

tab_trend, tab_mix, tab_rank, tab_awards, tab_list, *tab_children = st.tabs(
    ["Tren", "Komposisi", "Peringkat", "Penghargaan", "Daftar inovasi"]
    + (["Kabupaten/kota"] if info.is_province else []))

# 4. Trend ----------------------------------------------------------------------------------------------------
with tab_trend:
    codes = [code]
    trend_subtitle = filters.describe(sel.with_years(first_year, year))  # the whole history up to the year shown
    series = metrics.within_years(cached.region_yearly(sel, codes, meaning="sendiri"), first_year, year)
    ui.plotly(charts.yearly_bars(series, title=f"Inovasi {info.short_name} per tahun", subtitle=trend_subtitle),
              key="profil_tren")
    if info.is_province:
        area_series = metrics.within_years(cached.region_yearly(sel, codes, meaning="wilayah"), first_year, year)
        ui.plotly(charts.yearly_bars(area_series, title=f"Semua inovasi di wilayah {info.name} per tahun",
                                     subtitle="Pemerintah provinsi ditambah kabupaten/kota"), key="profil_tren_wilayah")
    if info.old_codes:
        st.caption(f"Deret bersambung sejak {first_year}: baris lama berkode {', '.join(info.old_codes)} dihitung "
                   f"untuk {info.code} ({info.province_name}).")

# 5. Composition and proposing units --------------------------------------------------------------------------
with tab_mix:
    in_year = own[own["year"] == year]
    units = metrics.unit_breakdown(in_year)
    if len(units):
        st.markdown(f"**Unit pengusul {year}:** {metrics.unit_summary(units)} "
                    f"({fmt.angka(len(in_year))} inovasi).")
        st.dataframe(units, hide_index=True, key="unit", column_order=["label", "units", "innovations"],
                     column_config={"label": "Jenis unit", "units": st.column_config.NumberColumn("Unit", format="%d"),
                                    "innovations": st.column_config.NumberColumn("Inovasi", format="%d")})
    dimension = st.segmented_control("Menurut", options=list(metrics.COMPOSITION_DIMENSIONS), default="stage",
                                     format_func={"stage": "Tahapan", "innovation_type": "Jenis", "form": "Bentuk",
                                                  "affair": "Urusan", "initiator": "Inisiator",
                                                  "unit_type": "Unit pengusul"}.get,
                                     key="profil_komposisi", bind="query-params") or "stage"
    mix = metrics.composition(own[(own["year"] >= sel.year_from) & (own["year"] <= year)], dimension,
                              years=sel.years, top_n=8)
    ui.plotly(charts.stacked_bars(mix, y="innovations", color="label", share="share",
                                  title=f"Komposisi inovasi {info.short_name}", subtitle=filters.describe(sel)),
              key="profil_mix")

# 6. Ranks over the years -------------------------------------------------------------------------------------
with tab_rank:
    ranks = profile.ranks_by_year(info, counts=counts, iid=iid, years=sel.years)
    ranks["klaster"] = [_place(r, o) for r, o in zip(ranks["rank_klaster"], ranks["of_klaster"], strict=True)]
    ranks["iid_place"] = [_place(r, o) for r, o in zip(ranks["iid_rank"], ranks["iid_of"], strict=True)]
    columns = ["year", "innovations", "klaster", "iid", "iid_place"]
    config = {"year": st.column_config.NumberColumn("Tahun", format="%d"),
              "innovations": st.column_config.NumberColumn("Inovasi", format="localized"),
              "klaster": f"Peringkat {rankings.universe_label(level=info.level)} (jumlah inovasi)",
              "iid": st.column_config.NumberColumn("Skor IID", format="localized"),
              "iid_place": "Peringkat IID klaster"}
    if not info.is_province:
        ranks["in_province"] = [_place(r, o) for r, o in zip(ranks["rank_province"], ranks["of_province"], strict=True)]
        columns.insert(3, "in_province")
        config["in_province"] = f"Peringkat di {info.province_name}"
    st.dataframe(ranks, hide_index=True, key="profil_peringkat", column_order=columns, column_config=config)
    st.page_link("app_pages/peringkat.py", label="Lihat seluruh peringkat", icon=":material/leaderboard:")

# 7. Awards ---------------------------------------------------------------------------------------------------
with tab_awards:
    if own_awards.empty:
        st.caption("Belum ada penghargaan tercatat untuk pemda ini.")
    else:
        listing = aw.award_list(own_awards, ds.innovations)
        st.dataframe(listing, hide_index=True, key="profil_penghargaan",
                     column_order=["year", "award_name", "category", "result", "innovation_title", "source_url"],
                     column_config={"year": st.column_config.NumberColumn("Tahun", format="%d"),
                                    "award_name": "Penghargaan", "category": "Kategori", "result": "Hasil",
                                    "innovation_title": "Inovasi",
                                    "source_url": st.column_config.LinkColumn("Sumber", display_text="Sumber")})

# 8. Its innovations, searchable ------------------------------------------------------------------------------
with tab_list:
    query = st.text_input("Cari judul, unit atau urusan", key="cari", bind="query-params")
    rows = profile.innovation_search(own[(own["year"] >= sel.year_from) & (own["year"] <= year)], query)
    rows = rows.sort_values(["year", "title"], ascending=[False, True])
    st.caption(f"{fmt.angka(len(rows))} inovasi" + (f" cocok dengan “{export.escape_markdown(query)}”"
                                                     if query.strip() else ""))
    st.dataframe(rows, hide_index=True, key="profil_inovasi", height=420,
                 column_order=["year", "title", "stage", "innovation_type", "affair", "unit", "provenance"],
                 column_config={"year": st.column_config.NumberColumn("Tahun", format="%d"), "title": "Judul",
                                "stage": "Tahapan", "innovation_type": "Jenis", "affair": "Urusan",
                                "unit": "Unit pengusul", "provenance": "Asal data"})

# 9. A province's kabupaten/kota ------------------------------------------------------------------------------
if tab_children:
    with tab_children[0]:
        kids = profile.children(code, innovations=area, counts=counts, iid=iid, year=year, year_from=sel.year_from)
        kids["profile"] = ui.profile_urls(kids["region_code"])
        st.dataframe(kids, hide_index=True, key="profil_anak", height=min(38 + 35 * len(kids), 600),
                     column_order=["rank_province", "name", "innovations", "innovations_in_range", "iid", "profile"],
                     column_config={
                         "rank_province": st.column_config.NumberColumn(f"Peringkat {year}", format="%d"),
                         "name": "Kabupaten/kota",
                         "innovations": st.column_config.NumberColumn(f"Inovasi {year}", format="localized"),
                         "innovations_in_range": st.column_config.NumberColumn(
                             f"Inovasi {sel.year_from}–{year}", format="localized"),
                         "iid": st.column_config.NumberColumn(f"Skor IID {year}", format="localized"),
                         "profile": st.column_config.LinkColumn("Profil", display_text="Buka profil")})
