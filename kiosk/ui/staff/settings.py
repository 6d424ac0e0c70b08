"""The staff settings screen: one-off changes to this kiosk's site settings, on the touch screen.

Values are edited as a draft (the on-screen keyboard, steppers, toggles, the language list, the
printer and slip layout), saved through kiosk.core.config.save_local_changes (validated exactly as
the site file is, kept in the data folder) and put to work on the running kiosk at once
(apply.py). "Reset to the site file" undoes every change made here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlNamedElement, QmlSingleton

from kiosk.ui import registry
from kiosk.ui.staff.screen import StaffScreen

if TYPE_CHECKING:
    from kiosk.core.config import Settings

log = logging.getLogger(__name__)
QML_IMPORT_NAME = registry.QML_IMPORT_NAME
QML_IMPORT_MAJOR_VERSION = registry.QML_IMPORT_MAJOR_VERSION
PATH_MAX = 300  # the content folder, typed on the keyboard (the site file sets no limit)
TYPING_MAX = 300  # the keyboard stops here; saving refuses anything over the field's limit
TOGGLES = ("attract_screen", "discreet_default", "statistics")
# Fields of the settings screen, in the order "Saved: ..." lists them.
FIELDS = (
    "site_name",
    "collection_point",
    "idle_timeout",
    "attract_screen",
    "languages",
    "default_language",
    "printer",
    "slip_layout",
    "discreet_default",
    "statistics",
    "bundle",
)


def text_limits() -> dict[str, int]:
    """The fields typed on the staff keyboard, with the site file's limits."""
    from kiosk.core.config import BY_FIELD

    return {f: BY_FIELD[f].rule.limit for f in ("site_name", "collection_point")} | {"bundle": PATH_MAX}


