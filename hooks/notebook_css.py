"""MkDocs hook: keep only the JupyterLab CSS rules a notebook page can use.

mkdocs-jupyter inlines JupyterLab's whole stylesheet (~575 KB: widgets, CodeMirror, menus, file
browser...) into every notebook page, which made the notebook the heaviest page of the site by
far. A rule is kept when every class its selector names (outside ``:not(...)``) appears in the
page's HTML; ``@media``/``@supports`` blocks are pruned inside; other at-rules are kept whole.
Rules for classes that only JavaScript would add are dropped, which is safe here: the notebook
pages run no JupyterLab JavaScript.
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
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:prelude_end].strip(), css[prelude_end + 1 : i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield css[start : i + 1].strip(), None
            start = i + 1


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def prune(css: str, classes: set[str]) -> str:
    """The rules of ``css`` whose selectors name only classes in ``classes`` (outside ``:not()``
    and the like; a rule left with no selector goes, and so does an at-rule block left empty)."""
    out = []
    for prelude, body in _blocks(COMMENT.sub("", css)):
        if body is None:
            out.append(prelude)
        elif prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = prune(body, classes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in _split_selectors(prelude)
                    if set(SELECTOR_CLASS.findall(NOT.sub("", s))) <= classes]
            if kept:
                out.append(f"{','.join(kept)}{{{body.strip()}}}")
    return "\n".join(out)


def _declarations(body: str) -> list[str]:
    """Split a rule body on `;`, minding quotes and parentheses (data: URLs hold `;`)."""
    parts, current, depth, quote = [], [], 0, ""
    for char in body:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return [p for p in parts if p]


CUSTOM_PROPERTY = re.compile(r"^(--[\w-]+)\s*:")
VAR = re.compile(r"var\(\s*(--[\w-]+)")


def drop_unused_properties(css: str, html: str) -> str:
    """Remove `--name: value` declarations no `var(--name)` refers to (to a fixed point)."""
    while True:
        used = set(VAR.findall(css)) | set(VAR.findall(html))

        def keep(match: re.Match[str]) -> str:
            decls = [
                d for d in _declarations(match.group(2))
                if not (m := CUSTOM_PROPERTY.match(d)) or m.group(1) in used
            ]
            return f"{match.group(1)}{{{';'.join(decls)}}}" if decls else ""

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
    return shrink_page(output)


def shrink_page(output: str) -> str:
    classes = page_classes(output)

    def shrink(match: re.Match[str]) -> str:
        css = match.group(2)
        if len(css) < LARGE:
            return match.group(0)
        pruned = drop_unused_properties(prune(css, classes), output.replace(css, ""))
        return match.group(1) + pruned + match.group(3)

    return STYLE.sub(shrink, output)
