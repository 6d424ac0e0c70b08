"""Give memory the kiosk has freed back to the system, when nobody is using the screen.

glibc keeps freed memory inside the process for reuse, so months of screens, languages and slips
would otherwise show as a slowly rising footprint. `malloc_trim` hands free pages back; it runs on
every session reset (a few milliseconds, while the screen is idle or just cleared). Elsewhere
(Windows, musl) there is nothing to do.
"""

from __future__ import annotations

import logging
import sys
from functools import cache

log = logging.getLogger(__name__)


@cache
def _trim():  # noqa: ANN202 - the C function, or None
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # on the first reset, not at start-up
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """True if memory was handed back to the system."""
    trim = _trim()
    return bool(trim and trim(0))
