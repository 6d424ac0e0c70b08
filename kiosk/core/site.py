"""One site: the settings, data folder, content, printer and languages every entry point runs on.

The kiosk, the desk, `kiosk slip`/`print`, `kiosk screenshots`, `kiosk languages`, `kiosk config
check`, `kiosk stats` and the staff screens all open the site through `open_site`, so none of them
can show, print or speak a number the others do not. The content is decided exactly as kiosk
start-up always has (kiosk.core.startup): an installed signed bundle, a newer one from the update
folder, a plain folder with `allow_unsigned`, or the built-in bundle.

Several programs may share one data folder (the kiosk and the desk on one PC, or a receptionist
printing with `kiosk print` while the kiosk runs): each takes `content_lock` while it decides its
content, so one installs a package while the others wait and then read what it installed, and
nobody reads a half-installed bundle or clears another's install in progress.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kiosk.core import paths

if TYPE_CHECKING:
    from kiosk.core.config import Problem, Settings
    from kiosk.core.content.model import Bundle

log = logging.getLogger(__name__)
LOCK_NAME = ".content.lock"  # in the data folder
LOCK_WAIT_S = 30.0  # an install from a slow share takes seconds; a stuck one must not stop a start


class Content(NamedTuple):
    """The bundle a site runs, and why."""

    bundle: Bundle
    folder: Path  # the bundle's folder, resolved (the built-in one when nothing else runs)
    stamp: tuple  # its fingerprint (kiosk.core.content.stamp), taken when it was loaded
    notices: tuple[str, ...]  # for staff: packages installed or refused, an unsigned folder in use
    problems: tuple[str, ...]  # why the site's own bundle was refused for the built-in one


class Site(NamedTuple):
    """Everything an entry point needs to agree with the kiosk screen."""

    config_file: Path | None  # the site file read, None when there is none
    settings: Settings
    problems: tuple[Problem, ...]  # configuration problems, each naming file, line, key and fix
    data_dir: Path
    content: Content
    languages: tuple[str, ...]  # offered to residents and at the desk, in the site's order
    default_language: str
    preview: Path | None = None  # `--bundle DIR`: a folder shown as it is, nothing installed

    @property
    def bundle(self) -> Bundle:
        return self.content.bundle

    @property
    def printer(self) -> str | None:
        return self.settings.printer or None  # None: the system's default printer

    @property
    def slip_layout(self) -> str:
        return self.settings.slip_layout

    @property
    def discreet_default(self) -> bool:
        return self.settings.discreet_default

    @property
    def site_name(self) -> str:
        return self.settings.site_name

    @property
    def collection_point(self) -> str:
        return self.settings.collection_point

    def reopen_content(self, known: Content | None = None) -> Content:
        """The content decided again (new packages in the update folder are installed); `known`
        itself when it is still what runs, unchanged to the byte."""
        return decide_content(self.settings, self.data_dir, self.preview, known=known)

    def with_content(self, content: Content) -> Site:
        return self._replace(content=content, languages=site_languages(self.settings, content.bundle)[0])


def open_site(
    config: str | Path | None = None,
    *,
    preview: Path | None = None,
    data_dir: Path | None = None,
    cache: bool = False,
    languages: tuple[str, ...] | None = None,
    default_language: str | None = None,
    reviewed_only: bool = False,
    remember: bool = False,
) -> Site:
    """The site as the kiosk on this machine runs it; never raises for a bad file or folder.

    `config` is `--config` (else $KIOSK_CONFIG, else the system-wide file). `preview` is `--bundle`:
    that folder is shown as it is. `cache` lets the content come from the verified bundle cache in
    the data folder (the kiosk's start-up). `languages`, `default_language` and `reviewed_only`
    are the kiosk's command-line flags, which go over the site file's. `remember` keeps a site
    file that loads cleanly as the last good settings: the kiosk's own start does, a command does
    not write to the data folder for it.
    """
    from kiosk.core import config as site_config

    data_dir = data_dir or paths.data_dir()
    settings, problems = site_config.load_config(config, data_dir=data_dir, remember=remember)
    if languages is not None or default_language is not None or reviewed_only:
        settings = settings._replace(
            languages=languages or settings.languages,
            default_language=default_language or settings.default_language,
            reviewed_only=reviewed_only or settings.reviewed_only,
        )
    content = decide_content(settings, data_dir, preview, cache=cache)
    offered, default = site_languages(settings, content.bundle)
    chosen = paths.chosen_config_file(config)
    file = chosen or paths.system_config_file()
    return Site(
        config_file=file if chosen is not None or file.exists() else None,
        settings=settings,
        problems=tuple(problems),
        data_dir=data_dir,
        content=content,
        languages=offered,
        default_language=default,
        preview=preview,
    )


def decide_content(
    settings: Settings,
    data_dir: Path,
    preview: Path | None = None,
    cache: bool = False,
    known: Content | None = None,
) -> Content:
    """The bundle to run: kiosk.core.startup's decision, under the data folder's content lock.

    `known` is returned as it is when the same folder, unchanged to the byte, would run again.
    """
    from kiosk.core.content.stamp import fingerprint
    from kiosk.core.resources import builtin_bundle
    from kiosk.core.startup import CACHE_FOLDER, content_location, load_content

    with content_lock(data_dir, installing=preview is None):
        bundle_dir, notices = content_location(settings, data_dir, preview=preview)
        folder = Path(bundle_dir or builtin_bundle()).resolve()
        stamp = _fingerprint(folder)
        if known is not None and stamp is not None and (known.folder, known.stamp) == (folder, stamp):
            return known
        bundle, problems = load_content(bundle_dir, data_dir / CACHE_FOLDER if cache else None, stamp)
    loaded = Path(bundle.path).resolve()
    if loaded != folder or stamp is None:  # refused: the built-in bundle runs instead
        folder, stamp = loaded, fingerprint(loaded)
    return Content(bundle, folder, stamp, tuple(notices), tuple(problems))


def enabled_languages(settings: Settings) -> tuple[str, ...]:
    """The site's languages, less drafts with `reviewed_only`, whatever the content offers."""
    from kiosk.core.config import offered_languages

    return offered_languages(tuple(settings.languages), settings.reviewed_only)


def _fingerprint(folder: Path) -> tuple | None:
    """The folder's fingerprint; None for one the account may not read (the loader says why)."""
    from kiosk.core.content.stamp import fingerprint

    try:
        return fingerprint(folder)
    except OSError:
        return None


def site_languages(settings: Settings, bundle: Bundle) -> tuple[tuple[str, ...], str]:
    """The languages offered with `bundle` and the default: the enabled ones, less any the bundle
    does not offer."""
    from kiosk.core.startup import languages_offered

    return languages_offered(enabled_languages(settings), settings.default_language, bundle)


@contextlib.contextmanager
def content_lock(data_dir: Path, installing: bool = True, wait_s: float = LOCK_WAIT_S) -> Iterator[bool]:
    """Hold the data folder's content lock while content is installed, rolled back or decided.

    Yields whether the lock is held. A data folder the account cannot write (a receptionist
    printing from a kiosk's folder), or a lock held past `wait_s` by a process that hangs on a
    slow share, gives no lock rather than no content: installs are atomic renames, so a reader
    without the lock still never sees half a bundle.
    """
    if not installing:
        yield False
        return
    try:
        paths.ensure_dir(data_dir)
        fh = open(data_dir / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as exc:
        log.warning(
            "content lock: cannot open %s (%s); deciding the content without it", data_dir / LOCK_NAME, exc
        )
        yield False
        return
    try:
        held = _acquire(fh, wait_s)
        if not held:
            log.warning(
                "content lock: another kiosk program held %s for over %g s; deciding the content without it",
                data_dir / LOCK_NAME,
                wait_s,
            )
        try:
            yield held
        finally:
            if held:
                _release(fh)
    finally:
        fh.close()


def _acquire(fh, wait_s: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + wait_s
    while True:
        try:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def _release(fh) -> None:  # noqa: ANN001
    if sys.platform == "win32":
        import msvcrt

        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def describe(site: Site) -> list[str]:
    """What a command tells the person running it about the content, one line each (stderr): what
    it runs, and a package it installed. Warnings and refusals reach them through the log."""
    from kiosk.core.startup import NEWS

    news = [f"content: {n}" for n in site.content.notices if n.startswith(NEWS)]
    return [f"content: {site.bundle.label} from {site.content.folder}", *news]
