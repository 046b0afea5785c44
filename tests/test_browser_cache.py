"""The browser check reuses a page's report only while the page and every file it fetched are unchanged.

No browser here: a report is stored for a small site, then each input is changed in turn.
"""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from tests import reuse
from tests import test_browser as tb
from tests.conftest import ServedSite


@pytest.fixture
def cache(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> tb.PageCache:
    monkeypatch.setattr(tb, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(reuse, "ENABLED", True)
    monkeypatch.setattr(tb, "checker_key", lambda: "checker")
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text("<p>page</p>")
    (site / "style.css").write_text("p {}")
    return tb.PageCache(ServedSite(site, "http://127.0.0.1:1/base/"))


def store(cache: tb.PageCache, report: tb.PageReport | None = None) -> pathlib.Path:
    page = cache.site.root / "page" / "index.html"
    report = report or tb.PageReport(page="page/", axe={"default": [], "slate": []}, visited=True)
    cache.put(report, page, ["/base/page/", "/base/style.css", "/base/missing.js"])
    return page


def test_an_unchanged_page_is_reused_and_marked_not_visited(cache: tb.PageCache) -> None:
    page = store(cache)
    again = tb.PageCache(cache.site).get("page/", page)
    assert again is not None and again.page == "page/" and not again.visited


@pytest.mark.parametrize("change", ["page", "fetched file", "file that was missing"])
def test_any_changed_input_means_a_new_visit(cache: tb.PageCache, change: str) -> None:
    page = store(cache)
    root = cache.site.root
    if change == "page":
        page.write_text("<p>page, edited</p>")
    elif change == "fetched file":
        (root / "style.css").write_text("p { color: red }")
    else:
        (root / "missing.js").write_text("")
    assert tb.PageCache(cache.site).get("page/", page) is None


def test_a_report_with_a_problem_is_not_kept(cache: tb.PageCache) -> None:
    bad = tb.PageReport(page="page/", axe={"default": ["color-contrast"], "slate": []})
    page = store(cache, bad)
    assert tb.PageCache(cache.site).get("page/", page) is None


def test_a_block_that_failed_is_run_again(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tb, "CACHE_DIR", tmp_path)
    monkeypatch.setattr(reuse, "ENABLED", True)
    blocks = tb.BlockCache()
    code = "print(1)\n#> 1\n"
    blocks.put(code, subprocess.CompletedProcess([], 0, "2\n", ""))  # printed the wrong thing
    assert blocks.get(code) is None
    blocks.put(code, subprocess.CompletedProcess([], 0, "1\n", ""))
    assert blocks.get(code).stdout == "1\n"
    assert blocks.get(code + "print(3)\n") is None


def test_storing_a_page_keeps_the_blocks_results(
    cache: tb.PageCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = tb.BlockCache()  # under the same CACHE_DIR as the page reports
    blocks.put("print(1)\n#> 1\n", subprocess.CompletedProcess([], 0, "1\n", ""))
    (tb.CACHE_DIR / "pages" / "an-older-checker").mkdir(parents=True)
    store(cache)
    assert blocks.get("print(1)\n#> 1\n") is not None
    assert not (tb.CACHE_DIR / "pages" / "an-older-checker").exists()
