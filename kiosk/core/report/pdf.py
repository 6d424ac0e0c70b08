"""The usage report as a PDF for the partnership's annual report: reportlab's platypus and charts,
A4 landscape, loaded only when a report is made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.core.report.figures import ALL_SITES, MEASURES, Report

INK = "#1d2b36"
SERIES = ("#1f5f8b", "#e07b39", "#4c9a5a", "#8e5ea2", "#c9a227", "#5b7083", "#b5485d", "#2a9d8f")
MAX_CHART_SITES = len(SERIES)
SITES_PER_TABLE = 7


def write_pdf(
    report: Report, out: Path, title: str = "Safeguarding information kiosks: usage report"
) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    for name in ("Title", "Heading2", "Normal", "BodyText"):
        styles[name].textColor = colors.HexColor(INK)
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    period = f"{_day(report.start)} to {_day(report.end)}"
    kiosks = sum(len(k) for k in report.kiosks.values())
    story = [
        Paragraph(title, styles["Title"]),
        Paragraph(
            f"{period}. {len(report.sites)} site{'s' if len(report.sites) != 1 else ''}, {kiosks} "
            f"kiosk{'s' if kiosks != 1 else ''}, {len(report.inputs.days)} kiosk-days of figures.",
            styles["Normal"],
        ),
        *_left_out(report, styles["Normal"]),
        Spacer(1, 4 * mm),
        _table(report, _totals_rows(report), header_rows=1, bold_last=True),
        Spacer(1, 5 * mm),
        Paragraph("Residents' sessions per month", styles["Heading2"]),
        _sessions_chart(report),
        PageBreak(),
        Paragraph("Sessions per month, per site", styles["Heading2"]),
        _table(report, _monthly_rows(report), header_rows=1, bold_last=True),
        Spacer(1, 5 * mm),
        Paragraph("All sites, per month", styles["Heading2"]),
        _table(report, _all_sites_monthly_rows(report), header_rows=1),
        Spacer(1, 5 * mm),
        KeepTogether(
            [
                Paragraph("Slips printed and QR codes shown, per site", styles["Heading2"]),
                _take_away_chart(report),
            ]
        ),
    ]
    story.append(PageBreak())
    for table in report.breakdowns:
        part = [Paragraph(table.title, styles["Heading2"])]
        if not table.rows:
            part.append(Paragraph("None in this period.", styles["Normal"]))
        else:
            part += _breakdown_tables(report, table)
            if table.event == "concern_chosen":
                part += [Spacer(1, 3 * mm), _concern_chart(report, table)]
        story += [KeepTogether(part), Spacer(1, 5 * mm)]
    story.append(Paragraph(_disclosure_note(report), small))
    story += [PageBreak(), Paragraph("Where these figures come from", styles["Heading2"])]
    story += [Paragraph(line, styles["BodyText"]) for line in _sources(report)]
    made = date.today()

    def footer(canvas, doc) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#5b7083"))
        canvas.drawString(15 * mm, 8 * mm, f"{title}, {period}. Made {_day(made)} by `kiosk stats report`.")
        canvas.drawRightString(landscape(A4)[0] - 15 * mm, 8 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(out),
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="kiosk stats report",
        subject=period,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _left_out(report: Report, style) -> list:  # noqa: ANN001
    from reportlab.platypus import Paragraph

    unreadable = len(report.inputs.unreadable)
    if not unreadable:
        return []
    which, them = ("file", "it") if unreadable == 1 else ("files", "them")
    return [
        Paragraph(
            f"<b>{unreadable} {which} could not be read and left out</b>; the last page names {them}.", style
        )
    ]


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _cell(value: int | str) -> str:
    return f"{value:,}" if isinstance(value, int) else value


def _totals_rows(report: Report) -> list[list[str]]:
    rows = [["Site", *(name for _, name in MEASURES)]]
    for site in [*report.sites, ALL_SITES]:
        rows.append([site, *(_cell(report.period[site].get(event, 0)) for event, _ in MEASURES)])
    return rows


def _monthly_rows(report: Report) -> list[list[str]]:
    rows = [["Site", *(_month(m) for m in report.months), "Total"]]
    for site in report.sites:
        counts = [report.monthly.get((site, m), {}).get("session_started", 0) for m in report.months]
        rows.append([site, *map(_cell, counts), _cell(sum(counts))])
    counts = [report.month_total(m, "session_started") for m in report.months]
    rows.append([ALL_SITES, *map(_cell, counts), _cell(sum(counts))])
    return rows


def _all_sites_monthly_rows(report: Report) -> list[list[str]]:
    rows = [["", *(_month(m) for m in report.months), "Total"]]
    for event, name in MEASURES:
        counts = [report.month_total(m, event) for m in report.months]
        rows.append([name, *map(_cell, counts), _cell(sum(counts))])
    return rows


def _month(month: str) -> str:
    return date.fromisoformat(f"{month}-01").strftime("%b %y")


def _disclosure_note(report: Report) -> str:
    t = report.threshold
    return (
        f"Disclosure control: in a breakdown finer than a month per site, a count from 1 to {t - 1} is "
        f'shown as "fewer than {t}", and a total over a row that hides one is rounded to the nearest '
        f'{t} ("about ..."), so no resident can be singled out. Whole-site totals are exact.'
    )


def _sources(report: Report) -> list[str]:
    inputs = report.inputs
    lines = [
        f"{inputs.files} file(s) read; {len(inputs.days)} kiosk-days counted; {inputs.repeats} day(s) read "
        "more than once were counted once.",
    ]
    for site in report.sites:
        lines.append(f"{site}: {', '.join(sorted(report.kiosks[site]))}")
    for line in inputs.conflicts:
        lines.append(f"Differing copies: {line}")
    if inputs.unreadable:
        lines.append(f"{len(inputs.unreadable)} file(s) could not be read and are left out:")
        lines += [f"&bull; {_escape(str(u.path))}: {_escape(u.why)}" for u in inputs.unreadable]
    else:
        lines.append("Every file could be read.")
    return lines


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(report: Report, rows: list[list[str]], header_rows: int = 1, bold_last: bool = False):
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, repeatRows=header_rows, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 8.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(INK)),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, colors.HexColor(INK)),
        ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, colors.HexColor("#eef3f7")]),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if bold_last:
        style += [
            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8.5),
            ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.HexColor(INK)),
        ]
    table.setStyle(TableStyle(style))
    return table


def _legend(drawing, x: float, y: float, names: list[str]) -> None:
    from reportlab.graphics.charts.legends import Legend
    from reportlab.lib import colors

    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName, legend.fontSize = "Helvetica", 8
    legend.alignment = "right"
    legend.columnMaximum = 8
    legend.colorNamePairs = [(colors.HexColor(SERIES[i % len(SERIES)]), n) for i, n in enumerate(names)]
    drawing.add(legend)


def _sessions_chart(report: Report):
    """Sessions per month, one stacked bar a month, a colour a site (the largest sites; the rest as
    "Other sites")."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    by_size = sorted(report.sites, key=lambda s: -report.period[s].get("session_started", 0))
    named = by_size[: MAX_CHART_SITES - 1] if len(by_size) > MAX_CHART_SITES else by_size
    series = [
        [report.monthly.get((s, m), {}).get("session_started", 0) for m in report.months] for s in named
    ]
    names = list(named)
    if len(by_size) > len(named):
        rest = by_size[len(named) :]
        series.append(
            [
                sum(report.monthly.get((s, m), {}).get("session_started", 0) for s in rest)
                for m in report.months
            ]
        )
        names.append("Other sites")
    drawing = Drawing(760, 200)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 25, 560, 165
    chart.data = series or [[0] * len(report.months)]
    chart.categoryAxis.categoryNames = [_month(m) for m in report.months]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 2
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = colors.HexColor(SERIES[i % len(SERIES)])
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    _legend(drawing, 620, 185, names)
    return drawing


