"""Benchmarks for the kiosk: start-up, screen changes and slips, each against a baseline from the same run.

Run them all with `python -m benchmarks`; see `__main__.py`.
"""