@QmlNamedElement("SettingsEditor")
@QmlSingleton
class SettingsEditor(StaffScreen):
    changed = Signal()

    @staticmethod
    def create(engine):  # noqa: ANN001 - called by QML, once per engine
        return registry.adapter(engine, "staff.editor")

    def __init__(self, staff):  # noqa: ANN001 - the StaffAdapter
        super().__init__(staff)
        self._base: Settings | None = None  # what the configuration gives now
        self._draft: dict[str, Any] = {}
        self._editing = ""  # the text field the on-screen keyboard types into
        self._shift = False
        self._confirm = ""  # "reset" while "Reset to the site file" waits for a second tap
        self._printers: list[str] = []
        self._default_printer = ""

    @Property("QVariantMap", notify=changed)
    def settings(self) -> dict:
        """The settings screen: the values as they would be saved, and the choices."""
        if not self._draft:
            return {}
        from kiosk.core.slips import LAYOUTS
        from kiosk.ui.staff.words import LABELS, duration_text

        d = self._draft
        limit = text_limits().get(self._editing, 0)
        typed = d.get(self._editing, "") if self._editing else ""
        return {
            "siteName": d["site_name"],
            "collectionPoint": d["collection_point"],
            "idleSeconds": d["idle_timeout"],
            "idleText": duration_text(d["idle_timeout"]),
            "attract": d["attract_screen"],
            "discreet": d["discreet_default"],
            "statistics": d["statistics"],
            "printer": d["printer"],
            "printers": self._printer_choices(),
            "layout": d["slip_layout"],
            "layouts": [{"id": k, "label": n, "detail": w} for k, n, w in LAYOUTS],
            "languages": self._language_choices(),
            "editing": self._editing,
            "bundle": d["bundle"],
            "editingLabel": LABELS.get(self._editing, ""),
            "editingText": typed,
            "editingHint": (
                f"{len(typed)} of {limit} characters" + (" — too long" if len(typed) > limit else "")
                if self._editing
                else ""
            ),
            "shift": self._shift,
            "confirmReset": self._confirm == "reset",
            "unsaved": self._unsaved(),
        }

    def _printer_choices(self) -> list[dict]:
        chosen = self._draft["printer"]
        known = list(self._printers) + ([chosen] if chosen and chosen not in self._printers else [])
        return [{"name": "", "label": "System default printer", "detail": self._default_text()}] + [
            {
                "name": name,
                "label": name,
                "detail": "" if name in self._printers else "not found on this computer",
            }
            for name in known
        ]

    def _language_choices(self) -> list[dict]:
        from kiosk.core import languages

        return [
            {
                "code": lang.code,
                "name": lang.name,
                "english": lang.english,
                "font": lang.font,
                "on": lang.code in self._draft["languages"],
                "isDefault": lang.code == self._draft["default_language"],
            }
            for lang in map(languages.language, languages.SHIPPED)
        ]

    def _default_text(self) -> str:
        if self.staff.busy and not self._printers:
            return "looking for printers…"
        return f"now “{self._default_printer}”" if self._default_printer else "none is set on this computer"

    def _unsaved(self) -> list[str]:
        from kiosk.ui.staff.words import LABELS

        if self._base is None:
            return []
        return [LABELS[f] for f in FIELDS if self._draft.get(f) != plain(getattr(self._base, f))]

    def leave(self, forget: bool) -> None:
        """Staff went back to the menu (the draft is kept) or closed the panel (it is forgotten)."""
        self._editing = self._confirm = ""
        if forget:
            self._draft, self._base = {}, None

    # --- opening, and editing the draft ----------------------------------------------------------

    @Slot()
    def open(self) -> None:
        if not self.staff.is_open:
            return
        from kiosk.ui.fonts import ensure_all_fonts

        ensure_all_fonts()  # each language is named in its own script
        self._start_from(self.staff.configured())
        self._editing = self._confirm = ""
        log.info("staff opened the settings")
        self.staff.show("settings", "", [])
        self._list_printers()

    def _start_from(self, settings: Settings) -> None:
        self._base = settings
        self._draft = {f: plain(getattr(settings, f)) for f in FIELDS}

    def _list_printers(self) -> None:
        def work() -> tuple[list[str], str]:
            from kiosk.ui import printing

            return printing.printer_names(), printing.default_printer()

        def done(found: tuple[list[str], str]) -> None:
            self._printers, self._default_printer = found

        self.staff.run(work, done, "listing the printers")

    def _editable(self) -> bool:
        if self.staff.mode != "settings" or not self._draft:
            return False
        self._confirm = ""
        return True

    def _edited(self) -> None:
        """A choice changed: any message about the last save no longer applies."""
        self.staff.show(message="", details=[])

    @Slot(str)
    def editText(self, field: str) -> None:  # noqa: N802 - QML API
        if self._editable() and field in text_limits():
            self._editing, self._shift = field, False
            self._edited()

    @Slot(str)
    def typeKey(self, key: str) -> None:  # noqa: N802 - QML API
        if not self._editable() or not self._editing or len(key) != 1 or not key.isprintable():
            return
        text = self._draft[self._editing]
        if len(text) < TYPING_MAX:
            self._draft[self._editing] = text + (key.upper() if self._shift else key)
        self._shift = False
        self.changed.emit()

    @Slot()
    def shiftKey(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._shift = not self._shift
            self.changed.emit()

    @Slot()
    def deleteKey(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._draft[self._editing] = self._draft[self._editing][:-1]
            self.changed.emit()

    @Slot()
    def clearText(self) -> None:  # noqa: N802 - QML API
        if self._editable() and self._editing:
            self._draft[self._editing] = ""
            self.changed.emit()

    @Slot()
    def doneText(self) -> None:  # noqa: N802 - QML API
        if self._editable():
            self._draft[self._editing] = self._draft.get(self._editing, "").strip()
            self._editing = ""
            self.changed.emit()

    @Slot(int)
    def stepIdle(self, direction: int) -> None:  # noqa: N802 - QML API
        from kiosk.ui.staff.words import step_idle

        if self._editable():
            self._draft["idle_timeout"] = step_idle(self._draft["idle_timeout"], direction)
            self._edited()

    @Slot(str)
    def toggle(self, field: str) -> None:
        if self._editable() and field in TOGGLES:
            self._draft[field] = not self._draft[field]
            self._edited()

    @Slot(str)
    def toggleLanguage(self, code: str) -> None:  # noqa: N802 - QML API
        from kiosk.core.languages import SHIPPED

        if not self._editable() or code not in SHIPPED:
            return
        on = self._draft["languages"]
        if code in on and len(on) == 1:
            self.staff.show(message="At least one language must be offered.", details=[])
            return
        on = tuple(c for c in SHIPPED if (c in on) != (c == code))  # the picker's order
        self._draft["languages"] = on
        if self._draft["default_language"] not in on:
            self._draft["default_language"] = on[0]
        self._edited()

    @Slot(str)
    def makeDefault(self, code: str) -> None:  # noqa: N802 - QML API
        from kiosk.core.languages import SHIPPED

        if self._editable() and code in SHIPPED:
            if code not in self._draft["languages"]:
                on = set(self._draft["languages"]) | {code}
                self._draft["languages"] = tuple(c for c in SHIPPED if c in on)
            self._draft["default_language"] = code
            self._edited()

    @Slot(str)
    def choosePrinter(self, name: str) -> None:  # noqa: N802 - QML API
        if self._editable():
            self._draft["printer"] = name
            self._edited()

    @Slot(str)
    def chooseLayout(self, layout: str) -> None:  # noqa: N802 - QML API
        from kiosk.core.slips import FORMATS

        if self._editable() and layout in FORMATS:
            self._draft["slip_layout"] = layout
            self._edited()

    # --- saving, and going back to the site file ---------------------------------------------------

    @Slot()
    def save(self) -> None:
        if not self._editable() or self._base is None:
            return
        from kiosk.core import config
        from kiosk.ui.staff.apply import apply
        from kiosk.ui.staff.words import LABELS, problem_text, value_text

        self._editing = ""
        changes = {f: v for f, v in self._draft.items() if v != plain(getattr(self._base, f))}
        if not changes:
            self.staff.show(message="Nothing to save: no setting was changed.", details=[])
            return
        problems = config.save_local_changes(
            changes, self.staff.config_path(), data_dir=self.staff.data_dir()
        )
        if problems:
            log.info("staff settings not saved: %s", "; ".join(p.key for p in problems))
            self.staff.show(
                message="Not saved. Please put this right and save again:",
                details=[problem_text(p) for p in problems],
            )
            return
        settings = self.staff.configured()
        later = apply(self.staff, settings, set(changes))
        log.info("staff saved settings: %s", ", ".join(config.BY_FIELD[f].dotted for f in changes))
        self._start_from(settings)
        self.staff.show(
            message="Saved on this kiosk:",
            details=[f"{LABELS[f]}: {value_text(f, getattr(settings, f))}" for f in FIELDS if f in changes]
            + later,
        )

    @Slot()
    def resetToSite(self) -> None:  # noqa: N802 - QML API
        if self.staff.mode != "settings" or not self._draft:
            return
        if self._confirm != "reset":
            self._confirm = "reset"
            self._editing = ""
            self._edited()
            return
        from kiosk.core import config
        from kiosk.ui.staff.apply import apply

        self._confirm = ""
        data_dir = self.staff.data_dir()
        local = set(config.local_changes(data_dir))
        config.forget_local_changes(data_dir)
        settings = self.staff.configured()
        later = apply(self.staff, settings, local)
        log.info("staff reset the settings to the site file (%d changed on the kiosk)", len(local))
        self._start_from(settings)
        if not local:
            self.staff.show(message="Nothing to reset: no setting was changed on this kiosk.", details=[])
            return
        pin = ["The staff PIN is the site file's PIN again."] if "pin_hash" in local else []
        self.staff.show(
            message=f"Reset: the {len(local)} setting{'s' if len(local) != 1 else ''} changed on this "
            "kiosk now come from the site file again.",
            details=pin + later,
        )


def plain(value: Any) -> Any:
    """A setting as the settings screen edits it: lists as tuples, the content folder as text."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, Path):
        return str(value)
    return "" if value is None else value  # no content folder: the built-in content
