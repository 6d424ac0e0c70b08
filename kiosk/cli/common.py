"""What several commands share: the site they run on, opened as the kiosk opens it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.site import Site


def site_for(args: argparse.Namespace, preview: Path | None = None) -> Site | None:
    """The site the kiosk on this machine runs (kiosk.core.site): its settings, content, printer
    and languages, with the content in use and anything staff should know said on stderr.

    `preview` (`--bundle DIR`) shows that folder as it is; None, after saying why, if it is refused
    (the site's own content falls back to the built-in bundle, as on the kiosk, and says so).
    """
    from kiosk.core.site import describe, open_site

    site = open_site(getattr(args, "config", None), preview=preview)
    if preview is not None and site.content.problems:
        print(f"kiosk: {preview} was refused:", file=sys.stderr)
        for problem in site.content.problems:
            print(f"  {problem}", file=sys.stderr)
        return None
    for line in describe(site):
        print(f"kiosk: {line}", file=sys.stderr)
    return site


def not_offered(site: Site, language: str) -> str | None:
    """Why a command may not use `language` (one the site does not offer), or None."""
    if language in site.languages:
        return None
    return f"kiosk: {language!r} is not a language this site offers; it offers {', '.join(site.languages)}"
