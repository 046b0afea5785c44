"""A sample of tests/search_queries.yml typed into Material's search box in Chromium, both languages:
the page lists the same pages, in the same order, as tests/material_search.py computes without a
browser (tests/test_search_queries.py checks the whole set that way), and the first is the page the
set names. So the fast check ranks as readers see it.
"""

from __future__ import annotations

import pathlib
import typing
import urllib.parse

import pytest
import yaml

from tests.browser.test_zh import empty_query, type_query
from tests.conftest import ServedSite
from tests.material_search import MaterialSearch

QUERY_FILE = pathlib.Path(__file__).resolve().parents[1] / "search_queries.yml"
QUERIES = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
SITES = {"en": "", "zh": "zh/"}
# Each language: queries once misranked, Chinese that the worker segments, error text, identifiers.
SAMPLE = {
    "en": ["class weights", "weighted mean", "Target 3 is out of bounds", "loss not decreasing",
           "label_smoothing", "gradient"],
    "zh": ["标签平滑", "类别不平衡", "困惑度", "梯度", "Target 3 is out of bounds", "WeightedRandomSampler"],
}


@pytest.fixture(scope="module")
def searches(site_dir: pathlib.Path) -> typing.Iterator[dict[str, MaterialSearch]]:
    found = {language: MaterialSearch(site_dir / folder) for language, folder in SITES.items()}
    yield found
    for search in found.values():
        search.close()


def listed_pages(page: typing.Any, root: str) -> list[str]:
    """The pages the result list links to, best first, as paths under the language's root."""
    try:
        page.wait_for_selector(".md-search-result__item", timeout=15_000)
    except Exception:  # playwright's TimeoutError: nothing listed
        return []
    links = page.eval_on_selector_all(  # each item: the page's link, then its best sections'
        ".md-search-result__item > a:first-child", "links => links.map(a => a.href)"
    )
    root_path = urllib.parse.urlsplit(root).path
    return [urllib.parse.urlsplit(link).path.removeprefix(root_path) for link in links]


@pytest.mark.parametrize("language", SITES)
def test_chromium_lists_the_pages_the_worker_ranks(
    browser: typing.Any, served_site: ServedSite, searches: dict[str, MaterialSearch], language: str
) -> None:
    root = served_site.base_url + SITES[language]
    expected = {entry["query"]: entry["page"] for entry in QUERIES[language]}
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    problems = []
    try:
        page = context.new_page()
        page.goto(root)
        for query in SAMPLE[language]:
            type_query(page, query)
            listed = listed_pages(page, root)
            computed = searches[language].pages(query)[: len(listed)]  # the page renders 10 first
            if not listed:
                problems.append(f"{query}: Chromium lists nothing")
            elif listed != computed:
                problems.append(f"{query}: Chromium lists {listed[:5]}, V8 {computed[:5]}")
            elif listed[0] != expected[query]:
                problems.append(f"{query}: first {listed[0]!r}, not {expected[query]!r}")
            empty_query(page)
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_pointing_at_the_search_box_starts_loading_the_index(
    browser: typing.Any, served_site: ServedSite
) -> None:
    """assets/javascripts/on-demand.js: the index is on its way before the reader clicks."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(served_site.base_url, wait_until="load")
        page.wait_for_timeout(300)
        assert not [url for url in requested if url.endswith("search_index.json")]
        with page.expect_request("**/search/search_index.json", timeout=5_000):
            page.hover("input.md-search__input")  # no click, no focus
        assert not page.evaluate("document.activeElement.matches('input.md-search__input')")
    finally:
        context.close()
