"""Accessible names as Chromium exposes them to a screen reader (the full accessibility tree, over
the DevTools protocol), on pages with display formulas, code blocks, annotations, a figure and a
notebook, in English and in Chinese:

- no name holds raw TeX: a display formula's group is named plainly ("Formula", "公式"; the MathML
  inside is what is read), never "Formula: \\ell(x, y) = -\\log ...";
- the names the site and its theme write (aria-label, title, alt) are in the page's language: on a
  Chinese page each has Chinese in it, on an English page none has.

Chromium: tests/browser/conftest.py.
"""

from __future__ import annotations

import re
import typing

import pytest

from tests.conftest import ServedSite

CJK = re.compile("[\u4e00-\u9fff]")
TEX = re.compile(r"\\[A-Za-z]+|[_^]\{")  # \log, \frac, x_{n}, e^{x}
# Names written in attributes that are no words of any language: the site's name in the header
# link ("PyTorch 交叉熵" has Chinese; the English one is English), the repository's name.
LANGUAGE_FREE = re.compile(r"^[\w.-]+$")

PAGES = {
    "en": ["formula/", "decisions/focal-loss/", "notebooks/playground/", "calculator/"],
    "zh": ["zh/formula/", "zh/decisions/focal-loss/", "zh/notebooks/playground/", "zh/calculator/"],
}
FORMULA = {"en": "Formula", "zh": "公式"}


def accessibility_tree(page: typing.Any) -> list[dict]:
    """The nodes a screen reader gets: role, name and where the name comes from."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    tree = []
    for node in nodes:
        if node.get("ignored"):
            continue
        name = node.get("name") or {}
        sources = [
            s.get("attribute") or s.get("type")
            for s in name.get("sources", [])
            if s.get("value") or s.get("attributeValue")
        ]
        tree.append(
            {
                "role": (node.get("role") or {}).get("value"),
                "name": name.get("value", ""),
                # the name came from what the page writes for it, not from the element's text
                "written": bool({"aria-label", "title", "alt"} & set(sources))
                and "contents" not in sources,
            }
        )
    return tree


@pytest.fixture(scope="module")
def tab(browser: typing.Any) -> typing.Iterator[typing.Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("lang", "path"), [(lang, path) for lang, paths in PAGES.items() for path in paths]
)
def test_accessible_names_hold_no_tex_and_are_in_the_pages_language(
    tab: typing.Any, served_site: ServedSite, lang: str, path: str
) -> None:
    tab.goto(served_site.base_url + path, wait_until="load")
    tab.wait_for_function("document.querySelector('.md-code__nav, .jp-Cell, .ce-calculator') !== null")
    assert tab.evaluate("document.documentElement.lang") == lang
    tree = accessibility_tree(tab)
    assert len(tree) > 100, len(tree)
    # names of elements (text itself, e.g. a code comment's "e^{x_k}", is what it is)
    named = [n for n in tree if n["role"] not in ("StaticText", "InlineTextBox")]
    tex = [n for n in named if TEX.search(n["name"])]
    assert not tex, tex[:5]
    groups = [n["name"] for n in tree if n["role"] == "group" and n["name"].startswith(FORMULA[lang])]
    if path.endswith(("formula/", "focal-loss/", "playground/")):  # pages with display formulas
        assert groups and set(groups) == {FORMULA[lang]}, groups
    written = [n for n in tree if n["written"] and n["name"].strip()]
    assert len(written) > 10, written
    if lang == "zh":
        english = [n for n in written if not CJK.search(n["name"]) and not LANGUAGE_FREE.match(n["name"])]
    else:
        english = [n for n in written if CJK.search(n["name"])]
    assert not english, english


def test_the_name_check_sees_tex_and_english(tab: typing.Any, served_site: ServedSite) -> None:
    """Not blind: the names this site gave before (the TeX after "Formula: ", English on zh pages)
    are found in the tree the test reads."""
    tab.goto(served_site.base_url + "zh/formula/", wait_until="load")
    tab.evaluate(
        """() => {
          const group = document.querySelector('.katex-display[role="group"]');
          group.setAttribute("aria-label", "Formula: \\\\ell = -\\\\log p_y");
          document.querySelector(".md-code__nav").setAttribute("aria-label", "Code block 1 tools");
        }"""
    )
    tree = accessibility_tree(tab)
    assert any(TEX.search(n["name"]) for n in tree if n["role"] == "group")
    assert any(
        n["written"] and n["name"] == "Code block 1 tools" and not CJK.search(n["name"]) for n in tree
    )
