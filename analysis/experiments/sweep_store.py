"""Sweep results on disk: one Parquet part per finished run, then one consolidated table.

Layout of a sweep's output folder::

    OUT/manifest.json        the sweep file, its hash, code and package versions, seeds
    OUT/parts/run-*.parquet  one file per finished run, written atomically as runs finish
    OUT/results.parquet      every run, sorted by run id (written atomically at the end)
    OUT/report.html          a summary page
    OUT/.lock                locked while a sweep runs (see analysis.experiments.out_folder)

A part appears under its final name only when it is complete (temporary file, fsync, rename),
so a sweep killed at any moment leaves finished parts and at most some temporary files, which
the next run deletes. Resuming reads the run ids from the part names. The consolidated table is
a function of the rows only, so it is byte-identical however and in whatever order it was made.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from analysis.provenance import atomic_write, fsync_dir, remove_temp_files
from model.outcomes import all_outcome_keys

PART_RE = re.compile(r"^run-(\d+)\.parquet$")
ID_COLUMNS = ("run_id", "point_id", "replication", "seed")
ARROW_TYPES = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), str: pa.string()}


def results_schema(kinds: dict[str, type]) -> pa.Schema:
    """Run identity, parameters by dotted path, then every outcome key."""
    fields = [pa.field(c, pa.int64(), nullable=False) for c in ID_COLUMNS]
    fields += [pa.field(k, ARROW_TYPES[t]) for k, t in kinds.items()]
    fields += [pa.field(k, pa.float64()) for k in all_outcome_keys()]
    return pa.schema(fields)


def _null_nan(value: Any) -> Any:
    """Outcomes nobody could be measured for are NaN in the model, null in the table."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


class RunStore:
    """Part files of one sweep under ``out``."""

    def __init__(self, out: Path, schema: pa.Schema) -> None:
        self.out = Path(out)
        self.parts = self.out / "parts"
        self.results = self.out / "results.parquet"
        self.schema = schema

    def prepare(self) -> None:
        self.parts.mkdir(parents=True, exist_ok=True)
        remove_temp_files(self.parts)
        remove_temp_files(self.out)

    def part_path(self, run_id: int) -> Path:
        return self.parts / f"run-{run_id:09d}.parquet"

    def finished_ids(self) -> set[int]:
        """Run ids already stored: in the consolidated table or as parts."""
        ids: set[int] = set()
        if self.results.exists():
            ids.update(pq.read_table(self.results, columns=["run_id"])["run_id"].to_pylist())
        if self.parts.is_dir():
            for p in self.parts.iterdir():
                m = PART_RE.match(p.name)
                if m:
                    ids.add(int(m.group(1)))
        return ids

    def write_run(self, row: dict[str, Any]) -> None:
        """Store one finished run atomically."""
        clean = {k: _null_nan(row.get(k)) for k in self.schema.names}
        table = pa.Table.from_pylist([clean], schema=self.schema)
        atomic_write(
            self.part_path(int(row["run_id"])),
            lambda fh: pq.write_table(table, fh),
            sync_dir=False,
        )

    def consolidate(self, n_runs: int) -> pa.Table:
        """Write ``results.parquet`` with every run sorted by id; then drop the parts."""
        tables = []
        if self.results.exists():
            tables.append(pq.read_table(self.results, schema=self.schema))
        part_files = (
            sorted(p for p in self.parts.iterdir() if PART_RE.match(p.name))
            if self.parts.is_dir()
            else []
        )
        tables += [pq.ParquetFile(p).read().cast(self.schema) for p in part_files]
        table = pa.concat_tables(tables) if tables else self.schema.empty_table()
        table = table.sort_by("run_id")
        ids = table["run_id"].to_pylist()
        # a run stored both as a part and in an earlier table: keep one copy (they are equal)
        keep = [i for i, rid in enumerate(ids) if i == 0 or ids[i - 1] != rid]
        if len(keep) != len(ids):
            table = table.take(keep)
            ids = table["run_id"].to_pylist()
        if ids != list(range(n_runs)):
            missing = sorted(set(range(n_runs)) - set(ids))[:5]
            raise RuntimeError(f"{self.out}: runs missing from the results, e.g. {missing}")
        table = table.combine_chunks()
        atomic_write(self.results, lambda fh: pq.write_table(table, fh))
        for p in part_files:
            p.unlink()
        if self.parts.is_dir() and not any(self.parts.iterdir()):
            self.parts.rmdir()
        fsync_dir(self.out)
        return table
