"""Label points of the kabupaten/kota of one province (where their names go on a drill-down map), cached per
province and reference build: the pole of inaccessibility of each region, from the detailed boundaries."""

from __future__ import annotations

import pandas as pd

import geo
from briefing.geography import label_points
from ui.shared_results import SharedResults

_points = SharedResults(limit=40)


def points(province: str) -> pd.DataFrame:
    """region_code, lon, lat, radius_m of the kabupaten/kota of `province`."""
    def compute() -> pd.DataFrame:
        boundaries = geo.load_boundaries("kabkota", "detail")
        return label_points(boundaries[boundaries["region_code"].astype(str).str.startswith(province + ".")])

    return _points.get((province, str(geo.cache_dir())), compute)
