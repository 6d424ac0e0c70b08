"""The printed contact slip: the numbers, a few lines of guidance and the QR card, on the paper asked for.

`render_slip(bundle, SlipRequest(...))` is the one entry point. What the slip says comes from the
bundle and the catalog (kiosk.core.slips.content); how it sits on the paper is the layout's
business (kiosk.core.slips.layouts): an A6 card, an A4 sheet of eight to cut out, or an 80 mm
receipt.
"""

from __future__ import annotations

import errno
from pathlib import Path

from kiosk.core.content.model import Bundle
from kiosk.core.slips import textline
from kiosk.core.slips.content import SlipRequest, slip_content

__all__ = ["SlipRequest", "render_slip", "write_slip"]


def render_slip(bundle: Bundle, request: SlipRequest) -> bytes:
    """The slip as PDF bytes, in the request's format, laid out right to left for Arabic and Urdu."""
    from kiosk.core.slips import layouts

    return layouts.render(request.format, slip_content(bundle, request))


def write_slip(bundle: Bundle, request: SlipRequest, output: Path) -> Path:
    """Write the slip whole or not at all: a full disk or a power cut leaves no half PDF behind.

    OSError says why not (a folder that does not exist is not made: it is likely a typing mistake).
    """
    from kiosk.core.paths import write_atomically

    data = render_slip(bundle, request)
    if not output.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "there is no such folder", str(output.parent))
    write_atomically(output, data)
    return output


def __getattr__(name: str) -> str:
    # The registered name of the regular Latin face, for benchmarks that draw a bare page in it.
    if name == "REGULAR":
        return textline.font_name("latin", False)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
