"""MkDocs hook: keep long code, display formulas and notebook outputs out of the search index.

Material's search worker downloads the whole index (search/search_index.json) on every first visit,
so each kilobyte in it is paid by every page. What readers search for is in the prose, the headings,
inline code (argument names such as ``ignore_index``) and short blocks (an error message a block
prints); what is left out is marked with Material's ``data-search-exclude`` attribute:

- code blocks longer than LONG_BLOCK lines (their own titles and prose around them stay);
- display formulas (the TeX source of ``\\[..\\]``: nobody searches for ``\\frac``);
- a notebook's code cells and outputs (the page's Markdown cells stay);
- the ``¶`` link that mkdocs-jupyter puts in a notebook heading (Material leaves out only its own
  ``headerlink``): "The gradient¶" was a word of its own, found by "gradient", rarer than
  "gradient" and so ranked above the page on the gradient.

Material's HTML parser pairs an excluded element with the next closing tag of the same name, so
only elements without a nested element of the same tag are marked (``<div>`` blocks holding a
``<pre>``). tests/test_search_index.py checks that key terms still find their pages.
"""

from __future__ import annotations

import re
import typing

LONG_BLOCK = 8  # lines

CODE_BLOCK = re.compile(
    r'<div class="language-[\w-]+ highlight">(?P<body>(?:(?!</div>).)*)</div>', re.DOTALL
)
NOTEBOOK_ANCHOR = '<a class="anchor-link"'
EXCLUDED_DIVS = re.compile(
    r'<div class="(?:arithmatex|highlight-ipynb[^"]*|[^"]*\bjp-OutputArea-output\b[^"]*)"'
)


def trim(content: str) -> str:
    def code(match: re.Match[str]) -> str:
        lines = match.group("body").count("\n")
        if lines <= LONG_BLOCK:
            return match.group(0)
        return match.group(0).replace("<div ", "<div data-search-exclude ", 1)

    content = CODE_BLOCK.sub(code, content)
    content = content.replace(NOTEBOOK_ANCHOR, '<a data-search-exclude class="anchor-link"')
    return EXCLUDED_DIVS.sub(lambda m: m.group(0).replace("<div ", "<div data-search-exclude ", 1), content)


def on_page_content(html: str, page: typing.Any, **kwargs: typing.Any) -> str:
    return trim(html)