def _breakdown_tables(report: Report, table) -> list:  # noqa: ANN001 - a figures.Breakdown
    """Categories down, sites across: SITES_PER_TABLE sites a table, so a dozen sites fit the page;
    the last table ends with all sites."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    columns: list[str] = [*report.sites, *([ALL_SITES] if len(report.sites) > 1 else [])]
    tables = -(-len(columns) // SITES_PER_TABLE)
    size = -(-len(columns) // tables)  # as even as it goes: 13 columns are 7 and 6, not 7 and 6 and 0
    out = []
    for first in range(0, len(columns), size):
        chunk = columns[first : first + size]
        rows = [["", *chunk]]
        for _key, name, cells, total in table.rows:
            rows.append([name, *(_cell(total if c == ALL_SITES else cells[c]) for c in chunk)])
        out += [_table(report, rows, header_rows=1), Spacer(1, 3 * mm)]
    return out


def _take_away_chart(report: Report):
    """Slips printed and QR codes shown, a pair of bars a site, sites down the side."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    sites = list(reversed(report.sites)) or [""]
    height = 16 * len(sites) + 10
    drawing = Drawing(760, height + 25)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 20, 450, height
    chart.data = [
        [report.period.get(s, {}).get("slip_printed", 0) for s in sites],
        [report.period.get(s, {}).get("qr_shown", 0) for s in sites],
    ]
    chart.categoryAxis.categoryNames = sites
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    for i in range(2):
        chart.bars[i].fillColor = colors.HexColor(SERIES[i])
        chart.bars[i].strokeColor = None
    drawing.add(chart)
    _legend(drawing, 620, height + 15, ["Slips printed", "QR codes shown"])
    return drawing


def _concern_chart(report: Report, table):  # noqa: ANN001
    """All sites' concerns as bars; only those shown as numbers (a hidden count is not drawn)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    drawn = [(name, total) for _k, name, _c, total in table.rows if isinstance(total, int) and total > 0]
    height = 30 + 18 * max(len(drawn), 1)
    drawing = Drawing(760, height + 20)
    if not drawn:
        drawing.add(String(0, 10, "Every count here is below the disclosure threshold.", fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 170, 10, 430, height - 10
    chart.data = [[total for _n, total in reversed(drawn)]]
    chart.categoryAxis.categoryNames = [name for name, _t in reversed(drawn)]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor(SERIES[0])
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    note = f"All sites. Counts shown as words in the table are not drawn (threshold {report.threshold})."
    drawing.add(String(170, height + 6, note, fontSize=8, fillColor=colors.HexColor(INK)))
    return drawing
