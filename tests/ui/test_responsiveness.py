"""The window stays responsive while a big library's index is rebuilt: a blocking test, not a timing one.

The bench reports the same figure on the 100x pack (tools.responsiveness.measure_in_child).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from explorer.library import schema
from explorer.library.store import Library
from tools.responsiveness import index_rebuild_gap, measure_in_child

# What the index is built from, and the columns that must stay unique in each copy.
COPIED = (("chapters", ("id",)), ("sections", ("id", "chapter_id")), ("mentions", ("section_id",)),
          ("sources", ("key",)), ("stakeholders", ("key",)))


def multiply_library(library_dir: Path, dest: Path, factor: int) -> Path:
    """A library `factor` times as big: the rows search is built from, copied under new ids in SQL
    (seconds, where building a 10x content pack takes a while)."""
    build = dest / "build-big"
    shutil.copytree(Library(library_dir).folder, build)
    (dest / schema.POINTER_FILE).write_text("build-big\n", encoding="utf-8")
    db = sqlite3.connect(build / schema.DATABASE_FILE)
    for table, keys in COPIED:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        db.execute(f"CREATE TEMP TABLE original_{table} AS SELECT * FROM {table}")
        for n in range(1, factor):
            select = ", ".join(f"{c} || '-x{n}'" if c in keys else c for c in columns)
            db.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM original_{table}")
    db.commit()
    db.close()
    return dest


def test_rebuilding_a_10x_index_never_blocks_the_event_loop(qtbot, real_library: Library,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    big = multiply_library(real_library.folder, tmp_path / "big", 10)
    figures = index_rebuild_gap(big)
    assert figures["documents"] == 10 * len(real_library.search_documents())
    assert figures["ticks"] > 0
    # Blocking, not speed: without the small sort runs and the held-off full collections
    # (explorer.integrity) the loop stalled for about a second here.
    assert figures["max_gap_ms"] < 1000, figures
    assert Library(big).check_index(deep=True) is None


def test_the_bench_hook_measures_in_a_child_process(fixture_library_dir: Path, tmp_path: Path) -> None:
    library_dir = Path(shutil.copytree(fixture_library_dir, tmp_path / "library"))
    figures = measure_in_child(library_dir, env={**os.environ, "REPORT_EXPLORER_HOME": str(tmp_path / "home")})
    assert set(figures) == {"max_gap_ms", "rebuild_s", "ticks", "documents"}
    assert figures["documents"] > 0 and figures["max_gap_ms"] >= 0
