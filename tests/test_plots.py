"""Every plot in snippets/plots/ draws: a broken plot fails here, not only in the site build."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT


PLOTS = sorted((ROOT / "snippets" / "plots").glob("*.py"))


def load_hook():
    spec = importlib.util.spec_from_file_location("site_plots_hook", ROOT / "hooks" / "plots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", PLOTS, ids=[p.stem for p in PLOTS])
def test_plot_renders_to_a_deterministic_svg(script: pathlib.Path) -> None:
    svg = load_hook().render_svg(script)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(svg) > 5000 and b"<dc:date>" not in svg  # drawn, and no timestamp in it


def test_plot_scripts_run_as_copied_and_only_save_their_svg(tmp_path: pathlib.Path) -> None:
    """`python snippets/plots/x.py` prints nothing and writes x.svg into the cwd, nothing else."""
    runner = (
        "import os, runpy, sys\n"
        "for script in sys.argv[1:]:\n"
        "    sys.argv = [script]\n"
        "    runpy.run_path(script, run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", runner, *map(str, PLOTS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.svg" for p in PLOTS)
