"""tests/reuse.py: a module's passes are reused only while nothing it read has changed.

Each test makes a throwaway project with one reusable test module, runs pytest on it in a
subprocess (with REUSE_ROOT pointing at it), changes one thing it depends on, and runs it again. The
module's test appends to a log each time it really runs, so "ran" and "reused" are told apart by the
log, not by the plugin's own summary alone.
"""

from __future__ import annotations

import http.server
import pathlib
import threading
import urllib.request

import pytest

from tests import conftest, reuse

pytestmark = pytest.mark.reuse  # tests/reuse.py: not run again while nothing it reads changed

MODULE = '''
import os, pathlib, subprocess, sys

import pytest

import helper

pytestmark = pytest.mark.reuse

def log():
    with open(os.environ["RUN_LOG"], "a") as out:  # a write: not an input
        out.write("ran\\n")

def test_reads_a_file_a_folder_a_script_and_a_module():
    log()
    assert pathlib.Path("data.txt").read_text().startswith("data")
    assert "a.txt" in os.listdir("inputs")
    done = subprocess.run([sys.executable, "script.py", "inputs"], capture_output=True, text=True)
    assert done.returncode == 0
    assert helper.VALUE == 1 or os.environ.get("EXPECT_FAIL")

def test_second():
    pass
'''


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    pytester.makeconftest('pytest_plugins = ["tests.reuse"]\n')
    pytester.makepyfile(test_mod=MODULE, helper="VALUE = 1\n", script="print('hi')\n")
    (pytester.path / "data.txt").write_text("data 1")
    (pytester.path / "inputs").mkdir()
    (pytester.path / "inputs" / "a.txt").write_text("a")
    monkeypatch.setenv("PYTHONPATH", str(conftest.ROOT))
    monkeypatch.setenv("REUSE_ROOT", str(pytester.path))
    monkeypatch.setenv("RUN_LOG", str(pytester.path.parent / f"{pytester.path.name}.log"))
    monkeypatch.delenv("TEST_CACHE", raising=False)
    return pytester


def runs(project: pytest.Pytester, *args: str, passed: int = 2, failed: int = 0) -> int:
    """Run the project's tests; how many times the first test really ran so far."""
    result = project.runpytest_subprocess("-p", "no:cacheprovider", *args)
    result.assert_outcomes(passed=passed, failed=failed)
    log = project.path.parent / f"{project.path.name}.log"
    return len(log.read_text().splitlines()) if log.is_file() else 0


def test_a_clean_module_is_reused_until_a_file_it_read_changes(project: pytest.Pytester) -> None:
    assert runs(project) == 1
    result = project.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["reuse: 2 tests of test_mod.py passed in an earlier run*"])
    assert runs(project) == 1  # reused twice, not run
    (project.path / "data.txt").write_text("data 2")
    assert runs(project) == 2


@pytest.mark.parametrize(
    "change",
    [
        "a file in a listed folder",
        "a script run in a subprocess",
        "a file below a folder given to a subprocess",
        "an imported module",
        "the checks' code",
    ],
)
def test_every_kind_of_input_is_watched(project: pytest.Pytester, change: str) -> None:
    assert runs(project) == 1
    assert runs(project) == 1
    if change == "a file in a listed folder":
        (project.path / "inputs" / "b.txt").write_text("b")
    elif change == "a script run in a subprocess":
        (project.path / "script.py").write_text("print('hello')\n")
    elif change == "a file below a folder given to a subprocess":
        (project.path / "inputs" / "a.txt").write_text("a, edited")
    elif change == "an imported module":
        (project.path / "helper.py").write_text("VALUE = 1  # edited\n")
    else:
        (project.path / "conftest.py").write_text('pytest_plugins = ["tests.reuse"]  # edited\n')
    assert runs(project) == 2


def test_a_failure_or_a_different_selection_is_not_kept(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.path / "helper.py").write_text("VALUE = 2\n")
    assert runs(project, passed=1, failed=1) == 1
    assert runs(project, passed=1, failed=1) == 2  # a failing module runs every time
    (project.path / "helper.py").write_text("VALUE = 1\n")
    assert runs(project, "-k", "reads", passed=1) == 3
    assert runs(project) == 4  # kept from a run of part of the module: not enough
    assert runs(project) == 4


def test_test_cache_0_runs_everything(project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    assert runs(project) == 1
    monkeypatch.setenv("TEST_CACHE", "0")
    assert runs(project) == 2
    assert runs(project) == 3


def test_the_local_server_reports_what_it_sends(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tests/conftest.py's server, which every browser test loads pages from, runs in this process:
    each file it sends is a file the module read."""
    site = reuse.ROOT / "site"
    page = next(site.rglob("index.html"), None) if site.is_dir() else None
    if page is None:
        pytest.skip("no built site in site/ (make test builds it)")
    reads = reuse.Reads()
    handler = type("Handler", (conftest._Quiet,), {"prefix": "/p/"})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(reuse, "_recording", reads)
    try:
        rel = page.relative_to(site).as_posix()
        urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/p/{rel}").read()
    finally:
        server.shutdown()
        server.server_close()
    assert str(page) in reads.files


def test_nothing_is_reused_when_the_site_checked_lies_outside_the_project(
    project: pytest.Pytester, tmp_path: pathlib.Path
) -> None:
    """Files read from a site outside the project are not recorded: no result may rest on them."""
    project.makeconftest(
        'pytest_plugins = ["tests.reuse"]\n\n'
        "def pytest_addoption(parser):\n"
        '    parser.addoption("--site-dir", default=None)\n'
    )
    (project.path / "site").mkdir()
    outside = str(tmp_path / "site")
    assert runs(project, "--site-dir", outside) == 1
    assert runs(project, "--site-dir", outside) == 2
    assert runs(project) == 3  # no --site-dir: the tests would build one in a temporary folder
    assert runs(project, "--site-dir", "site") == 4
    assert runs(project, "--site-dir", "site") == 4
