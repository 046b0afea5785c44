"""The language switcher keeps the reader on the same page and anchor, in both directions.

Chromium: tests/browser/conftest.py.
"""

from __future__ import annotations

import typing

import pytest

from tests.conftest import ServedSite



@pytest.mark.parametrize(
    ("start", "lang", "expected"),
    [
        ("formula/#first-example", "zh", "zh/formula/#first-example"),
        ("zh/notation/#glossary", "en", "notation/#glossary"),
        ("zh/", "en", ""),
        ("", "zh", "zh/"),
    ],
)
def test_language_switcher_keeps_the_page_and_anchor(
    browser: typing.Any, served_site: ServedSite, start: str, lang: str, expected: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(served_site.base_url + start)
        page.hover(".md-header__option .md-select")
        page.click(f".md-select__link[hreflang='{lang}']")
        page.wait_for_url(served_site.base_url + expected)
        assert page.evaluate("document.documentElement.lang") == lang
    finally:
        context.close()
