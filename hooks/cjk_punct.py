"""MkDocs hook, Chinese build: closing punctuation stays on the line of the math or code before it.

A Chinese line never starts with closing punctuation (，。：…), but Chromium breaks freely after an
inline formula or inline code. A short one is wrapped with the punctuation after it in
``<span class="cjk-nobr">`` (``white-space: nowrap`` in zh.css), so the pair moves as one piece;
a long one is not, as it could then overflow a phone's column. Runs after hooks/katex.py.
"""

from __future__ import annotations

import html
import re
import typing

PUNCT = "，。、；：？！）】》」』”’"  # closing punctuation (GB/T 15834, the W3C's clreq)
MAX_MATH = 24  # visible characters of an inline formula (about 300 px of KaTeX)
MAX_CODE = 30  # characters of inline code (about 270 px)
PUNCT_RUN = re.compile(f"[{PUNCT}]+")
TAG = re.compile(r"<(/?)(span|code|a)\b[^>]*>")
MATHML = re.compile(r'<span class="katex-mathml">.*?</math></span>', re.DOTALL)


def visible_length(element: str) -> int:
    """Characters the element shows (KaTeX's MathML copy for screen readers left out)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", MATHML.sub("", element)))
    return len(re.sub(r"[\s\u200b]", "", text))


def glueable(element: str) -> bool:
    """An inline formula or inline code (or a link around code), short enough to glue."""
    start, inner = element.split(">", 1)
    if start.startswith("<a"):
        inner = inner.removesuffix("</a>")
        return bool(re.fullmatch(r"\s*<code\b.*</code>\s*", inner, re.DOTALL)) and (
            visible_length(inner) <= MAX_CODE)
    if start.startswith("<code"):
        return visible_length(element) <= MAX_CODE
    return bool(re.search(r'class="(arithmatex|katex)"', start)) and (
        visible_length(element) <= MAX_MATH)


def glue(content: str) -> str:
    """Wrap each short inline formula or code followed by closing punctuation in a nowrap span."""
    opened: dict[str, list[int]] = {"span": [], "code": [], "a": []}
    spans = []  # (start of an element, end of the punctuation after it)
    for tag in TAG.finditer(content):
        if not tag[1]:
            opened[tag[2]].append(tag.start())
        elif opened[tag[2]]:
            start = opened[tag[2]].pop()
            punct = PUNCT_RUN.match(content, tag.end())
            if punct and glueable(content[start : tag.end()]):
                spans.append((start, punct.end()))
    taken: list[tuple[int, int]] = []  # the outermost, where one is inside another (code in a link)
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if not taken or start >= taken[-1][1]:
            taken.append((start, end))
    for start, end in reversed(taken):
        content = (content[:start] + '<span class="cjk-nobr">' + content[start:end] + "</span>"
                   + content[end:])
    return content


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if not str(config.theme["language"]).startswith("zh"):
        return output
    head, body, rest = output.partition("<body")
    return head + body + glue(rest)
