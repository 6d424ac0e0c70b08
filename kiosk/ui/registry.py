"""Hands each QML engine the adapters of the kiosk that owns it.

Adapters are QML singletons (`@QmlSingleton` with a static `create(engine)`); Qt asks for them per
engine, so two kiosks in one process (tests, screenshots) never share or mix their state.
"""

from __future__ import annotations

from typing import Any

from shiboken6 import Shiboken

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1

_owners: dict[int, Any] = {}


def _key(engine: Any) -> int:
    return Shiboken.getCppPointer(engine)[0]


def bind(engine: Any, owner: Any) -> None:
    _owners[_key(engine)] = owner


def unbind(engine: Any) -> None:
    _owners.pop(_key(engine), None)


def adapter(engine: Any, name: str) -> Any:
    """The adapter `name` ("slips", or a dotted path such as "staff.editor") of the kiosk that owns
    `engine`, kept owned by Python: QML would otherwise delete it along with the engine."""
    from PySide6.QtQml import QQmlEngine

    obj = owner_of(engine)
    for part in name.split("."):
        obj = getattr(obj, part)
    QQmlEngine.setObjectOwnership(obj, QQmlEngine.ObjectOwnership.CppOwnership)
    return obj


def owner_of(engine: Any) -> Any:
    try:
        return _owners[_key(engine)]
    except KeyError:
        raise RuntimeError("a QML engine asked for kiosk adapters before the kiosk bound it") from None
