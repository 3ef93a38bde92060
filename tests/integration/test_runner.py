"""`eoffice up` as an operator runs it: stopped with SIGTERM (systemd, docker,
kill), it stops every service it started instead of leaving them running."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_sigterm_stops_every_service_started(tmp_path):
    env = {**os.environ, "EOFFICE_DATA": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    up = subprocess.Popen([sys.executable, "-m", "services.cli", "up", "--only", "directory"], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        output = []
        while time.time() < deadline:
            line = up.stdout.readline()
            output.append(line)
            if "running; press Ctrl-C" in line or up.poll() is not None:
                break
        assert up.poll() is None, "".join(output)
        children = psutil.Process(up.pid).children(recursive=True)
        assert children, "".join(output)
        up.send_signal(signal.SIGTERM)
        assert up.wait(30) == 0
        gone, alive = psutil.wait_procs(children, timeout=30)
        assert not alive, [p.cmdline() for p in alive]
    finally:
        if up.poll() is None:
            up.kill()
