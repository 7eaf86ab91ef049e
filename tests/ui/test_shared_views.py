"""What pages share between sessions: the data version (looked at once a second) and tables made readable once."""

from __future__ import annotations

import os
import shutil

import pandas as pd

from data.demo import TABLES_DIR
from ui import cached, tables


def test_a_changed_file_is_seen_within_a_second_and_at_once_after_an_import(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    shutil.copytree(TABLES_DIR, data_dir)
    monkeypatch.setenv("DASBOR_DATA_DIR", str(data_dir))
    clock = [1000.0]
    monkeypatch.setattr(cached.time, "monotonic", lambda: clock[0])
    cached.clear()
    before = cached.fingerprint()
    awards = data_dir / "awards.parquet"
    os.utime(awards, ns=(awards.stat().st_atime_ns, awards.stat().st_mtime_ns + 5_000_000_000))

    clock[0] += 0.5  # the same page view (and the next half second) keeps the version it started with
    assert cached.fingerprint() == before
    clock[0] += cached.FINGERPRINT_FRESH_SECONDS  # another process replaced the file: seen a second later
    after = cached.fingerprint()
    assert after != before

    os.utime(awards, ns=(awards.stat().st_atime_ns, awards.stat().st_mtime_ns + 5_000_000_000))
    cached.clear()  # what the import page does after committing: no wait at all
    assert cached.fingerprint() not in (before, after)
    cached.clear()


def test_a_prepared_table_shows_labels_and_keeps_missing_codes_missing():
    frame = pd.DataFrame({
        "region_code": ["18.11", "16.03", "18.11"],
        "stage": pd.Categorical(["uji_coba", None, "penerapan"]),
        "innovation_type": ["digital", "non_digital", "digital"],
        "innovations": [17289, 5, 0],
        "share": [0.1234, None, 1.0],
        "hidden": [1, 2, 3],
    })
    prepared = tables.prepare(frame, percent=("share",), column_order=["stage", "innovation_type", "innovations",
                                                                        "share"])
    assert list(prepared.shown.columns) == ["region_code", "stage", "innovation_type", "innovations", "share"]
    stages = prepared.shown["stage"]
    assert stages[0] == "Uji coba" and pd.isna(stages[1]) and stages[2] == "Penerapan"  # the grid shows "—"
    assert prepared.shown["innovation_type"].tolist() == ["Digital", "Non digital", "Digital"]
    assert prepared.whole == ("innovations",)  # the browser writes 17.289
    assert [prepared.formats["share"](v) for v in prepared.shown["share"]] == ["12,3%", "—", "100,0%"]
    assert frame["stage"].tolist()[0] == "uji_coba"  # the shared source stays as it was


def test_the_synthetic_notice_looks_at_a_shared_frame_once_and_forgets_it_when_freed():
    import gc

    from ui import widgets

    real = pd.DataFrame({"provenance": ["sourced", "sourced"]})
    demo = pd.DataFrame({"provenance": ["sourced", "synthetic"]})
    assert not widgets.has_synthetic(real) and widgets.has_synthetic(real, demo)
    assert widgets.has_synthetic(pd.DataFrame({"provenance": []}), None, demo)
    known = dict(widgets._synthetic_frames)
    assert known[id(real)] is False and known[id(demo)] is True
    gone = id(demo)
    del demo
    gc.collect()
    assert gone not in widgets._synthetic_frames  # a new frame at the same address is looked at afresh


def test_a_source_from_the_data_links_only_when_it_is_a_web_address():
    """A citation written as text ('KATAKUNCI (Balangan)') or a javascript: address is no link in a table."""
    import pandas as pd

    from ui import tables

    frame = pd.DataFrame({"source_url": ["https://jdih.example.go.id/a", "KATAKUNCI (Balangan)",
                                         "javascript:alert(1)", None, "HTTP://EXAMPLE.ORG"],
                          "detail": ["/inovasi?id=A", None, None, None, None]})
    shown = tables.prepare(frame, links=("source_url", "detail")).shown
    assert shown["source_url"].tolist()[0] == "https://jdih.example.go.id/a"
    assert shown["source_url"].isna().tolist() == [False, True, True, True, False]
    assert shown["detail"].tolist()[0] == "/inovasi?id=A", "the dashboard's own links stay"
