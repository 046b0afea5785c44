"""The trimmed search index (hooks/search_trim.py) still finds what readers search for.

Material's search worker matches the words of a query against each section's title and text in
search/search_index.json; a term that is in a page's entries is found on that page.
"""

from __future__ import annotations

import json
import pathlib

import pytest


# A query, and a page that must be among its results: the page about it.
KEY_TERMS = [
    ("ignore_index", "options/ignore-index/"),
    ("label_smoothing", "options/label-smoothing/"),
    ("probability targets", "options/probability-targets/"),
    ("log_softmax", "formula/"),
    ("logsumexp", "training/stability/"),
    ("gradient", "training/gradient/"),
    ("weight", "weighted/"),
    ("reduction", "batches/"),
    ("one-hot", "one-hot/"),
    ("segmentation", "options/shapes/"),
    ("out of bounds", "training/pitfalls/"),
    ("Expected floating point", "training/pitfalls/"),
    ("BCEWithLogitsLoss", "training/related-losses/"),
    ("playground", "notebooks/playground/"),
    ("handwritten digits", "notebooks/training/"),
]


def entries_by_page(site: pathlib.Path) -> dict[str, str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + doc["title"] + " " + doc["text"]
    return {page: text.lower() for page, text in pages.items()}


@pytest.mark.parametrize(("query", "page"), KEY_TERMS)
def test_key_terms_still_find_their_page(site_dir: pathlib.Path, query: str, page: str) -> None:
    pages = entries_by_page(site_dir)
    assert page in pages, f"{page} is not in the search index at all"
    assert query.lower() in pages[page], f"searching {query!r} no longer finds {page}"


def test_index_holds_no_formula_markup_nor_notebook_output(site_dir: pathlib.Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index["docs"])  # the entries (the config's separator has a \\[ of its own)
    assert "katex-mathml" not in text and "katex-html" not in text  # typeset after indexing
    assert "\\\\[" not in text  # display formulas are left out
    assert "data:image" not in text and "<svg" not in text  # notebook outputs are left out


def test_notebook_headings_are_indexed_without_their_pilcrow(site_dir: pathlib.Path) -> None:
    """hooks/search_trim.py leaves mkdocs-jupyter's ¶ link out (zh: hooks/i18n.py keeps the mark)."""
    for folder in (site_dir, site_dir / "zh"):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        titles = [doc["title"] for doc in index["docs"] if doc["location"].startswith("notebooks/")]
        assert titles and not [title for title in titles if "¶" in title], (folder, titles[:5])
