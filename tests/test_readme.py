"""The README's quick start runs as written, from the repository root with ../shared beside it."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.model, pytest.mark.shared]


def quick_start_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Quick start"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip()]


def test_every_quick_start_line_runs_as_written(tmp_path):
    repo = tmp_path / "repo"  # a stand-in for the checkout: its examples, and ../shared beside it
    repo.mkdir()
    (repo / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    lines = quick_start_lines()
    assert len(lines) == 10 and all(line.startswith(("presstag ", "cat ")) for line in lines)
    for line in lines:
        result = subprocess.run(line, shell=True, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode in (0, 1), f"{line}: {result.stderr}"
        assert "Traceback" not in result.stderr, line
        if line.startswith("presstag people"):
            assert result.returncode == 0 and "organization" in result.stdout  # the examples state roles
    assert (repo / "entities.jsonl").stat().st_size > 0 and (repo / "report.html").stat().st_size > 0
    assert (repo / "releases.sqlite").exists()
