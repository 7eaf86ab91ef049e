"""Label points of the kabupaten/kota of one province (where their names go on a drill-down map), cached per
province and reference build: the pole of inaccessibility of each region, from the detailed boundaries."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import geo
from briefing.geography import label_points


@st.cache_resource(max_entries=40, show_spinner=False)
def _points(province: str, key: str) -> pd.DataFrame:
    boundaries = geo.load_boundaries("kabkota", "detail")
    return label_points(boundaries[boundaries["region_code"].astype(str).str.startswith(province + ".")])


def points(province: str) -> pd.DataFrame:
    """region_code, lon, lat, radius_m of the kabupaten/kota of `province`."""
    return _points(province, str(geo.cache_dir()))
