"""MkDocs hook: names and keyboard access that notebook pages and tables lack (axe-core rules).

A notebook's code cell scrolls sideways when a line is long, and a region that scrolls must be
reachable by keyboard: each becomes focusable and named, in the page's language (display formulas
get the same from hooks/katex.py). An empty table header cell, which names no column, becomes a
data cell. The Chinese notebook page gets nbconvert's few English words in Chinese.
"""

from __future__ import annotations

import itertools
import re
import typing

NOTEBOOK_CODE = re.compile(r'<div (?P<attrs>(?:data-search-exclude )?)class="highlight-ipynb')
CODE_CELL = {"en": "Code cell", "zh": "代码单元格"}
EMPTY_TH = re.compile(r"<th(?P<attrs>[^>]*)>\s*</th>")
NOTEBOOK_ZH = {  # what nbconvert's template writes in English
    'aria-label="Copy to Clipboard"': 'aria-label="复制到剪贴板"',
    '<span class="notice" hidden="">Copied!</span>': '<span class="notice" hidden="">已复制！</span>',
    'alt="No description has been provided for this image"': 'alt="这张图没有文字说明"',
}


def label_notebook_cells(html: str, lang: str = "en") -> str:
    count = itertools.count(1)
    return NOTEBOOK_CODE.sub(lambda m: f'<div {m["attrs"]}tabindex="0" role="group" '
                             f'aria-label="{CODE_CELL[lang]} {next(count)}" class="highlight-ipynb',
                             html)


def fill_empty_headers(html: str) -> str:
    return EMPTY_TH.sub(lambda m: f"<td{m['attrs']}></td>", html)


def on_page_content(html: str, page: typing.Any, config: typing.Any, **kwargs: typing.Any) -> str:
    html = fill_empty_headers(html)
    if "highlight-ipynb" not in html:
        return html
    lang = "zh" if str(config.theme["language"]).startswith("zh") else "en"
    html = label_notebook_cells(html, lang)
    for english, chinese in NOTEBOOK_ZH.items() if lang == "zh" else ():
        html = html.replace(english, chinese)
    return html
