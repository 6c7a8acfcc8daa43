"""The event's domain modules stay free of Textual (they are used by commands that never draw)."""

import subprocess
import sys


def test_capture_and_event_never_import_textual():
    code = (
        "import sys, facilitation.capture, facilitation.event; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'lrf_tui', 'exports')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
