"""The Chinese edition in headless Chromium: search finds Chinese words (the language switcher:
tests/browser/test_language_switcher.py).

The queries are typed one after another, as a reader searches, each on the page the last one
opened (by instant navigation). The query that was once misranked is also typed before the index
arrives (held back a second): the order of the results must not depend on when it does.

Every zh page also goes through the whole browser check of tests/browser/test_pages.py (its page
list is every index.html of the site, site/zh/ included).
"""

from __future__ import annotations

import typing
import urllib.parse

import pytest

from tests.conftest import ServedSite


# A query and the page its first result must open (paths under the site root). Material's worker
# cuts a query into words of the index (hooks/search_segment.py fixes how it did): all but 交叉熵
# and 梯度 are words of i18n/jieba-words.txt beginning with a shorter word of the index (标签 平滑,
# 数值 稳定, 忽略 索引, 独热 编码, 概率 目标), which Material searched as that shorter word only.
SEARCHES = {
    "交叉熵": "zh/",
    "标签平滑": "zh/options/label-smoothing/",
    "梯度": "zh/training/gradient/",
    "数值稳定": "zh/training/stability/",
    "忽略索引": "zh/options/ignore-index/",
    "独热编码": "zh/one-hot/",
    "概率目标": "zh/options/probability-targets/",
}
INDEX = "**/zh/search/search_index.json"


def type_query(page: typing.Any, query: str) -> None:
    """Type ``query`` into Material's search box (this is what requests the index). Also used by
    test_search.py and test_search_ranking.py."""
    box = page.locator("input.md-search__input")
    box.click(timeout=10_000)  # the header's search box (a desktop-wide viewport shows it)
    box.fill(query)
    # fill() fires no keyup, and Material reads the box on keyup (or on focus, or when its index
    # is ready): without a key, a query filled after those is never searched, as under load
    box.press("End")


def empty_query(page: typing.Any) -> None:
    """Empty the box, and so the result list (Escape only hides it): the next query's results are
    its own, not the last one's shown again."""
    type_query(page, "")
    page.wait_for_selector(".md-search-result__item", state="detached", timeout=15_000)


def results(page: typing.Any) -> list[str]:
    """The result links, best first."""
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def first_result_problem(page: typing.Any, site: ServedSite, query: str) -> str:
    """'' if the first result is the query's page, with the query's words to highlight (?h=), and
    clicking it opens that page; else what went wrong."""
    try:
        links = results(page)
    except Exception as error:  # playwright's TimeoutError: nothing listed
        return f"{query}: no result ({type(error).__name__})"
    want = urllib.parse.urlsplit(site.base_url + SEARCHES[query]).path
    if urllib.parse.urlsplit(links[0]).path != want:  # without ?h=<query> and #section
        return f"{query}: results {links[:5]}"
    # the page opens with the query's words highlighted: ?h= lists those Material found in it
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(links[0]).query).get("h", [""])[0]
    if not (found and all(word in query for word in found.split())):
        return f"{query}: ?h={found}"
    page.click(".md-search-result__item > a >> nth=0")
    page.wait_for_url(lambda url: urllib.parse.urlsplit(url).path == want)
    return ""


def test_zh_search_finds_chinese_words(browser: typing.Any, served_site: ServedSite) -> None:
    """Every query, each from the page the last one opened, the box emptied first (empty_query)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(served_site.base_url + "zh/")
        problems = []
        for query in SEARCHES:
            empty_query(page)
            type_query(page, query)
            problems.append(first_result_problem(page, served_site, query))
    finally:
        context.close()
    assert not any(problems), "\n".join(filter(None, problems))


def test_zh_search_does_not_depend_on_when_the_index_arrives(
    browser: typing.Any, served_site: ServedSite
) -> None:
    """The query that was misranked, typed before the index arrives (held back a second)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        held: list[typing.Any] = []
        page.route(INDEX, lambda route: held.append(route))
        page.goto(served_site.base_url + "zh/")
        type_query(page, "标签平滑")
        page.wait_for_timeout(1000)
        assert len(held) == 1, f"the index was requested {len(held)} times, not once"
        assert not page.locator(".md-search-result__item").count()  # none before the index
        held[0].continue_()
        problem = first_result_problem(page, served_site, "标签平滑")
    finally:
        context.close()
    assert not problem, problem
