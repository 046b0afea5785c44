"""MkDocs hook: keep only the JupyterLab CSS rules a notebook page can use.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (~575 KB: widgets, menus, file browser...)
into every notebook page. A rule stays when every class its selector names (outside ``:not(...)``
and the like) is on the page, and a custom property when something reads it; the pages run no
JupyterLab script that could add a class. hooks/katex_compact.py prunes katex.min.css the same way.
"""

from __future__ import annotations

import re
import typing

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL)
# a class attribute, quoted or (as hooks/katex_compact.py writes one) not
CLASS_ATTR = re.compile(r"""<[a-zA-Z][^>]*?\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CUSTOM_PROPERTY = re.compile(r"(--[\w-]+)\s*:")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
LARGE = 50_000  # only the big JupyterLab sheet is worth pruning


def _blocks(css: str) -> typing.Iterator[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; body is None for statements such as @charset."""
    depth, start, prelude_end, quote = 0, 0, 0, ""
    for i, char in enumerate(css):
        if quote:
            quote = "" if char == quote and css[i - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            prelude_end = i if depth == 0 else prelude_end
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:prelude_end].strip(), css[prelude_end + 1 : i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield css[start : i + 1].strip(), None
            start = i + 1


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside quotes and parentheses (data: URLs hold ;)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [part.strip() for part in parts + [text[start:]] if part.strip()]


def prune(css: str, classes: set[str]) -> str:
    """The rules of ``css`` whose selectors name only classes in ``classes``; an at-rule block
    left empty goes too."""
    out = []
    for prelude, body in _blocks(COMMENT.sub("", css)):
        if body is None:
            out.append(prelude)
        elif prelude.startswith(("@media", "@supports", "@layer", "@container")):
            if inner := prune(body, classes):
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        elif kept := [selector for selector in _split(prelude, ",")
                      if set(SELECTOR_CLASS.findall(NOT.sub("", selector))) <= classes]:
            out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "\n".join(out)


def drop_unused_properties(css: str, html: str) -> str:
    """Remove `--name: value` declarations no `var(--name)` refers to (to a fixed point)."""
    while True:
        used = set(VAR.findall(css)) | set(VAR.findall(html))

        def keep(match: re.Match[str]) -> str:
            kept = [d for d in _split(match[2], ";")
                    if not (m := CUSTOM_PROPERTY.match(d)) or m[1] in used]
            return f"{match[1]}{{{';'.join(kept)}}}" if kept else ""

        smaller = re.sub(r"([^{}]*)\{([^{}]*)\}", keep, css)
        if smaller == css:
            return css
        css = smaller


def page_classes(html: str) -> set[str]:
    """Every class token of a page's elements."""
    return {c for m in CLASS_ATTR.finditer(html) for c in "".join(m.groups("")).split()}


_serving = False  # mkdocs serve: the preview keeps the whole stylesheet


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if _serving or "jupyter-wrapper" not in output:
        return output
    classes = page_classes(output)

    def shrink(match: re.Match[str]) -> str:
        css = match[2]
        if len(css) < LARGE:
            return match[0]
        pruned = drop_unused_properties(prune(css, classes), output.replace(css, ""))
        return match[1] + pruned + match[3]

    return STYLE.sub(shrink, output)
