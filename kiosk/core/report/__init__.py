"""The partnership's usage report across every kiosk: `kiosk stats report`.

- inputs.py: the daily files from the share (kiosk.core.stats_share) and stats.db copies, each
  kiosk's day taken once, and every file that could not be read named.
- figures.py: the tables, with disclosure control (small counts shown as "fewer than 5").
- pdf.py: the PDF for the annual report (reportlab and its charts, loaded when a report is made).
- example.py: fictional figures for the example bundle's fictional sites, for docs/ and tests.
"""
