"""MkDocs hook: keep long code, display formulas and notebook outputs out of the search index.

Every first visit downloads the whole index, and what readers search for is in the prose, headings,
inline code and short blocks (an error message). So these get Material's ``data-search-exclude``:
code blocks longer than LONG_BLOCK lines, display formulas (TeX source), a notebook's code cells and
outputs, and the ``¶`` link of a notebook heading ("gradient¶" was a word ranked above "gradient").
Material pairs an excluded element with the next closing tag of its name, so only elements without
a nested one of the same tag are marked.
"""

from __future__ import annotations

import re
import typing

LONG_BLOCK = 8  # lines
CODE_BLOCK = re.compile(
    r'<div class="language-[\w-]+ highlight">(?P<body>(?:(?!</div>).)*)</div>', re.DOTALL
)
NOTEBOOK_ANCHOR = '<a data-search-exclude class="anchor-link"'
EXCLUDED_DIVS = re.compile(
    r'<div class="(?:arithmatex|highlight-ipynb[^"]*|[^"]*\bjp-OutputArea-output\b[^"]*)"'
)


def trim(content: str) -> str:
    def exclude(match: re.Match[str]) -> str:
        return match[0].replace("<div ", "<div data-search-exclude ", 1)

    content = CODE_BLOCK.sub(
        lambda m: exclude(m) if m["body"].count("\n") > LONG_BLOCK else m[0], content)
    content = content.replace("<a class=\"anchor-link\"", NOTEBOOK_ANCHOR)
    return EXCLUDED_DIVS.sub(exclude, content)


def on_page_content(html: str, page: typing.Any, **kwargs: typing.Any) -> str:
    return trim(html)
