"""Penghargaan: awards by year, award and category; repeat winners; awards per province; the award list with links
to the recipient's profile and the awarded innovation."""

import streamlit as st

from dasbor import cached, charts, fmt, ui
from data import awards as aw
from data import filters

# 1. Data and selection -------------------------------------------------------------------------------------
ds = ui.load_or_error_page()
sel = ui.selection(ds)
awards = aw.with_family(cached.awards(sel))
subtitle = filters.describe(sel)

st.title("Penghargaan Inovasi Daerah")
ui.filter_caption(sel)
ui.synthetic_notice(awards)

# 2. Page-own choice: one award family or all (bound to the URL) -------------------------------------------
families = awards["family"].value_counts().index.tolist()
chosen = st.selectbox("Penghargaan", options=["Semua penghargaan", *families], key="penghargaan",
                      bind="query-params")
if chosen != "Semua penghargaan":
    awards = awards[awards["family"] == chosen]
    subtitle += f" · {chosen}"

if awards.empty:
    st.info("Tidak ada penghargaan untuk filter ini.", icon=":material/info:")
    st.stop()

k1, k2, k3 = st.columns(3)
k1.metric("Penghargaan", fmt.angka(len(awards)), border=True)
k2.metric("Pemda penerima", fmt.angka(awards["region_code"].nunique()), border=True)
k3.metric("Dengan inovasi yang dikenal", fmt.angka(int(awards["innovation_id"].notna().sum())), border=True,
          help="Penghargaan yang menyebut inovasi tertentu yang ada dalam data")

# 3. By year and award, by category, per province -----------------------------------------------------------
yearly = aw.by_year(awards, years=sel.years, top_n=5).rename(columns={"awards": "innovations"})
ui.plotly(charts.stacked_bars(yearly, y="innovations", color="family", value_label="Penghargaan",
                              title="Penghargaan per tahun", subtitle=subtitle), key="per_tahun")
left, right = st.columns([3, 2])
provinces = aw.per_province(awards).head(15)
with left:
    ui.plotly(charts.ranked_bars(provinces, label="province_name", value="awards", value_label="Penghargaan",
                                 title="Penghargaan per provinsi (15 teratas)",
                                 subtitle="Pemerintah provinsi dan kabupaten/kota di wilayahnya"),
              key="per_provinsi")
with right:
    st.markdown("**Menurut kategori**")
    st.dataframe(aw.by_category(awards).head(30), hide_index=True, key="kategori", height=520, column_config={
        "category": "Kategori", "awards": st.column_config.NumberColumn("Penghargaan", format="localized"),
        "pemda": st.column_config.NumberColumn("Pemda penerima", format="localized")})

# 4. Repeat winners -----------------------------------------------------------------------------------------
st.subheader("Penerima berulang")
repeat = aw.repeat_winners(awards)
st.caption("Pemda yang menerima penghargaan pada sedikitnya dua tahun berbeda.")
st.dataframe(repeat.assign(profile=ui.profile_urls(repeat["region_code"])), hide_index=True,
             key="berulang", height=min(38 + 35 * len(repeat), 420),
             column_order=["name", "province_name", "years_awarded", "awards", "years", "profile"],
             column_config={
                 "name": "Pemda", "province_name": "Provinsi",
                 "years_awarded": st.column_config.NumberColumn("Tahun berbeda", format="%d"),
                 "awards": st.column_config.NumberColumn("Penghargaan", format="%d"),
                 "years": "Tahun", "profile": st.column_config.LinkColumn("Profil", display_text="Buka profil")})

# 5. The award list -----------------------------------------------------------------------------------------
st.subheader("Daftar penghargaan")
listing = aw.award_list(awards, ds.innovations)
listing["profile"] = ui.profile_urls(listing["region_code"])
listing["innovation_link"] = [ui.innovation_url(t, y) for t, y in
                              zip(listing["innovation_title"], listing["innovation_year"], strict=True)]
st.dataframe(listing, hide_index=True, key="daftar", height=460,
             column_order=["year", "award_name", "category", "result", "name", "province_name", "innovation_title",
                           "innovation_link", "profile", "source_url"],
             column_config={
                 "year": st.column_config.NumberColumn("Tahun", format="%d"), "award_name": "Penghargaan",
                 "category": "Kategori", "result": "Hasil", "name": "Pemda", "province_name": "Provinsi",
                 "innovation_title": "Inovasi yang diberi penghargaan",
                 "innovation_link": st.column_config.LinkColumn("Inovasi di Data", display_text="Lihat inovasi"),
                 "profile": st.column_config.LinkColumn("Profil", display_text="Buka profil"),
                 "source_url": st.column_config.LinkColumn("Sumber", display_text="Sumber")})
st.caption("Kolom *Profil* membuka profil daerah penerima; *Inovasi di Data* membuka halaman Data yang mencari "
           "judul inovasi yang diberi penghargaan (bila inovasinya dikenal).")
