"""MkDocs hook, Chinese build only: full-width punctuation stays on the line of the formula or code
it follows.

Chinese never starts a line with closing punctuation (，。：；、？！ and closing brackets and
quotes). Chromium keeps that rule inside text, but breaks freely after an inline formula (KaTeX's
boxes are inline blocks) and after inline code, so at a narrow width "…softmax(x) ⏎ ，它是…" happens.
This hook wraps such a formula or code element, together with the punctuation right after it, in
``<span class="cjk-nobr">`` (``white-space: nowrap`` in assets/stylesheets/zh.css): the pair moves
to the next line as one piece.

Only short elements are glued (``MAX_MATH`` / ``MAX_CODE`` visible characters): nowrap also
removes the break opportunities inside the element, and a long formula that may no longer break
would overflow a phone's column. Runs after hooks/katex.py, on the typeset page.
"""

from __future__ import annotations

import bisect
import html
import re
import typing

# Closing punctuation a Chinese line may not start with (GB/T 15834 and the W3C clreq).
PUNCT = "，。、；：？！）】》」』”’"
MAX_MATH = 24  # visible characters of an inline formula (about 300 px of KaTeX)
MAX_CODE = 30  # characters of inline code (about 270 px)

TAG = re.compile(r"<(/?)(span|code|a)\b[^>]*>")
CANDIDATE = re.compile(rf"</(span|code|a)>(?=[{PUNCT}])")
MATHML = re.compile(r'<span class="katex-mathml">.*?</math></span>', re.DOTALL)
ANY_TAG = re.compile(r"<[^>]+>")


def is_zh(config: typing.Any) -> bool:
    return str(config.theme["language"]).startswith("zh")


def visible_length(element: str) -> int:
    """Characters the element shows (KaTeX's MathML copy for screen readers left out)."""
    text = html.unescape(ANY_TAG.sub("", MATHML.sub("", element)))
    return len(re.sub(r"[\s\u200b]", "", text))


def glueable(element: str) -> bool:
    """An inline formula or inline code (or a link around one), short enough to glue."""
    start = element[: element.index(">") + 1]
    inner = element[len(start) :]
    if start.startswith("<a"):
        inner = inner.removesuffix("</a>")
        if not re.fullmatch(r"\s*<code\b.*</code>\s*", inner, re.DOTALL):
            return False
        return visible_length(inner) <= MAX_CODE
    if start.startswith("<code"):
        return visible_length(element) <= MAX_CODE
    if re.search(r'class="(arithmatex|katex)"', start):
        return visible_length(element) <= MAX_MATH
    return False


def glue(content: str) -> str:
    """Wrap each short inline formula or code followed by closing punctuation in a nowrap span."""
    tags = [(m.start(), m.end(), m.group(1) == "/", m.group(2)) for m in TAG.finditer(content)]
    starts = [t[0] for t in tags]
    spans: list[tuple[int, int]] = []  # (start of element, end of its punctuation)
    for candidate in CANDIDATE.finditer(content):
        name = candidate.group(1)
        index = bisect.bisect_left(starts, candidate.start())  # this closing tag
        depth = 0
        opening = None
        for start, _end, closing, tag in reversed(tags[: index + 1]):
            if tag != name:
                continue
            depth += 1 if closing else -1
            if depth == 0:
                opening = start
                break
        if opening is None:
            continue
        element = content[opening : candidate.end()]
        if not glueable(element):
            continue
        punct = re.match(f"[{PUNCT}]+", content[candidate.end() :])
        assert punct
        spans.append((opening, candidate.end() + punct.end()))
    # Elements do not overlap (a candidate is followed by punctuation, so none ends inside another
    # one's glued span); keep the outermost should two start together, and wrap from the end.
    out = content
    taken: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if taken and start < taken[-1][1]:
            continue  # inside an element already glued (code inside a link)
        taken.append((start, end))
    for start, end in reversed(taken):
        out = out[:start] + '<span class="cjk-nobr">' + out[start:end] + "</span>" + out[end:]
    return out


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if not is_zh(config):
        return output
    head, sep, body = output.partition("<body")
    return head + sep + glue(body)
