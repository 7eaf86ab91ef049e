"""The validation reports of the malformed-input corpus and of a data directory with bad rows, as plain text — so a
change to how validation runs (issue 10: distinct values, vectorised) can be checked to report exactly the same.

    python -m tests.support.validation_reports --write   # regenerate tests/data/golden/validation_reports.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tests.support import REPO, corpus

GOLDEN = REPO / "tests" / "data" / "golden" / "validation_reports.json"


def _stable(text: str) -> str:
    """The accepted year range ends at the current year: name it, so the golden file stays true next year."""
    from data import contract

    return text.replace(f"{contract.YEAR_MIN}–{contract.year_max()}", "<YEAR_MIN>–<YEAR_MAX>")


def plan_text(plan) -> str:
    parts = [plan.fatal or "", *plan.notes, plan.summary_text()]
    if len(plan.rejects):
        parts.append(plan.rejects.to_csv(index=False))
    if len(plan.issues):
        parts.append(plan.issues.to_csv(index=False))
    return _stable("\n".join(parts))


def corpus_reports(data_dir: Path, work: Path) -> dict[str, str]:
    """The full import report of every corpus file against `data_dir` (paths replaced by placeholders)."""
    import os

    from data import importer

    reports = {}
    for case in corpus.CASES:
        saved = {key: os.environ.get(key) for key in case.env}
        os.environ.update(case.env)
        try:
            path = corpus.build(case, work)
            plan = importer.prepare_import(path.read_bytes(), path.name, case.kind, data_dir=data_dir)
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        reports[case.name] = plan_text(plan).replace(str(data_dir), "<DATA_DIR>").replace(str(work), "<WORK>")
    return reports


def write_bad_data_dir(source: Path, target: Path) -> Path:
    """A copy of the demo tables with rows broken in every way the contract checks (a few of each)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.parquet"):
        shutil.copy2(path, target / path.name)
    table = pq.read_table(target / "innovations.parquet")
    columns = {name: table.column(name).to_pylist()[:400] for name in table.column_names}
    breaks = {
        0: {"stage": "Selesai"}, 1: {"stage": " Uji-Coba "}, 2: {"region_code": "99.99"}, 3: {"region_code": "1603"},
        4: {"year": 2009}, 5: {"title": "  "}, 6: {"innovation_id": columns["innovation_id"][7]},
        8: {"innovation_type": "NON DIGITAL"}, 9: {"form": "tata kelola"}, 10: {"unit_type": "dinas"},
        11: {"region_code": "91.01", "year": 2024}, 12: {"region_code": "91.01", "year": 2021},
        13: {"initiator": "Kepala Daerah"}, 14: {"provenance": "palsu"}, 15: {"region_code": " 16.3 "},
    }
    for row, values in breaks.items():
        for name, value in values.items():
            columns[name][row] = value
    schema = pa.schema([field.with_nullable(True) for field in table.schema])
    broken = pa.table({name: pa.array(values, type=schema.field(name).type) for name, values in columns.items()},
                      schema=schema)
    rest = table.slice(400).cast(schema)
    pq.write_table(pa.concat_tables([broken, rest]), target / "innovations.parquet")
    awards = pq.read_table(target / "awards.parquet")
    rank = awards.column("rank").to_pylist()
    rank[0] = 0
    ids = awards.column("innovation_id").to_pylist()
    ids[1] = "TIDAK-ADA"
    awards = awards.set_column(awards.schema.get_field_index("rank"), "rank", pa.array(rank, pa.int64()))
    awards = awards.set_column(awards.schema.get_field_index("innovation_id"), "innovation_id",
                               pa.array(ids, pa.string()))
    pq.write_table(awards, target / "awards.parquet")
    scores = pq.read_table(target / "index_scores.parquet")
    score = scores.column("score").to_pylist()
    score[0], score[1] = 120.0, 70.0  # out of range; 70 with a predikat that does not match
    scores = scores.set_column(scores.schema.get_field_index("score"), "score", pa.array(score, pa.float64()))
    pq.write_table(scores.filter(pc.invert(pc.is_null(scores.column("score")))), target / "index_scores.parquet")
    return target


def data_dir_report(directory: Path) -> str:
    from data import loading

    dataset = loading.load_dataset(directory)
    counts = "\n".join(f"{name}: {r.rows_read} read, {r.rows_valid} valid" for name, r in dataset.results.items())
    return _stable(counts + "\n" + dataset.issues.to_csv(index=False).replace(str(directory), "<DATA_DIR>"))


def all_reports() -> dict[str, str]:
    from data.demo import TABLES_DIR

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        loaded = tmp / "loaded"
        loaded.mkdir()
        for path in TABLES_DIR.glob("*.parquet"):
            shutil.copy2(path, loaded / path.name)
        work = tmp / "work"
        work.mkdir()
        reports = corpus_reports(loaded, work)
        reports["data directory with bad rows"] = data_dir_report(write_bad_data_dir(TABLES_DIR, tmp / "bad"))
    return reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write the golden file")
    args = parser.parse_args()
    reports = all_reports()
    if args.write:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(reports, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(reports)} reports" + (f" written to {GOLDEN}" if args.write else ""))


if __name__ == "__main__":
    main()
