"""The gettext catalogs as Qt `.qm` files, so that QML's `qsTr()` is answered by Qt itself.

QML's text could be translated by a QTranslator written in Python, but Qt also asks translators
from its own QML loader thread (for example for an error string when a compiled-QML cache file is
missing). A Python translator then needs the interpreter's lock, which the code that asked for the
QML holds while it waits for that thread: the kiosk froze. Qt's QQmlApplicationEngine loads
`i18n/qml_<language>.qm` beside the main QML file in C++ whenever its `uiLanguage` changes; these
files hold the same translations as the gettext catalogs, so nothing in Python is ever asked.

The files are written without contexts, so a message matches whichever QML file asks for it, as a
gettext msgid does: only the source text (and its disambiguation) is compared. The wheel's build
hook (hatch_build.py) and `make catalogs` write the files; reading a .mo takes Babel, which both
have (a build requirement and a dependency), and nothing else of the kiosk.

    python -m kiosk.core.qm TRANSLATIONS_DIR OUTPUT_DIR    # every <code>/LC_MESSAGES/kiosk.mo
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Mapping
from pathlib import Path

SOURCE_LANGUAGE = "en_GB"  # kiosk.core.i18n.SOURCE_LANGUAGE: shown as written, no file
# QLocale has no variant for Easy Read English, and "en_GB" is the source language: Easy Read goes
# by a locale no other shipped language uses, so its file is never taken for another's.
UI_LANGUAGES = {"en_GB@easyread": "en_001"}
PREFIX = "qml_"
MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
HASHES, MESSAGES = 0x42, 0x69
TAG_END, TAG_TRANSLATION, TAG_SOURCE_TEXT = 1, 3, 6


def ui_language(code: str) -> str:
    """The engine's uiLanguage for a kiosk language ("" for the source language: no translator)."""
    return "" if code == SOURCE_LANGUAGE else UI_LANGUAGES.get(code, code)


def file_name(code: str) -> str:
    return f"{PREFIX}{ui_language(code)}.qm"


def elf_hash(data: bytes) -> int:
    """Qt's hash of a message's source text (qtranslator.cpp)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def qm_bytes(translations: Mapping[str, str]) -> bytes:
    """A .qm file holding `translations` (source text -> translation); untranslated and plural
    entries (gettext's header, "singular\\0plural" keys) are left out, so Qt shows the source."""
    messages = bytearray()
    offsets = []
    for source, translated in sorted(translations.items()):
        if not source or not translated or "\0" in source:
            continue
        key = source.encode("utf-8")
        text = translated.encode("utf-16-be")
        offsets.append((elf_hash(key), len(messages)))
        messages += struct.pack(">BI", TAG_TRANSLATION, len(text)) + text
        messages += struct.pack(">BI", TAG_SOURCE_TEXT, len(key)) + key
        messages.append(TAG_END)
    hashes = b"".join(struct.pack(">II", h, o) for h, o in sorted(offsets))
    return (
        MAGIC
        + struct.pack(">BI", HASHES, len(hashes))
        + hashes
        + struct.pack(">BI", MESSAGES, len(messages))
        + bytes(messages)
    )


def read_mo(path: Path) -> dict[str, str]:
    """msgid -> msgstr from a compiled gettext catalog, read by Babel; plural entries are left out."""
    from babel.messages.mofile import read_mo as babel_read_mo  # when writing, never at start-up

    with path.open("rb") as fh:
        return {m.id: m.string for m in babel_read_mo(fh) if isinstance(m.id, str)}


def write_all(translations: Path, output: Path, domain: str = "kiosk") -> list[Path]:
    """One .qm per compiled catalog in `translations` (<code>/LC_MESSAGES/<domain>.mo)."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for mo in sorted(translations.glob(f"*/LC_MESSAGES/{domain}.mo")):
        code = mo.parent.parent.name
        if code == SOURCE_LANGUAGE:
            continue
        target = output / file_name(code)
        target.write_bytes(qm_bytes(read_mo(mo)))
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"usage: python -m kiosk.core.qm TRANSLATIONS_DIR OUTPUT_DIR\n\n{__doc__}")
    for path in write_all(Path(sys.argv[1]), Path(sys.argv[2])):
        print(f"wrote {path}")
