"""Material's search on the English site, as a reader uses it: nothing of it loads until the reader
reaches for it (assets/javascripts/on-demand.js), then typing a query brings up the right pages.

The Chinese site's search is checked in tests/browser/test_zh.py.
"""

from __future__ import annotations

from tests.browser.test_zh import empty_query, type_query
from tests.conftest import ServedSite


SEARCHES = [  # a query, and a page that must be among its results
    ("ignore_index", "options/ignore-index/"),
    ("label smoothing", "options/label-smoothing/"),
    ("gradient", "training/gradient/"),
]


def test_search_loads_on_demand_and_finds_key_pages(browser, served_site: ServedSite) -> None:
    """Type into Material's search box as a reader does: the index arrives, the right pages come up."""
    page = browser.new_page()
    try:
        requested: list[str] = []
        page.context.on("request", lambda r: requested.append(r.url))  # the worker's too
        page.goto(served_site.base_url, wait_until="load")
        page.wait_for_timeout(300)
        assert not [u for u in requested if u.endswith("search_index.json")], (
            "the search index was fetched before the reader used search"
        )
        assert not [u for u in requested if "/workers/search." in u], (
            "the search worker was started before the reader used search"
        )
        # assets/javascripts/on-demand.js: Material's instant navigation and its language
        # selector asked for this sitemap twice and for the other language's once.
        sitemaps = [u for u in requested if u.endswith("sitemap.xml")]
        assert sitemaps == [served_site.base_url + "sitemap.xml"], sitemaps
        problems = []
        for query, expected in SEARCHES:
            type_query(page, query)
            try:
                page.wait_for_selector(
                    f".md-search-result__item a[href*='{expected}']", timeout=15000
                )
            except Exception:
                found = page.eval_on_selector_all(
                    ".md-search-result__item a", "els => els.map((e) => e.href)"
                )
                problems.append(f"{query!r}: no result on {expected}; got {found[:5]}")
            empty_query(page)
            page.keyboard.press("Escape")
        assert not problems, "\n".join(problems)
    finally:
        page.context.close()
