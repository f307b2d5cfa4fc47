"""The fake Hub served from a shell (as .ci/image uses it): it answers, then stops on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_serves_alice_until_sigterm(tmp_path: Path) -> None:
    url_file = tmp_path / "hub.url"
    cmd = [sys.executable, "-m", "tests.fakes.fake_hub_serve", "--url-file", str(url_file)]
    proc = subprocess.Popen(cmd, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while not url_file.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        url = url_file.read_text(encoding="utf-8").strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/api/users/alice/overview", timeout=10) as response:
            overview = json.load(response)
        assert overview["fullname"] == "Alice"
        assert overview["numModels"] == 1
        assert overview["numSpaces"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
