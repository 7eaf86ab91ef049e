"""The one selection object: global filters, applied by one function and described by one function.

`Selection` is built by the UI from its widgets (which are bound to the URL query string) and by tests from plain
values. `apply_innovations` / `apply_regions` filter tables; `describe` says in Bahasa Indonesia what is selected,
for chart subtitles and the notes inside downloaded files.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from data import contract, regions


@dataclass(frozen=True)
class Selection:
    year_from: int
    year_to: int
    provinces: tuple[str, ...] = ()  # province codes; empty = all of Indonesia
    levels: tuple[str, ...] = ()  # provinsi / kabupaten / kota; empty = all
    stages: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()

    def __post_init__(self):
        if self.year_from > self.year_to:
            raise ValueError(f"year_from {self.year_from} > year_to {self.year_to}")

    @property
    def years(self) -> range:
        return range(self.year_from, self.year_to + 1)

    @property
    def key(self) -> tuple:
        """Hashable, order-independent key for caches."""
        return (self.year_from, self.year_to, *(tuple(sorted(v)) for v in
                (self.provinces, self.levels, self.stages, self.types, self.forms)))

    def with_years(self, year_from: int, year_to: int) -> Selection:
        return Selection(year_from, year_to, self.provinces, self.levels, self.stages, self.types, self.forms)

    def for_one_area(self) -> Selection:
        """What one province's or pemda's figures and ranks use (its profile, its briefing pack): the province filter
        does not narrow one area — its own figures are its own, and it is ranked among all its peers (Mesuji is
        "34 dari 396" kabupaten, not "3 dari 13" under provinsi=Lampung). The other filters apply."""
        return Selection(self.year_from, self.year_to, (), self.levels, self.stages, self.types, self.forms)


def _mask_in(frame: pd.DataFrame, column: str, values: tuple[str, ...]) -> pd.Series | None:
    if not values:
        return None
    return frame[column].isin(values)


def _region_masks(frame: pd.DataFrame, selection: Selection) -> list[pd.Series]:
    masks = [(frame["year"] >= selection.year_from) & (frame["year"] <= selection.year_to)]
    for column, values in (("province_code", selection.provinces), ("level", selection.levels)):
        mask = _mask_in(frame, column, values)
        if mask is not None:
            masks.append(mask)
    return masks


def _combine(frame: pd.DataFrame, masks: list[pd.Series]) -> pd.DataFrame:
    combined = masks[0]
    for mask in masks[1:]:
        combined = combined & mask
    return frame[combined.to_numpy()]


def apply_innovations(frame: pd.DataFrame, selection: Selection, *, years: bool = True) -> pd.DataFrame:
    """Innovations matching every filter. `years=False` keeps all years (for trend charts)."""
    masks = _region_masks(frame, selection)
    if not years:
        masks[0] = pd.Series(True, index=frame.index)
    for column, values in (("stage", selection.stages), ("innovation_type", selection.types),
                           ("form", selection.forms)):
        mask = _mask_in(frame, column, values)
        if mask is not None:
            masks.append(mask)
    return _combine(frame, masks)


def apply_regions(frame: pd.DataFrame, selection: Selection, *, years: bool = True) -> pd.DataFrame:
    """Tables without innovation attributes (awards, index scores): years, provinces and levels only."""
    masks = _region_masks(frame, selection)
    if not years:
        masks[0] = pd.Series(True, index=frame.index)
    return _combine(frame, masks)


def _names(values: tuple[str, ...]) -> str:
    labels = [contract.label(v).lower() for v in values]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " dan " + labels[-1]


def period_text(selection: Selection, separator: str = "–") -> str:
    """'2023' or '2023–2025' (`separator` '-' for file names)."""
    return span_text(selection.year_from, selection.year_to, separator)


def span_text(first: int, last: int, separator: str = "–") -> str:
    """'2023' for one year (never '2023–2023'), else '2023–2025'."""
    return str(first) if first == last else f"{first}{separator}{last}"


def area_text(selection: Selection) -> str:
    """The selected provinces by name (up to three, else how many), or 'seluruh Indonesia'."""
    if not selection.provinces:
        return "seluruh Indonesia"
    names = [regions.region_name(c) for c in sorted(selection.provinces)]
    return ", ".join(names) if len(names) <= 3 else f"{len(names)} provinsi"


def describe(selection: Selection, *, years: bool = True, area: bool = True) -> str:
    """The active filter in words, e.g. 'Tahun 2023–2025 · Sumatera Selatan · kabupaten · tahap penerapan'
    (without the years when a view states its own year, without the area when a view is of one pemda's own)."""
    parts = ([f"Tahun {period_text(selection)}"] if years else []) + ([area_text(selection)] if area else [])
    if selection.levels:
        parts.append("pemda " + _names(selection.levels))
    if selection.stages:
        parts.append("tahap " + _names(selection.stages))
    if selection.types:
        parts.append("jenis " + _names(selection.types))
    if selection.forms:
        parts.append("bentuk " + _names(selection.forms))
    return " · ".join(parts)
