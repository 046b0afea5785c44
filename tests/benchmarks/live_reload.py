"""Seconds from saving a page or a snippet to the new text in an open browser tab, under `mkdocs serve`.

Not a test (pytest collects only test_*.py): run it by hand from the repository root,

    .venv/bin/python -m tests.benchmarks.live_reload [--repeat 5] [--command plain|make|both]

For each command line (``plain``: ``mkdocs serve`` as contributors type it, with only a free port
added; ``make``: the command ``make serve`` runs, ``--livereload`` included), it starts the server,
waits until it serves, opens PAGE in headless Chromium (tests/test_browser.py's ``_launch``; the
livereload script mkdocs injects reloads the tab after each rebuild) and then, REPEAT times each:

- page: appends a paragraph with a marker word to PAGE's Markdown;
- snippet: puts a marker word into a string SNIPPET prints (PAGE includes it with ``--8<--``);

and measures from the moment the file is written to the moment the reloaded tab had parsed a
document with the marker (the ``domInteractive`` time of its navigation: Material's scripts, which
run before it, have run too). The benchmark waits for the tab's ``domcontentloaded`` events instead
of asking the tab for its text in a loop: asking every 20 ms (what it did before) kept Chromium and
Playwright busy on this 2-core machine while mkdocs rebuilt, and made each rebuild ~0.2 s slower
than without it. The file is then restored and the tab must lose the marker again before the next
edit (so every edit starts from an idle server). Files are restored in a ``finally`` whatever
happens. Prints every edit, the median and the maximum per kind, the rebuild time mkdocs logs, and
the CPU seconds the server process used from the save to the new text (which depend little on what
else the machine runs) and the load average (wall-clock figures are only comparable at a similar
load).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pathlib
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing
import urllib.request
import uuid

from tests.conftest import ROOT, site_url_path

PAGE = ROOT / "docs" / "batches.md"
PAGE_URL = "batches/"
SNIPPET = ROOT / "snippets" / "batches" / "mean_divisor_table.py"
SNIPPET_STRING = '"target  options'  # the start of a string literal the snippet prints
TIMEOUT_S = 120
MKDOCS = pathlib.Path(sys.executable).parent / "mkdocs"
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def commands(port: int) -> dict[str, list[str]]:
    addr = f"127.0.0.1:{port}"
    return {
        "plain": [str(MKDOCS), "serve", "--dev-addr", addr],
        "make": [str(MKDOCS), "serve", "--dev-addr", addr, "--livereload"],  # Makefile's `serve`
    }


def page_edit(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\n{marker}\n"


def snippet_edit(text: str, marker: str) -> str:
    assert text.count(SNIPPET_STRING) == 1, f"{SNIPPET}: expected one {SNIPPET_STRING!r}"
    return text.replace(SNIPPET_STRING, SNIPPET_STRING[:1] + marker + " " + SNIPPET_STRING[1:])


EDITS: dict[str, tuple[pathlib.Path, typing.Callable[[str, str], str]]] = {
    "page": (PAGE, page_edit),
    "snippet": (SNIPPET, snippet_edit),
}


PARSED_JS = """m => [document.documentElement.textContent.includes(m),
  performance.timeOrigin + performance.getEntriesByType("navigation")[0].domInteractive]"""


def wait_for(tab: typing.Any, marker: str, present: bool) -> float:
    """Epoch seconds at which the tab had parsed a document that holds (or lacks) ``marker``: the
    first one after the call, reloaded by mkdocs' livereload script."""
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT_S:
        left_ms = (TIMEOUT_S - (time.monotonic() - start)) * 1000
        try:
            tab.wait_for_event("domcontentloaded", timeout=left_ms)
            holds, parsed_ms = tab.evaluate(PARSED_JS, marker)
        except Exception:  # a rebuild reloaded the tab again meanwhile: wait for that document
            continue
        if holds is present:
            return parsed_ms / 1000
    raise TimeoutError(f"the tab did not {'show' if present else 'drop'} {marker!r} in {TIMEOUT_S} s")


@contextlib.contextmanager
def serving(argv: list[str], base_url: str, log: pathlib.Path) -> typing.Iterator[subprocess.Popen]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        server = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        start = time.monotonic()
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{' '.join(argv)} exited:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(base_url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() - start > 300:
                raise TimeoutError(f"{' '.join(argv)} did not serve {base_url} in 300 s")
            time.sleep(0.2)
        print(f"  serving after {time.monotonic() - start:.1f} s (first build included)")
        yield server
    finally:
        server.send_signal(signal.SIGINT)  # mkdocs removes its temporary site folder on ^C
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the process has used so far: unlike wall time, it barely depends on
    what else the machine runs."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def last_build_seconds(log: pathlib.Path) -> float | None:
    found = BUILT.findall(log.read_text(errors="replace"))
    return float(found[-1]) if found else None


def measure(name: str, argv: list[str], port: int, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from tests.test_browser import _launch

    base_url = f"http://127.0.0.1:{port}{site_url_path()}"
    results: dict[str, list[float]] = {kind: [] for kind in EDITS}
    results.update({f"{kind} (server CPU)": [] for kind in EDITS})
    originals = {path: path.read_bytes() for path, _ in EDITS.values()}
    with tempfile.TemporaryDirectory() as tmp:
        log = pathlib.Path(tmp) / "serve.log"
        print(f"{name}: {' '.join(argv)}")
        try:
            with serving(argv, base_url, log) as server, sync_playwright() as playwright:
                browser = _launch(playwright)
                tab = browser.new_page()
                tab.goto(base_url + PAGE_URL, wait_until="load")
                time.sleep(1)  # let the livereload script start polling
                for i in range(repeat):
                    for kind, (path, edit) in EDITS.items():
                        marker = f"reloadmark{uuid.uuid4().hex[:10]}"
                        changed = edit(originals[path].decode(), marker).encode()
                        cpu = cpu_seconds(server.pid)
                        saved = time.time()  # the clock of performance.timeOrigin
                        path.write_bytes(changed)
                        seconds = wait_for(tab, marker, True) - saved
                        cpu = cpu_seconds(server.pid) - cpu
                        built = last_build_seconds(log)
                        results[kind].append(seconds)
                        results[f"{kind} (server CPU)"].append(cpu)
                        path.write_bytes(originals[path])
                        wait_for(tab, marker, False)
                        print(f"  {kind:8} edit {i + 1}: {seconds:5.2f} s to the browser "
                              f"(mkdocs: built in {built} s; server CPU {cpu:.2f} s; "
                              f"load {os.getloadavg()[0]:.1f})")
                browser.close()
        finally:
            for path, data in originals.items():
                path.write_bytes(data)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--command", choices=["plain", "make", "both"], default="both")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # still restore the files (finally)
    port = free_port()
    chosen = commands(port) if args.command == "both" else {args.command: commands(port)[args.command]}
    summary = []
    for name, argv in chosen.items():
        for kind, seconds in measure(name, argv, port, args.repeat).items():
            summary.append(f"{name:6} {kind:19} median {statistics.median(seconds):5.2f} s, "
                           f"max {max(seconds):5.2f} s ({len(seconds)} edits)")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
