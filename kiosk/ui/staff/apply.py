"""Settings staff saved, put to work on the running kiosk at once, as a restart would.

Every setting on the settings screen applies without a restart: the idle timeout, the attract
screen, where slips go, the plain-title default (for the next resident, not the one at the
screen), the usage figures, the PIN, the languages offered and the content folder. The content
folder is used exactly as at start-up (kiosk.core.startup): signed packages verified, a plain
folder only with allow_unsigned.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.config import Settings
    from kiosk.ui.staff.screen import Panel

log = logging.getLogger(__name__)


def apply(staff: Panel, settings: Settings, fields: set[str]) -> list[str]:
    """Apply `fields` of `settings` to the kiosk; what staff should know about it, in words."""
    k = staff.kiosk
    if k is None:
        return []
    later = []
    if "idle_timeout" in fields:
        k.options.idle_timeout_s = settings.idle_timeout
        k.idle.set_timeout(settings.idle_timeout)
    if "attract_screen" in fields:
        k.options.attract = k.session.attract_enabled = settings.attract_screen
    if fields & {"collection_point", "printer", "slip_layout"}:
        k.slips.set_site(settings.collection_point, settings.printer or None, settings.slip_layout)
    if "discreet_default" in fields:
        pristine = k.session.pristine
        k.session.discreet_default = settings.discreet_default
        if pristine:
            k.session.discreet = settings.discreet_default
    if "statistics" in fields:
        _statistics(staff, settings.statistics)
    if "pin_hash" in fields:
        k.options.pin_hash = settings.pin_hash
    if "bundle" in fields:
        _content_folder(staff, settings)
        later.append("Content folder: checking it now; the result shows below when done.")
    if fields & {"languages", "default_language", "reviewed_only"}:
        from kiosk.core.site import enabled_languages, site_languages

        k.options.languages = enabled_languages(settings)
        k.options.default_language = settings.default_language
        k.session.set_offered(*site_languages(settings, k.bundle))
    return later


def _content_folder(staff: Panel, settings: Settings) -> None:
    """Run the content the new folder gives, off the UI thread: a network share can be slow."""
    k = staff.kiosk
    running = Path(k.bundle.path).resolve()
    data_dir = staff.data_dir()

    def work():  # noqa: ANN202 - (notices, a Bundle to switch to or None, problems)
        from kiosk.core.site import decide_content

        content = decide_content(settings, data_dir)
        bundle = content.bundle
        return content.notices, (bundle if content.folder != running else None), content.problems

    def done(result) -> None:  # noqa: ANN001
        notices, bundle, problems = result
        for line in [*notices, *problems]:
            log.info("content folder: %s", line)
        shown = staff.updates.switch_to(bundle)
        if bundle is not None:
            k.options.bundle_problems = list(problems)
        staff.show(message=f"Saved. {shown}", details=[*notices, *problems])

    staff.run(work, done, "using the content folder")


def _statistics(staff: Panel, on: bool) -> None:
    k = staff.kiosk
    stats = getattr(k, "stats", None)
    if stats is not None:
        stats.enabled = on
    elif on:
        from kiosk.ui.usage import start_counting

        start_counting(k, staff.data_dir())
    log.info("usage figures switched %s by staff", "on" if on else "off")
