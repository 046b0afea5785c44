"""MkDocs hook: names and keyboard access that the HTML of notebook pages lacks (axe-core rules).

A notebook's code cell (``<div class="highlight-ipynb">``) scrolls sideways when a line is long,
and a region that scrolls must be reachable by keyboard (scrollable-region-focusable): each gets
``tabindex="0"``, a role and a name, in the page's language (theme.language). (Display formulas get
the same from hooks/katex.py.) An empty table header cell becomes a data cell.
"""

from __future__ import annotations

import itertools
import re
import typing

NOTEBOOK_CODE = re.compile(r'<div (?P<attrs>(?:data-search-exclude )?)class="highlight-ipynb')


CODE_CELL = {"en": "Code cell", "zh": "代码单元格"}


def label_notebook_cells(html: str, lang: str = "en") -> str:
    count = itertools.count(1)
    return NOTEBOOK_CODE.sub(
        lambda m: f'<div {m.group("attrs")}tabindex="0" role="group" '
        f'aria-label="{CODE_CELL[lang]} {next(count)}" class="highlight-ipynb',
        html,
    )


# A table's empty corner header cell (| | a | b |) has no text to name its column (axe-core:
# empty-table-header): it becomes a plain data cell.
EMPTY_TH = re.compile(r"<th(?P<attrs>[^>]*)>\s*</th>")


def fill_empty_headers(html: str) -> str:
    return EMPTY_TH.sub(lambda m: f"<td{m.group('attrs')}></td>", html)


# What nbconvert's template writes in English, as the Chinese notebook page says it.
NOTEBOOK_ZH = {
    'aria-label="Copy to Clipboard"': 'aria-label="复制到剪贴板"',
    '<span class="notice" hidden="">Copied!</span>': '<span class="notice" hidden="">已复制！</span>',
    '<span class="notice" hidden>Copied!</span>': '<span class="notice" hidden>已复制！</span>',
    'alt="No description has been provided for this image"': 'alt="这张图没有文字说明"',
}


def translate_notebook(html: str) -> str:
    for english, chinese in NOTEBOOK_ZH.items():
        html = html.replace(english, chinese)
    return html


def on_page_content(html: str, page: typing.Any, **kwargs: typing.Any) -> str:
    html = fill_empty_headers(html)
    config = kwargs.get("config")
    lang = "zh" if config and str(config.theme["language"]).startswith("zh") else "en"
    if "highlight-ipynb" not in html:
        return html
    html = label_notebook_cells(html, lang)
    return translate_notebook(html) if lang == "zh" else html
