"""The one registry of metrics a person can choose, shared by the map (data.region_metrics) and the rankings
(data.rankings): key, Indonesian label, kind of number (how it is formatted and classed) and where it applies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: str  # "count", "rate", "share", "score": formatting (data.formatting) and map classes
    note: str = ""  # shown under a map of this metric
    rankable: bool = False  # offered on the Peringkat page
    map_label: str = ""  # the map's legend title when it differs (a map averages scores over the years shown)
    column_label: str = ""  # a table header when the label is too long for a column ("Skor IID")

    @property
    def legend_label(self) -> str:
        return self.map_label or self.label

    @property
    def header(self) -> str:
        return self.column_label or self.label


POPULATION_NOTE = "Penduduk: Dukcapil semester II 2024"

METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("innovations", "Jumlah inovasi", "count", rankable=True),
    Metric("per_100k", "Inovasi per 100.000 penduduk", "rate", POPULATION_NOTE, rankable=True,
           column_label="Per 100.000 penduduk"),
    Metric("digital_share", "Bagian inovasi digital", "share"),
    Metric("penerapan_share", "Bagian tahap penerapan", "share"),
    Metric("awards", "Penghargaan diterima", "count"),
    Metric("iid", "Skor Indeks Inovasi Daerah", "score", rankable=True,
           map_label="Skor Indeks Inovasi Daerah (rata-rata)", column_label="Skor IID"),
)}
RANKING_METRICS: tuple[str, ...] = tuple(key for key, metric in METRICS.items() if metric.rankable)


def label(key: str) -> str:
    return METRICS[key].label


def header(key: str) -> str:
    """The metric's name as a table column header: the label, or a shorter one where the label is long."""
    return METRICS[key].header
