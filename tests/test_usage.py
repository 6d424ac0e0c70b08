"""Usage figures from a resident's taps: counts only, nothing that follows one person."""

from __future__ import annotations

from datetime import date

from kiosk.core import stats as stats_module
from kiosk.core.stats import Stats
from kiosk.ui.usage import count_usage


def test_taps_become_counts_and_only_counts(make_kiosk, tmp_path):
    db = tmp_path / "stats.db"
    figures = Stats(db)
    r = make_kiosk()
    count_usage(r.kiosk, figures)
    r.tap("go:question:child")
    r.tap("go:answer:child")
    r.tap("go:take:child")
    r.tap("language")
    r.tap("language:pl")
    r.tap("leaveQuickly")
    r.tap("uncover")
    r.tap("go:abuse-types")
    r.tap("go:abuse:adult-financial")
    figures.close()
    today = date.today()
    totals = stats_module.totals(db, today, today)
    assert totals[("screen_viewed", "question")] == 1
    assert totals[("screen_viewed", "abuse_detail")] == 1
    assert totals[("concern_chosen", "child")] == 1
    assert totals[("qr_shown", "child")] == 1
    assert totals[("language_used", "pl")] == 1
    assert ("language_used", "en_GB") not in totals, "the reset to the default is not a choice"
    assert totals[("quick_exit", "")] == 1
    assert totals[("abuse_type_opened", "adult-financial")] == 1
    assert totals[("session_started", "")] == 2
