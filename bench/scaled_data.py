"""Data sets of N× the demo innovations, made on demand for the scale benchmarks (never committed).

Each copy of the demo innovations gets new ids (`…-x2`, `…-x3`, …), so ids stay unique and every validation rule
runs as on real data, and its attributes (stage, type, form, urusan, initiator, unit type) shuffled, so more
combinations occur than in the demo — as in a larger real data set, the aggregates grow too. Awards and index
scores are the demo's own (one score per pemda and year).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from data.demo import TABLES_DIR

SHUFFLED = ("stage", "innovation_type", "form", "affair", "initiator", "unit_type")


def write_scaled(factor: int, target: Path) -> Path:
    """Write the demo tables with `factor` × the innovations into `target`; returns `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("awards.parquet", "index_scores.parquet"):
        shutil.copy2(TABLES_DIR / name, target / name)
    source = pq.read_table(TABLES_DIR / "innovations.parquet")
    ids = source.schema.get_field_index("innovation_id")
    with pq.ParquetWriter(target / "innovations.parquet", source.schema, compression="zstd") as writer:
        writer.write_table(source)
        for copy in range(2, factor + 1):
            rng = np.random.default_rng(copy)
            table = source.set_column(ids, source.schema.field(ids),
                                      pc.binary_join_element_wise(source.column(ids), pa.scalar(f"x{copy}"), "-"))
            for name in SHUFFLED:
                position = table.schema.get_field_index(name)
                shuffled = table.column(name).take(pa.array(rng.permutation(table.num_rows)))
                table = table.set_column(position, table.schema.field(name), shuffled)
            writer.write_table(table)
    return target
