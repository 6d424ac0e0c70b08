"""A screen-reader client for tests/test_atspi.py: it reads the kiosk the way Orca does, through
AT-SPI (pyatspi, the system's Python: /usr/bin/python3, not the .venv), and drives it with keys only.

Usage: python3 atspi_client.py JOURNEY.json. The journey is a list of steps; each step presses keys
(or tabs to a control by the start of its name and presses Enter) and then records what a screen
reader finds: which object has the focus, which focus events came, and every node of the window
with its role, name, description, states, locale and actions. One JSON object per step on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time

import pyatspi
from gi.repository import GLib

KEYS = {"Tab": 0xFF09, "Return": 0xFF0D, "Escape": 0xFF1B, "ISO_Left_Tab": 0xFE20, "Shift_L": 0xFFE1}
APP_NAME = "kiosk"
SETTLE_S = 1.0  # "even a second later": what a screen reader has once the screen has settled

focus_events: list[dict] = []


def pump(seconds: float) -> None:
    """Let AT-SPI events arrive for `seconds`."""
    context = GLib.MainContext.default()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while context.pending():
            context.iteration(False)
        time.sleep(0.01)


def on_focus(event) -> None:  # noqa: ANN001
    if event.detail1:
        try:
            focus_events.append({"role": event.source.getRoleName(), "name": event.source.name or ""})
        except Exception:  # noqa: BLE001 - the object may be gone already
            focus_events.append({"role": "?", "name": "?"})


def application(name: str = APP_NAME, tries: int = 150):
    for _ in range(tries):
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name and (app.childCount or name != APP_NAME):
                return app
        time.sleep(0.1)
    if name == APP_NAME:
        raise SystemExit(f"{name} never appeared on the AT-SPI bus")
    return None


def actions(acc) -> list[str]:  # noqa: ANN001
    try:
        action = acc.queryAction()
    except NotImplementedError:
        return []
    return [action.getName(i) for i in range(action.nActions)]


def node(acc, dialog: str | None) -> dict:  # noqa: ANN001
    states = acc.getState()
    try:
        locale = acc.get_object_locale()
    except Exception:  # noqa: BLE001
        locale = None
    try:
        box = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        size = [box.width, box.height]
    except NotImplementedError:
        size = None
    return {
        "role": acc.getRoleName(),
        "name": acc.name or "",
        "description": acc.description or "",
        "showing": states.contains(pyatspi.STATE_SHOWING),
        "visible": states.contains(pyatspi.STATE_VISIBLE),
        "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
        "focused": states.contains(pyatspi.STATE_FOCUSED),
        "modal": states.contains(pyatspi.STATE_MODAL),
        "locale": locale,
        "size": size,  # Qt gives a hidden item no size
        "actions": actions(acc),
        "dialog": dialog,  # the name of the dialog this node is in, if any
    }


def nodes(acc, dialog: str | None = None) -> list[dict]:  # noqa: ANN001
    here = node(acc, dialog)
    inner = here["name"] if here["role"] == "dialog" else dialog
    found = [here]
    for child in acc:
        if child is not None:
            found += nodes(child, inner)
    return found


def snapshot(app, step: str) -> dict:  # noqa: ANN001
    frame = app[0]
    tree = nodes(frame)[1:]
    focused = [n for n in tree if n["focused"]]
    record = {
        "step": step,
        "window": frame.name or "",
        "focus": focused[0] if focused else None,
        "focus_events": list(focus_events),
        "nodes": tree,
    }
    focus_events.clear()
    return record


def press(name: str) -> None:
    if name == "BackTab":
        pyatspi.Registry.generateKeyboardEvent(KEYS["Shift_L"], None, pyatspi.KEY_PRESS)
        pyatspi.Registry.generateKeyboardEvent(KEYS["Tab"], None, pyatspi.KEY_PRESSRELEASE)
        pyatspi.Registry.generateKeyboardEvent(KEYS["Shift_L"], None, pyatspi.KEY_RELEASE)
    else:
        pyatspi.Registry.generateKeyboardEvent(KEYS[name], None, pyatspi.KEY_SYM)
    pump(0.15)


def focused_name(app) -> str | None:  # noqa: ANN001
    found = [n for n in nodes(app[0]) if n["focused"]]
    return found[0]["name"] if found else None


def tab_to(app, prefix: str, limit: int = 40) -> list[str]:  # noqa: ANN001
    """Tab until the focus is on a control whose name starts with `prefix`; the names passed."""
    passed = []
    for _ in range(limit):
        name = focused_name(app)
        passed.append(name)
        if name is not None and name.startswith(prefix):
            return passed
        press("Tab")
    raise SystemExit(f"Tab never reached {prefix!r}; it passed {passed}")


def tab_cycle(app, count: int) -> list[dict]:  # noqa: ANN001
    """Press Tab `count` times; after each, the focused node and every node that is showing."""
    seen = []
    for _ in range(count):
        press("Tab")
        tree = nodes(app[0])
        focused = [n for n in tree if n["focused"]]
        seen.append(
            {
                "focus": focused[0] if focused else None,
                "showing": [n["name"] for n in tree if n["showing"] and n["name"]],
            }
        )
    return seen


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as steps:
        journey = json.load(steps)
    pyatspi.Registry.registerEventListener(on_focus, "object:state-changed:focused")
    app = application()
    if os.environ.get("ATSPI_WAIT_FOR_ORCA"):  # Orca's own window-less app: it listens from then on
        print(json.dumps({"step": "orca-started", "ok": application("orca", 100) is not None}), flush=True)
    pump(SETTLE_S)
    print(json.dumps(snapshot(app, "start")), flush=True)
    for step in journey:
        record: dict = {}
        if "tab_to" in step:
            record["passed"] = tab_to(app, step["tab_to"])
            focus_events.clear()  # what matters is what comes after Enter
            press("Return")
        for key in step.get("keys", []):
            press(key)
        pump(step.get("settle", SETTLE_S))
        record.update(snapshot(app, step["name"]))
        if "tab_cycle" in step:
            record["cycle"] = tab_cycle(app, step["tab_cycle"])
        print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
