"""What several commands share."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.core.content.model import Bundle


def bundle_for(path: Path | None) -> Bundle | None:
    """The bundle in `path` (default: the built-in one); None, with the problems on stderr, if it
    is refused."""
    from kiosk.core.content.loader import BundleError, load_bundle
    from kiosk.core.resources import builtin_bundle

    try:
        return load_bundle(path or builtin_bundle())
    except BundleError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return None
