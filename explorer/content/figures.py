"""Figures: chart definitions and their CSV data in, SVG charts out (matplotlib, no pyplot)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from explorer.content.model import Figure
from explorer.content.readers import Problems, read_csv, read_toml, table_lines

CHARTS = ("bar", "barh", "line")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_figures(folder: Path, problems: Problems) -> list[Figure]:
    """Figures declared in figures/figures.toml, each with its data read and checked."""
    path = folder / "figures.toml"
    if not path.is_file():
        return []
    loaded = read_toml(path, problems)
    if loaded is None:
        return []
    data, text = loaded
    lines = table_lines(text, "figure")
    figures: list[Figure] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.get("figure", [])):
        line = lines[index] if index < len(lines) else 1
        missing = [f for f in ("key", "title", "caption", "source", "data", "x", "y")
                   if not entry.get(f)]
        for field in missing:
            problems.add(path, line, f"figure '{entry.get('key', '?')}': missing required field '{field}'")
        if missing:
            continue
        key = str(entry["key"])
        if not _KEY.match(key):
            problems.add(path, line, f"figure key '{key}': use lowercase letters, digits and hyphens")
        if key in seen:
            problems.add(path, line, f"duplicate figure key '{key}'")
        seen.add(key)
        chart = str(entry.get("chart", "bar"))
        if chart not in CHARTS:
            problems.add(path, line, f"figure '{key}': chart must be one of {', '.join(CHARTS)}")
        y_columns = tuple(entry["y"]) if isinstance(entry["y"], list) else (str(entry["y"]),)
        rows = _read_rows(folder / str(entry["data"]), str(entry["x"]), y_columns, chart, problems,
                          path, line)
        if rows is None:
            continue
        figures.append(Figure(
            key=key, title=str(entry["title"]), caption=str(entry["caption"]).strip(),
            source=str(entry["source"]), chart=chart, x=str(entry["x"]), y=y_columns,
            y_label=str(entry.get("y_label", "")), rows=rows, file=problems.rel(path), line=line,
        ))
    return figures


def _read_rows(
    csv_path: Path, x: str, ys: tuple[str, ...], chart: str, problems: Problems,
    toml_path: Path, toml_line: int,
) -> tuple[tuple[str, tuple[float | None, ...]], ...] | None:
    if not csv_path.is_file():
        problems.add(toml_path, toml_line, f"figure data file '{csv_path.name}' not found")
        return None
    before = len(problems.errors)
    rows = read_csv(csv_path, problems, (), (x, *ys))
    result = []
    for line, row in rows:
        values: list[float | None] = []
        for column in ys:
            cell = row.get(column, "")
            if cell == "" and chart == "line":
                values.append(None)
                continue
            try:
                values.append(float(cell.replace(",", "")))
            except ValueError:
                problems.add(csv_path, line, f"column '{column}': '{cell}' is not a number")
                values.append(None)
        result.append((row.get(x, ""), tuple(values)))
    if not result and len(problems.errors) == before:
        problems.add(csv_path, 1, "figure data has no rows")
    return tuple(result)


def render_svg(figure: Figure) -> str:
    """The chart as a standalone SVG document, identical from build to build."""
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = figure.key  # stable element ids
    matplotlib.rcParams["svg.fonttype"] = "none"       # keep text as text: searchable, small
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(7.0, 3.6), dpi=100)
    FigureCanvasSVG(fig)
    axes = fig.add_subplot(1, 1, 1)
    labels = [label for label, _ in figure.rows]
    palette = ["#1f5f8b", "#e07b39", "#3a8f5c", "#8b3a62", "#6b6b6b"]
    count = len(figure.y)
    for i, column in enumerate(figure.y):
        values = [vals[i] for _, vals in figure.rows]
        colour = palette[i % len(palette)]
        if figure.chart == "line":
            axes.plot(labels, [float("nan") if v is None else v for v in values],
                      marker="o", color=colour, label=column.replace("_", " "))
        else:
            width = 0.8 / count
            positions = [p + (i - (count - 1) / 2) * width for p in range(len(labels))]
            clean = [0.0 if v is None else v for v in values]
            if figure.chart == "barh":
                axes.barh(positions, clean, height=width, color=colour,
                          label=column.replace("_", " "))
            else:
                axes.bar(positions, clean, width=width, color=colour,
                         label=column.replace("_", " "))
    if figure.chart == "barh":
        axes.set_yticks(range(len(labels)), labels)
        axes.invert_yaxis()
        axes.set_xlabel(figure.y_label)
    elif figure.chart == "bar":
        axes.set_xticks(range(len(labels)), labels, rotation=0 if len(labels) < 7 else 30,
                        ha="center" if len(labels) < 7 else "right")
        axes.set_ylabel(figure.y_label)
    else:
        axes.set_ylabel(figure.y_label)
        if len(labels) > 7:
            axes.tick_params(axis="x", labelrotation=30)
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x" if figure.chart == "barh" else "y", alpha=0.3)
    if count > 1:
        axes.legend(frameon=False)
    axes.set_title(figure.title, loc="left", fontsize=11)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()
