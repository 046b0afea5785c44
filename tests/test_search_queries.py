"""Search lands on the right page: for each query a reader types (tests/search_queries.yml), the
first result of Material's own search opens the page whose subject it is, in both languages.

The ranking is computed by the built site's search worker on the built index, in V8
(tests/material_search.py), so it is the browser's ranking without a browser (about a second for
the whole set); tests/browser/test_search_ranking.py checks a sample in Chromium.
"""

from __future__ import annotations

import pathlib
import typing

import pytest
import yaml

from tests.material_search import MaterialSearch

ROOT = pathlib.Path(__file__).resolve().parent.parent
QUERY_FILE = pathlib.Path(__file__).with_name("search_queries.yml")
QUERIES = yaml.safe_load(QUERY_FILE.read_text(encoding="utf-8"))
SITES = {"en": "", "zh": "zh"}  # each language's site, under the built site


def cases() -> list[typing.Any]:
    return [
        pytest.param(language, entry, id=f"{language}: {entry['query']}")
        for language in SITES
        for entry in QUERIES[language]
    ]


@pytest.fixture(scope="module")
def searches(site_dir: pathlib.Path) -> dict[str, MaterialSearch]:
    return {language: MaterialSearch(site_dir / folder) for language, folder in SITES.items()}


def test_the_query_set_is_large_enough_and_well_formed() -> None:
    for language in SITES:
        entries = QUERIES[language]
        assert len([e for e in entries if "pending" not in e]) >= 30, language
        assert len({e["query"] for e in entries}) == len(entries), f"{language}: a query twice"
        for entry in entries:
            assert set(entry) <= {"query", "page", "pending"}, entry
            assert entry["page"] == "" or entry["page"].endswith("/"), entry


@pytest.mark.parametrize(("language", "entry"), cases())
def test_first_result_is_the_page_about_it(
    searches: dict[str, MaterialSearch], language: str, entry: dict[str, str]
) -> None:
    query, want = entry["query"], entry["page"]
    search = searches[language]
    if "pending" in entry and not (ROOT / entry["pending"]).is_file():
        pytest.skip(f"pending {entry['pending']}: that page is not merged yet")
    assert want in search.locations, f"{want!r} is not a page of the {language} search index"
    pages = search.pages(query)
    assert pages, f"{query!r} finds nothing"
    assert pages[0] == want, f"{query!r}: first {pages[0]!r}, not {want!r}; top five {pages[:5]}"
