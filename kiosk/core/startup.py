"""Where the kiosk's content comes from, the bundle it loads, and the languages it offers with it.

Decided once at start-up by the command line (kiosk.cli), and again on the running kiosk when staff
change the content folder, check for new content or change the languages (kiosk.ui.staff): both
call these functions, so a change made on the staff screen does exactly what a restart would.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.i18n import SOURCE_LANGUAGE

if TYPE_CHECKING:
    from kiosk.core.config import Settings
    from kiosk.core.content import updates
    from kiosk.core.content.model import Bundle

log = logging.getLogger(__name__)
CACHE_FOLDER = "cache"  # in the data folder: the verified bundle cache (kiosk.core.content.cache)


def content_location(
    settings: Settings, data_dir: Path, preview: Path | None = None
) -> tuple[Path | None, list[str]]:
    """The bundle folder to run (None: the built-in one) and what staff should know about it.

    `preview` (`kiosk --bundle DIR`) shows a folder as it is. Otherwise the site's `bundle`
    setting is either a folder of signed packages (a network share or USB stick: the newest
    verified one is installed, the previous kept for rollback) or, for trying content out, a plain
    bundle folder, which runs only with `allow_unsigned`.
    """
    if preview:
        _say("source", logging.INFO, f"the bundle folder {preview}, given with --bundle")
        return preview, []
    source = settings.bundle
    if source is None:
        _say(
            "source", logging.INFO, "no update folder is configured ([content] bundle); the built-in content"
        )
        return None, []
    from kiosk.core.content import updates

    bundle_settings = update_settings(settings, data_dir)
    unreadable = folder_problem(source)
    if unreadable:  # no new content now; what is installed keeps running
        outcome = updates.installed(bundle_settings._replace(inbox=None))
        notice = (
            f"The update folder {source} {unreadable}: no new content is taken until it can be read "
            "(a USB stick taken out, a network share not up yet?); the installed content keeps running."
        )
        return outcome.bundle_path, _logged([notice, *outcome.messages])
    if is_plain_bundle(source):
        if settings.allow_unsigned:
            return source, _logged(
                [
                    f"{source}: an unsigned bundle folder is in use (allow_unsigned = true); "
                    "ship signed packages on a public kiosk"
                ]
            )
        refused = (
            f"{source}: refused: a plain bundle folder is unsigned, so a changed number would go "
            "unnoticed. Point `bundle` at a folder of signed packages (kiosk bundle pack, kiosk bundle "
            "sign), or set allow_unsigned = true in [content] to try content out."
        )
        outcome = updates.installed(bundle_settings._replace(inbox=None))
        return outcome.bundle_path, _logged([refused, *outcome.messages])
    outcome = updates.start_up(bundle_settings)
    return outcome.bundle_path, _logged(list(outcome.messages))


def folder_problem(folder: Path) -> str | None:
    """Why the update folder cannot be read now ("is not there", "cannot be read (Permission
    denied)"), or None if it can."""
    try:
        with os.scandir(folder):
            return None
    except FileNotFoundError:
        return "is not there"
    except NotADirectoryError:
        return "is not a folder"
    except (OSError, ValueError) as exc:
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"


def is_plain_bundle(folder: Path) -> bool:
    """Whether `folder` is a bundle folder itself (holding bundle.toml), not a folder of packages."""
    try:
        return (folder / "bundle.toml").is_file()
    except (OSError, ValueError):
        return False


def _logged(notices: list[str]) -> list[str]:
    """Each decision about the content, one line each in the log as well as for staff."""
    _say("news", logging.INFO, *(n for n in notices if n.startswith(NEWS)))
    _say("notices", logging.WARNING, *(n for n in notices if not n.startswith(NEWS)))
    return notices


NEWS = ("Installed ", "Rolled back ")  # what went as it should; anything else staff should look at
_said: dict[str, tuple[str, ...]] = {}  # what this process last logged about each topic


def _say(topic: str, level: int, *lines: str) -> None:
    """Log `lines` as `content:` lines, unless they are what this process last said about `topic`:
    a program that decides its content again every minute says a decision once, not every minute."""
    if lines and _said.get(topic) != lines:
        for line in lines:
            log.log(level, "content: %s", line)
    _said[topic] = lines


def update_settings(settings: Settings, data_dir: Path) -> updates.Settings:
    """What content updates need from the site configuration."""
    from kiosk.core.content import updates

    return updates.Settings(
        data_dir=data_dir,
        trusted_keys=settings.trusted_keys,
        inbox=settings.bundle,
        allow_unsigned=settings.allow_unsigned,
        review_months=settings.review_months,
    )


def load_content(
    bundle_dir: Path | None, cache_dir: Path | None = None, stamp: tuple | None = None
) -> tuple[Bundle, list[str]]:
    """The bundle in `bundle_dir`, or the built-in one with the reasons that one was refused.

    With `cache_dir`, a bundle whose files have not changed since it was last loaded and checked
    comes from the verified cache there (kiosk.core.content.cache), which start-up uses. `stamp`
    is the fingerprint of `bundle_dir` (the built-in folder if None), if just taken.
    """
    from kiosk.core.content.cache import load_cached
    from kiosk.core.content.problems import BundleError
    from kiosk.core.resources import builtin_bundle

    problems: list[str] = []
    if bundle_dir is not None:
        try:
            return _running(load_cached(bundle_dir, cache_dir, stamp)), problems
        except BundleError as exc:
            problems = [str(p) for p in exc.problems]
            log.error("%s\nUsing the built-in content instead.", exc)
        except OSError as exc:  # a folder the kiosk's account may not read
            problems = [f"{bundle_dir}: cannot be read ({exc.strerror or exc})"]
            log.error("content: %s. Using the built-in content instead.", problems[0])
        stamp = None  # it was the refused folder's
    return _running(load_cached(builtin_bundle(), cache_dir, stamp), " (built in)"), problems


def _running(bundle: Bundle, built_in: str = "") -> Bundle:
    _say("running", logging.INFO, f"running {bundle.label}{built_in} from {bundle.path}")
    return bundle


def languages_offered(
    languages: tuple[str, ...], default: str, bundle: Bundle
) -> tuple[tuple[str, ...], str]:
    """The languages residents may choose and the default: the site's, less any the bundle does
    not offer (a bundle lists its languages when it is not translated into every one)."""
    offered = tuple(c for c in languages if not bundle.languages or c in bundle.languages)
    offered = offered or (SOURCE_LANGUAGE,)
    return offered, default if default in offered else offered[0]
