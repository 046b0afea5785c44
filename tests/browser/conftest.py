"""The browser tier (``make test-browser``): Chromium, started the same way by every test here.

Chromium is Debian's /usr/bin/chromium, or $CHROMIUM_PATH (GitHub's runners ship Google Chrome).
This tier exists to run a browser: without one it fails, it does not skip.
"""

from __future__ import annotations

import os
import pathlib
import typing

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As root in a sandbox without a network: no background connections, no GPU, no sandbox. No host
# name resolves but 127.0.0.1, where the site is served: a request to another host fails at once,
# with nothing in the way of the others (no round trip through Python for each request).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def launch(playwright: typing.Any) -> typing.Any:
    """A headless Chromium; Playwright gives it a fresh profile, each context an empty cache."""
    if not pathlib.Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


@pytest.fixture(scope="module")
def browser() -> typing.Iterator[typing.Any]:
    """One Chromium for a test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
