"""Seconds from saving a page or a snippet to its new text in an open tab, under `make serve`'s
`mkdocs serve --dirty` (no search index: SITE_SEARCH=false).

Not a test: ``.venv/bin/python -m tests.benchmarks.live_reload``. REPEAT times per kind, it puts
a marker word into PAGE (page) or into a string SNIPPET prints (snippet), and times the save until
the tab that mkdocs' livereload reloaded has parsed a document holding it (domInteractive); then
restores the file and waits for the marker to go. Prints each edit, then median and maximum.
"""

from __future__ import annotations

import os
import pathlib
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid

from tests.conftest import ROOT, site_url_path

PAGE, PAGE_URL = ROOT / "docs" / "batches.md", "batches/"
SNIPPET = ROOT / "snippets" / "batches" / "mean_divisor_table.py"
REPEAT, TIMEOUT_S = 5, 120
PARSED_JS = """m => [document.documentElement.textContent.includes(m),
  performance.timeOrigin + performance.getEntriesByType("navigation")[0].domInteractive]"""
EDITS = {
    "page": (PAGE, lambda text, m: text.rstrip("\n") + f"\n\n{m}\n"),
    # into the start of a string literal the snippet prints
    "snippet": (SNIPPET, lambda text, m: text.replace('"target  options', f'"{m} target  options')),
}


def parsed_at(tab, marker: str, present: bool) -> float:
    """Epoch seconds at which the tab had parsed a document that holds (or lacks) ``marker``."""
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT_S:
        try:
            tab.wait_for_event("domcontentloaded", timeout=TIMEOUT_S * 1000)
            holds, parsed_ms = tab.evaluate(PARSED_JS, marker)
        except Exception:  # reloaded again meanwhile: wait for that document
            continue
        if holds is present:
            return parsed_ms / 1000
    raise TimeoutError(f"the tab did not {'show' if present else 'drop'} {marker!r}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import launch

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{sock.getsockname()[1]}"
    url = f"http://{address}{site_url_path()}"
    mkdocs = pathlib.Path(sys.executable).parent / "mkdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_SEARCH": "false"}
    server = subprocess.Popen([str(mkdocs), "serve", "--dirty", "--dev-addr", address], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    originals = {path: path.read_text() for path, _ in EDITS.values()}
    times: dict[str, list[float]] = {kind: [] for kind in EDITS}
    try:
        while server.poll() is None:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                time.sleep(0.2)
        assert server.poll() is None, "mkdocs serve exited"
        with sync_playwright() as playwright:
            tab = launch(playwright).new_page()
            tab.goto(url + PAGE_URL, wait_until="load")
            time.sleep(1)  # let the livereload script start polling
            for i in range(REPEAT):
                for kind, (path, edit) in EDITS.items():
                    marker = f"reloadmark{uuid.uuid4().hex[:10]}"
                    changed = edit(originals[path], marker)
                    assert marker in changed, f"{path}: the text to edit is gone"
                    saved = time.time()
                    path.write_text(changed)
                    times[kind].append(parsed_at(tab, marker, True) - saved)
                    path.write_text(originals[path])
                    parsed_at(tab, marker, False)
                    print(f"{kind:8} edit {i + 1}: {times[kind][-1]:.2f} s "
                          f"(load average {os.getloadavg()[0]:.1f})")
    finally:
        for path, text in originals.items():
            path.write_text(text)
        server.send_signal(signal.SIGINT)
        server.wait(30)
    for kind, seconds in times.items():
        print(f"{kind:8} median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")


if __name__ == "__main__":
    main()
