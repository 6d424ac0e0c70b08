"""One kiosk per machine."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid


def test_second_launch_brings_the_first_to_the_front(make_kiosk):
    from kiosk.ui.instance import SingleInstance, ask_first_instance_to_show

    name = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    shown = []
    r = make_kiosk()
    server = SingleInstance(lambda: shown.append(True), name=name, parent=r.kiosk)
    assert not ask_first_instance_to_show(f"{name}-nobody")
    assert ask_first_instance_to_show(name)
    r.qtbot.waitUntil(lambda: shown == [True], timeout=2000)
    server.server.close()


def test_a_second_kiosk_process_exits_quietly(make_kiosk):
    from kiosk.ui.instance import SingleInstance, server_name

    r = make_kiosk()
    server = SingleInstance(lambda: None, name=server_name(), parent=r.kiosk)
    try:
        result = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--windowed"],
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # The first kiosk's event loop must run to answer; wait while pumping events.
        r.qtbot.waitUntil(lambda: result.poll() is not None, timeout=20000)
        err = result.stderr.read()
        assert result.returncode == 0, err
        assert "already running" in err
    finally:
        server.server.close()
