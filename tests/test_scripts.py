"""The set-up script's checks hold on real machines."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig is not installed")
def test_the_font_check_never_fails_on_a_pipe_under_pipefail():
    # `fc-list | grep -q` under pipefail ended with 141 (SIGPIPE) when grep found its line before
    # fc-list had written everything (many fonts installed), and then asked for packages that
    # were there. The listings below are long, the wanted line first; apt_install fails the run.
    script = f"""
        set -euo pipefail
        source {ROOT / "scripts" / "bootstrap.sh"}
        long_listing() {{ echo "$1"; for i in $(seq 1 20000); do echo "Font number $i"; done; }}
        fc-list() {{ long_listing "Liberation Serif"; }}
        ldconfig() {{ long_listing "libpango-1.0.so.0 (libc6,x86-64) => /lib/libpango-1.0.so.0"; }}
        apt_install() {{ echo "asked to install: $*"; exit 3; }}
        for _ in $(seq 1 5); do ensure_pdf_system_packages; done
        echo checked
    """
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False, timeout=120)  # noqa: S603, S607
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "checked"
