"""The table: one row per figure, its target and whether it is met."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

TARGETS: dict[str, tuple[str, Callable[[dict[str, Any]], bool]]] = {
    "search": ("p95 ≤ 16 ms", lambda r: r["search"]["p95_ms"] <= 16),
    "ratio": ("p95 ≤ 3× FTS5", lambda r: r["search"]["p95_ms"] <= 3 * r["search"]["fts5_p95_ms"]),
    "search_100x": ("p95 ≤ 50 ms", lambda r: r["search_100x"]["p95_ms"] <= 50),
    "build_s": ("≤ 5 s", lambda r: r["build_s"] <= 5),
    "startup": ("ratio ≤ 1.5", lambda r: r["startup"]["ratio"] <= 1.5),
    "frozen_startup": ("ratio ≤ 1.5", lambda r: r["frozen_startup"]["ratio"] <= 1.5),
    "bundle_mb": ("ratio ≤ 1.1", lambda r: r["bundle_mb"]["ratio"] <= 1.1),
    "peak_rss_mb": ("≤ 250 MB", lambda r: r["peak_rss_mb"] <= 250),
    "index_rebuild_ui": ("event loop gap ≤ 100 ms", lambda r: r["index_rebuild_ui"]["max_gap_ms"] <= 100),
}


def _verdict(name: str, results: dict[str, Any]) -> tuple[str, str]:
    target, check = TARGETS[name]
    try:
        return target, "met" if check(results) else "NOT MET"
    except (KeyError, TypeError):
        return target, "n/a"


def table_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) rows of the table."""
    rows: list[tuple[str, str, str, str]] = []

    def search_rows(key: str, title: str, target: str | None) -> None:
        s = results.get(key)
        if not s:
            rows.append((title, "n/a", "", ""))
            return
        target_text, verdict = _verdict(target, results) if target else ("", "")
        rows.append((f"{title}: median / p95", f"{s['median_ms']:.1f} / {s['p95_ms']:.1f} ms", target_text, verdict))
        rows.append((f"{title}: FTS5 median / p95", f"{s['fts5_median_ms']:.1f} / {s['fts5_p95_ms']:.1f} ms", "", ""))
        ratio = s["p95_ms"] / s["fts5_p95_ms"] if s["fts5_p95_ms"] else float("nan")
        target_text, verdict = _verdict("ratio", results) if key == "search" else ("", "")
        rows.append((f"{title}: p95 / FTS5 p95", f"{ratio:.1f}×", target_text, verdict))

    docs = results.get("meta", {}).get("documents", {})
    search_rows("search", f"search, shipped ({docs.get('shipped', '?')} docs)", "search")
    search_rows("search_10x", f"search, 10× ({docs.get('10x', '?')} docs)", None)
    search_rows("search_100x", f"search, 100× ({docs.get('100x', '?')} docs)", "search_100x")
    rows.append(("content build (shipped)", f"{results['build_s']:.2f} s", *_verdict("build_s", results)))
    if results.get("build_10x_s") or results.get("build_100x_s"):
        rows.append(("content build, 10× / 100×",
                     f"{results.get('build_10x_s') or 0:.0f} / {results.get('build_100x_s') or 0:.0f} s", "", ""))
    rows.append(("library on disk (of which index)", f"{results['library_mb']:.1f} MB ({results['index_mb']:.1f} MB)",
                 "", ""))
    for key, title in (("startup", "start-up from source"), ("frozen_startup", "start-up frozen")):
        s = results.get(key)
        if s and s.get("floor_ms"):
            value = f"{s['app_ms']:.0f} / {s['floor_ms']:.0f} ms = {s['ratio']:.2f}×"
        elif s:
            value = f"{s['app_ms']:.0f} ms (no floor)"
        else:
            value = "n/a"
        rows.append((f"{title}: app / floor", value, *_verdict(key, results)))
    b = results.get("bundle_mb")
    value = (f"{b['app']:.0f} / {b['floor']:.0f} MB = {b['ratio']:.2f}×" if b and b.get("floor")
             else f"{b['app']:.0f} MB (no floor)" if b else "n/a")
    rows.append(("bundle: app / floor", value, *_verdict("bundle_mb", results)))
    rows.append(("peak RSS (library + query set)", f"{results['peak_rss_mb']:.0f} MB",
                 *_verdict("peak_rss_mb", results)))
    if results.get("peak_rss_100x_mb"):
        rows.append(("peak RSS, 100× pack", f"{results['peak_rss_100x_mb']:.0f} MB", "", ""))
    rebuild = results.get("index_rebuild_ui")
    if rebuild:
        rows.append((f"index rebuild in the app, {rebuild['factor']}× pack: longest UI stall",
                     f"{rebuild['max_gap_ms']:.0f} ms ({rebuild['rebuild_s']:.0f} s rebuild)",
                     *_verdict("index_rebuild_ui", results)))
    if results.get("app_rss_at_paint_mb") and results.get("floor_rss_at_paint_mb"):
        rows.append(("peak RSS to first paint: app / floor",
                     f"{results['app_rss_at_paint_mb']:.0f} / {results['floor_rss_at_paint_mb']:.0f} MB", "", ""))
    return rows


def render_table(results: dict[str, Any]) -> str:
    rows = [("figure", "value", "target", ""), *table_rows(results)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    meta = results.get("meta", {})
    if meta:
        lines.insert(0, f"Report Explorer benchmark, {meta['when']}, Python {meta['python']}, "
                        f"{meta['machine']}, {meta['cpus']} CPUs; {meta['queries']} queries, "
                        f"{meta['rounds']} rounds ({meta['big_rounds']} on 100×)")
        lines.extend(f"note: {k}: {v}" for k, v in meta.get("synthetic", {}).items())
        lines.extend(f"note: {n}" for n in meta.get("notes", []))
    return "\n".join(lines)
