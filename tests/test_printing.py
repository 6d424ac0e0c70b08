"""Printing through the kiosk's one print path to a real CUPS queue, read back as the queue got it.

The queue (tests/print_queue.py) copies every job byte for byte: the tests check that the text of
what the print system received holds the exact published numbers and that its QR code decodes to
them, that job names never reveal the concern, and that every failure the real daemon can give
(no queue, queue disabled or rejecting, daemon stopped, out of paper, job aborted) becomes the
clear reason the kiosk, the desk and `kiosk print` show.
"""

from __future__ import annotations

import contextlib
import io
import time

import pytest

from kiosk.core import i18n, qr
from kiosk.core.slips.render import SlipRequest, render_slip
from tests.driver import card_numbers, expected_numbers
from tests.test_slip_layouts import qr_codes
from tests.test_slips import needs_pdftoppm


@pytest.fixture
def printing(queue, qapp):
    """The print path; the `queue` fixture (conftest.py) checks the print system before and after."""
    from kiosk.ui import printing

    return printing


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _wait_outcome(printing, job, state: str, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while True:
        outcome = printing.outcome(job)
        if outcome.state == state or time.monotonic() > deadline:
            return outcome
        time.sleep(0.1)


@needs_pdftoppm
@pytest.mark.parametrize("language", ["en_GB", "pl", "ar", "zh_Hans"])
@pytest.mark.parametrize("fmt", ["a6", "a4-sheet", "receipt-80mm"])
def test_the_queue_receives_the_slip_byte_for_byte_with_numbers_and_qr(
    printing, queue, bundle, tmp_path, fmt, language
):
    request = SlipRequest(concern="child", language=language, format=fmt, bilingual=language != "en_GB")
    job = printing.print_slip(bundle, request, printer=queue.name)
    received = queue.received(job.job_id)
    assert received == render_slip(bundle, request), "the print system got exactly the slip"
    phones, emails = expected_numbers(bundle, "child")
    text = _text(received)
    for number in phones + emails:
        assert number in text
    payloads = set(qr_codes(received, tmp_path))
    assert payloads == {qr.vcard(bundle, "child", False, i18n.translation(language).gettext)}
    assert card_numbers(payloads.pop()) == (phones, emails)
    assert _wait_outcome(printing, job, "done").state == "done"


@pytest.mark.parametrize("discreet", [False, True], ids=["titled", "discreet"])
@pytest.mark.parametrize("concern", ["danger", "child", "adult", "worker", "all"])
def test_job_names_never_reveal_the_concern(printing, queue, bundle, concern, discreet):
    job = printing.print_slip(bundle, SlipRequest(concern=concern, discreet=discreet), printer=queue.name)
    meta = queue.meta(job.job_id)
    assert meta["title"] == ("Useful numbers" if discreet else "Contact slip") == job.title
    for word in [*bundle.discreet.forbidden_words, concern, "child", "adult"]:
        assert word not in meta["title"].lower()


# cupsd 2.4.2-3+deb12u10 (Debian 12's security update of 2026-11-20) segfaults when a job's document
# name contains white space; the kiosk sent "Contact slip" there, so every slip killed the print
# system on an up-to-date machine (issue 11). docs/printing.md lists the CUPS versions tested.


@pytest.mark.parametrize("discreet", [False, True], ids=["titled", "discreet"])
def test_cupsd_document_name_crash_the_scheduler_lives_through_each_slip(
    printing, print_system, queue, bundle, discreet
):
    from tests.print_queue import scheduler_running

    for concern in ("child", "all"):
        job = printing.print_slip(bundle, SlipRequest(concern=concern, discreet=discreet), printer=queue.name)
        assert "999" in _text(queue.received(job.job_id)), "the job arrived"
        assert scheduler_running(), f"cupsd died on a {job.title!r} slip{print_system.crash_note()}"
        assert print_system.crash_note() == "", "the kernel saw cupsd crash"
    assert printing.status(queue.name).ready


def test_cupsd_document_name_crash_no_white_space_reaches_the_scheduler():
    """What the print path hands libcups, recorded: needs no CUPS at all."""
    from kiosk.ui import printing
    from kiosk.ui.printing import cups

    calls: dict[str, tuple] = {}
    replies = {"cupsAddOption": 1, "cupsCreateJob": 7, "cupsStartDocument": 100, "cupsWriteRequestData": 100}

    class Lib:
        def __getattr__(self, name):
            def call(*args):
                calls[name] = args
                return replies.get(name, 0)

            setattr(self, name, call)
            return call

    binding = cups.Cups(Lib())
    for title in (printing.SLIP_TITLE, printing.NEUTRAL_TITLE):
        assert binding.submit("desk", b"%PDF-1.4", title, 1) == 7
        document = calls["cupsStartDocument"][3]
        assert document == b"slip.pdf" and not any(c.isspace() for c in document.decode())
        assert calls["cupsCreateJob"][2] == title.encode(), "the job keeps its neutral title"


def test_copies_reach_the_queue(printing, queue, bundle):
    job = printing.print_slip(bundle, SlipRequest(format="a4-sheet"), printer=queue.name, copies=3)
    assert queue.meta(job.job_id)["copies"] == "3"


def test_the_system_default_printer_is_used_when_none_is_set(printing, queue, bundle, monkeypatch):
    monkeypatch.setenv("PRINTER", queue.name)  # CUPS's per-user default, as lpoptions -d would set
    assert printing.default_printer() == queue.name
    job = printing.print_slip(bundle, SlipRequest(), printer=None)
    assert job.printer == queue.name
    assert "999" in _text(queue.received(job.job_id))


def test_no_printer_configured_and_no_default(printing, bundle, monkeypatch):
    for name in ("PRINTER", "LPDEST"):
        monkeypatch.delenv(name, raising=False)
    if printing.default_printer():
        pytest.skip(f"this machine has a default printer ({printing.default_printer()})")
    status = printing.status(None)
    assert (status.ready, status.problem) == (False, printing.Problem.NO_PRINTER)
    with pytest.raises(printing.PrintError) as caught:
        printing.print_slip(bundle, SlipRequest())
    assert caught.value.problem is printing.Problem.NO_PRINTER


def test_a_printer_that_does_not_exist(printing, queue, bundle):
    with pytest.raises(printing.PrintError) as caught:
        printing.print_slip(bundle, SlipRequest(), printer="no-such-queue")
    assert caught.value.problem is printing.Problem.NOT_FOUND
    assert "does not exist" in str(caught.value) and "no-such-queue" in str(caught.value)
    assert queue.jobs() == []


def test_a_disabled_queue_is_paused_and_nothing_is_queued(printing, queue, bundle):
    queue.disable()
    status = printing.status(queue.name)
    assert (status.ready, status.problem) == (False, printing.Problem.PAUSED)
    with pytest.raises(printing.PrintError) as caught:
        printing.print_slip(bundle, SlipRequest(), printer=queue.name)
    assert caught.value.problem is printing.Problem.PAUSED
    assert queue.pending() == []


def test_a_queue_that_rejects_jobs(printing, queue, bundle):
    queue.reject()
    assert printing.status(queue.name).problem is printing.Problem.NOT_ACCEPTING
    with pytest.raises(printing.PrintError) as caught:
        printing.print_slip(bundle, SlipRequest(), printer=queue.name)
    assert caught.value.problem is printing.Problem.NOT_ACCEPTING
    # The daemon's own refusal, past the status check, maps to the same reason.
    from kiosk.ui.printing import cups

    with pytest.raises(printing.PrintError) as refused:
        cups.library().submit(queue.name, render_slip(bundle, SlipRequest()), "Contact slip", 1)
    assert refused.value.problem is printing.Problem.NOT_ACCEPTING
    assert "IPP status 0x0506" in str(refused.value)


def test_the_daemon_stopped(printing, print_system, queue, bundle):
    with print_system.scheduler_stopped():
        status = printing.status(queue.name)
        assert (status.ready, status.problem) == (False, printing.Problem.SPOOLER_DOWN)
        with pytest.raises(printing.PrintError) as caught:
            printing.print_slip(bundle, SlipRequest(), printer=queue.name)
        assert caught.value.problem is printing.Problem.SPOOLER_DOWN
        assert "not running" in str(caught.value)
    assert printing.status(queue.name).ready, "printing works again once the daemon is back"


def test_out_of_paper_is_reported_while_the_job_waits(printing, queue, bundle):
    queue.mark("out-of-paper")
    job = printing.print_slip(bundle, SlipRequest(), printer=queue.name)
    outcome = _wait_outcome(printing, job, "failed")
    assert (outcome.state, outcome.problem) == ("failed", printing.Problem.OUT_OF_PAPER)
    assert printing.status(queue.name).problem is printing.Problem.OUT_OF_PAPER
    queue.mark("out-of-paper", on=False)  # paper loaded: the job goes through
    assert _wait_outcome(printing, job, "done").state == "done"
    assert "999" in _text(queue.received(job.job_id))


def test_a_job_the_printer_fails_is_reported(printing, queue, bundle):
    queue.mark("fail")
    job = printing.print_slip(bundle, SlipRequest(), printer=queue.name)
    outcome = _wait_outcome(printing, job, "failed")
    assert (outcome.state, outcome.problem) == ("failed", printing.Problem.FAILED)


def test_an_unprinted_job_can_be_cancelled(printing, queue, bundle):
    queue.mark("out-of-paper")
    job = printing.print_slip(bundle, SlipRequest(), printer=queue.name)
    assert printing.cancel(job)
    queue.mark("out-of-paper", on=False)
    assert printing.outcome(job).state == "failed"
    time.sleep(0.3)
    assert not (queue.folder / f"job-{job.job_id}.pdf").exists()


@needs_pdftoppm
def test_the_windows_path_draws_pages_as_images_so_only_the_qr_survives(printing, queue, bundle, tmp_path):
    """QPrinter with QtPdf pages (the Windows path), here through CUPS: the job keeps a decodable QR
    code but no text layer, which is why CUPS platforms hand the PDF itself to the queue."""
    pdf = render_slip(bundle, SlipRequest(concern="adult", discreet=True))
    from kiosk.ui.printing.spooler import qt_print

    qt_print(queue.name, pdf, "Useful numbers", 1)
    deadline = time.monotonic() + 10
    while not list(queue.folder.glob("job-*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    (received,) = [p.read_bytes() for p in queue.folder.glob("job-*.pdf")]
    (meta,) = [p.read_text() for p in queue.folder.glob("job-*.meta")]
    assert "title=Useful numbers" in meta
    assert qr_codes(received, tmp_path) == [qr.vcard(bundle, "adult", True)]
    assert "01942 828777" not in _text(received)


# The kiosk's "Print a slip" button ------------------------------------------------------------


def _to_take_screen(r, concern: str = "child") -> None:
    r.tap(f"go:question:{concern}")
    r.tap(f"go:answer:{concern}")
    r.tap(f"go:take:{concern}")


def _record_status(slips) -> list[str]:
    seen: list[str] = []
    slips.stateChanged.connect(lambda: seen.append(slips.property("statusText")))
    return seen


def test_print_button_shows_printing_then_where_to_collect(make_kiosk, printing, queue, bundle):
    r = make_kiosk()
    r.kiosk.slips.set_site(collection_point="the front desk", printer=queue.name)
    _to_take_screen(r)
    seen = _record_status(r.kiosk.slips)
    r.tap("makeSlip")
    if r.kiosk.slips.state == "working":
        assert "Printing…" in r.text()
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    assert seen[0] == "Printing…"
    assert "Please collect your slip from the front desk." in r.text()
    job = r.kiosk.slips.last_job
    text = _text(queue.received(job.job_id))
    for number in expected_numbers(bundle, "child")[0]:
        assert number in text
    assert queue.meta(job.job_id)["title"] == "Contact slip"


def test_plain_title_print_is_neutral_on_paper_and_in_the_queue(make_kiosk, printing, queue, bundle):
    r = make_kiosk()
    r.kiosk.slips.set_site(printer=queue.name)
    _to_take_screen(r, "worker")
    r.tap("discreetToggle")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    assert "Please collect your slip from the printer." in r.text()
    job = r.kiosk.slips.last_job
    text = _text(queue.received(job.job_id)).lower()
    assert queue.meta(job.job_id)["title"] == "Useful numbers"
    for word in bundle.discreet.forbidden_words:
        assert word not in text


@pytest.mark.parametrize(
    "trouble, message",
    [
        ("no-such-queue", "Sorry, there is no printer here."),
        ("disabled", "Sorry, the printer is not working at the moment."),
        ("daemon-stopped", "Sorry, printing is not working at the moment."),
    ],
)
def test_a_failure_points_to_the_qr_code_and_the_numbers_stay(
    make_kiosk, printing, print_system, queue, bundle, trouble, message
):
    r = make_kiosk()
    r.kiosk.slips.set_site(printer="no-such-queue" if trouble == "no-such-queue" else queue.name)
    _to_take_screen(r)
    if trouble == "disabled":
        queue.disable()
    with print_system.scheduler_stopped() if trouble == "daemon-stopped" else contextlib.nullcontext():
        r.tap("makeSlip")
        r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "failed", timeout=10000)
    shown = r.text()
    assert message in shown
    assert "Please scan the QR code on the screen with your phone camera" in shown
    for number in expected_numbers(bundle, "child")[0]:
        assert number in r.texts(), f"{number} is still on the screen"
    r.scroll_to("qrCode")
    (payload,) = r.qr_payloads()
    assert card_numbers(payload) == expected_numbers(bundle, "child")
    assert queue.jobs() == []


def test_out_of_paper_after_queueing_turns_collect_into_the_qr_message(make_kiosk, printing, queue):
    r = make_kiosk()
    r.kiosk.slips.set_site(printer=queue.name)
    _to_take_screen(r)
    queue.mark("out-of-paper")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "failed", timeout=10000)
    assert r.kiosk.slips.problem == "out-of-paper"
    assert "Sorry, the printer has run out of paper." in r.text()


def test_leaving_quickly_cancels_a_slip_not_printed_yet(make_kiosk, printing, queue):
    r = make_kiosk()
    r.kiosk.slips.set_site(printer=queue.name)
    _to_take_screen(r)
    queue.mark("out-of-paper")
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    job = r.kiosk.slips.last_job
    r.kiosk.session.leaveQuickly()
    assert r.kiosk.slips.state == "idle" and r.kiosk.slips.last_job is None
    r.kiosk.slips.wait()
    assert printing.outcome(job).state == "failed", "the job was cancelled"
    queue.mark("out-of-paper", on=False)
    time.sleep(0.3)
    assert queue.jobs() == []


def test_rendering_and_spooling_run_off_the_ui_thread(make_kiosk, printing, queue, monkeypatch):
    """The UI never waits for a slip: rendering and spooling run on the worker thread, and the
    screen stays responsive meanwhile (checked by where the work ran, not by timing)."""
    import threading

    from kiosk.ui import printing as print_path

    threads = []
    real = print_path.print_slip

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(print_path, "print_slip", spy)
    r = make_kiosk()
    r.kiosk.slips.set_site(printer=queue.name, layout="a4-sheet", bilingual=True)
    r.kiosk.session.setLanguage("ar")
    _to_take_screen(r)
    r.tap("makeSlip")
    r.qtbot.waitUntil(lambda: r.kiosk.slips.state == "printed", timeout=10000)
    assert threads and all(t is not threading.main_thread() for t in threads)
