"""MkDocs hook: names and keyboard access that the HTML of notebook pages lacks (axe-core rules).

A notebook's code cell (``<div class="highlight-ipynb">``) scrolls sideways when a line is long,
and a region that scrolls must be reachable by keyboard (scrollable-region-focusable): each gets
``tabindex="0"``, a role and a name. (Display formulas get the same from hooks/katex.py.) An empty
table header cell becomes a data cell.
"""

from __future__ import annotations

import itertools
import re
import typing

NOTEBOOK_CODE = re.compile(r'<div (?P<attrs>(?:data-search-exclude )?)class="highlight-ipynb')


def label_notebook_cells(html: str) -> str:
    count = itertools.count(1)
    return NOTEBOOK_CODE.sub(
        lambda m: f'<div {m.group("attrs")}tabindex="0" role="group" '
        f'aria-label="Code cell {next(count)}" class="highlight-ipynb',
        html,
    )


# A table's empty corner header cell (| | a | b |) has no text to name its column (axe-core:
# empty-table-header): it becomes a plain data cell.
EMPTY_TH = re.compile(r"<th(?P<attrs>[^>]*)>\s*</th>")


def fill_empty_headers(html: str) -> str:
    return EMPTY_TH.sub(lambda m: f"<td{m.group('attrs')}></td>", html)


def on_page_content(html: str, page: typing.Any, **kwargs: typing.Any) -> str:
    html = fill_empty_headers(html)
    return label_notebook_cells(html) if "highlight-ipynb" in html else html
