"""The report's bar chart, drawn on the server as plain SVG (readable without JavaScript).

Presentation attributes only (no style element or attribute), a system font, role "img" with a
title and a description that says the same as the bars.
"""

from django.utils.html import escape

from plans.reports.tallies import Report, Tally

CHART_TITLE = "Biểu đồ kết quả thực hiện theo quý"
CHART_WIDTH, CHART_HEIGHT = 600, 290
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 56, 64  # the margins around the plot
CHART_FONT = "Times New Roman, Liberation Serif, serif"
PLANNED_FILL, DONE_FILL, INK, GRID = "#c9ced4", "#1e6b35", "#1b1f24", "#d5dae0"
OUTLINE = f'stroke="{INK}" stroke-width="0.75"'


def _ticks(maximum: int) -> list[int]:
    """Whole-number gridlines from 0 to at least `maximum`, at most six of them."""
    step = max(1, -(-maximum // 5))
    top = max(step, -(-maximum // step) * step)
    return list(range(0, top + 1, step))


def report_chart_svg(report: Report, *, element_id: str = "report-chart") -> str:
    """A bar chart of planned and done activities per quarter, with every number written on it."""
    ticks = _ticks(max([tally.total for tally in report.quarters] + [1]))
    scale = (CHART_HEIGHT - TOP - BOTTOM) / ticks[-1]
    return "".join(
        [
            *_opening(report, element_id),
            *_legend(),
            *_grid(ticks, scale),
            *_bars(report.quarters, scale),
            "</svg>",
        ]
    )


def _opening(report: Report, element_id: str) -> list[str]:
    """The svg element, its title and description, and a white background."""
    width, height = CHART_WIDTH, CHART_HEIGHT
    title = f"{CHART_TITLE} – {report.title}"
    summary = "; ".join(
        f"{tally.label}: {tally.done}/{tally.total} nội dung hoàn thành ({tally.percent})"
        for tally in report.quarters
    )
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{element_id}-title {element_id}-desc" '
        f'font-family="{CHART_FONT}" font-size="15" fill="{INK}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(summary)}.</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _legend() -> list[str]:
    return [
        f'<rect x="{LEFT}" y="14" width="14" height="14" fill="{PLANNED_FILL}" {OUTLINE}/>',
        f'<text x="{LEFT + 20}" y="26">Số nội dung theo kế hoạch</text>',
        f'<rect x="{LEFT + 250}" y="14" width="14" height="14" fill="{DONE_FILL}" {OUTLINE}/>',
        f'<text x="{LEFT + 270}" y="26">Số nội dung đã hoàn thành</text>',
    ]


def _grid(ticks: list[int], scale: float) -> list[str]:
    """A gridline and its number per tick, then the axis."""
    base, end = CHART_HEIGHT - BOTTOM, CHART_WIDTH - RIGHT
    parts = []
    for tick in ticks:
        y = base - tick * scale
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{end}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end">{tick}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{base}" x2="{end}" y2="{base}" stroke="{INK}" stroke-width="1"/>')
    return parts


def _bars(quarters: list[Tally], scale: float) -> list[str]:
    """Per quarter, the planned and the done bar with their numbers, the label and the percentage."""
    base = CHART_HEIGHT - BOTTOM
    group = (CHART_WIDTH - LEFT - RIGHT) / max(len(quarters), 1)
    bar = min(44.0, group / 3)
    parts = []
    for index, tally in enumerate(quarters):
        centre = LEFT + group * (index + 0.5)
        for offset, value, fill, name in (
            (-bar - 2, tally.total, PLANNED_FILL, "kế hoạch"),
            (2, tally.done, DONE_FILL, "hoàn thành"),
        ):
            bar_height = value * scale
            x, y = centre + offset, base - bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bar_height:.1f}" fill="{fill}" '
                f"{OUTLINE}><title>{escape(tally.label)}, {name}: {value}</title></rect>"
            )
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 6:.1f}" text-anchor="middle">{value}</text>')
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 22}" text-anchor="middle" font-weight="bold">'
            f"{escape(tally.label)}</text>"
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{base + 42}" text-anchor="middle">{escape(tally.percent)}</text>'
        )
    return parts
