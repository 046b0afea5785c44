"""MkDocs hook: the indentation and blank lines of Material's templates left out of each page.

A run of white space that holds a line break and ends before a tag becomes one line break: the
browser collapses such a run to one space wherever white space is not preserved, so the page looks
the same and is ~10 KB lighter. Inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``
nothing is touched, except that in ``<pre>`` the quotes around a Pygments span's one class go
(``<span class=n>``, ``<span id=__span-0-1>``: the same elements to the browser, ~4.5 KB less on
a long page). And the site's own stylesheets (``extra_css``) are served without their comments.
"""

from __future__ import annotations

import pathlib
import re
import typing

try:  # as mkdocs loads a hook: with its folder on sys.path (the repository root need not be)
    from serve_cache import finish_page
except ModuleNotFoundError:  # imported as hooks.whitespace, from the root (the tests)
    from hooks.serve_cache import finish_page

# An element whose content is kept whole, or a run to squeeze.
TOKEN = re.compile(
    r"(?P<keep><(?P<tag>pre|textarea|script|style)\b.*?</(?P=tag)\s*>)"
    r"|(?P<run>[ \t\r\n\f]*\n[ \t\r\n\f]*(?=<))",
    re.DOTALL | re.IGNORECASE,
)


# Pygments' token spans in code blocks (~2,000 on a long page): the class without quotes, as the
# HTML parser reads it the same.
CODE_SPAN = re.compile(r'<span (class|id)="([\w-]+)">')
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_LINE_BREAK = re.compile(r"[ \t\r\f]*\n\s*")


def _keep(match: re.Match[str]) -> str:
    kept = match.group("keep")
    return CODE_SPAN.sub(r"<span \1=\2>", kept) if match.group("tag").lower() == "pre" else kept


def css_without_comments(css: str) -> str:
    """The site's own stylesheet as served: its comments out, each line break with the white space
    around it one line break (white space between tokens it stays). For stylesheets whose strings
    and url()s hold no ``/*``: tests/test_hooks.py checks the site's."""
    return CSS_LINE_BREAK.sub("\n", CSS_COMMENT.sub("", css)).strip() + "\n"


def squeeze(html: str) -> str:
    return TOKEN.sub(lambda m: _keep(m) if m.group("keep") else "\n", html)


def on_post_page(output: str, page: typing.Any, **kwargs: typing.Any) -> str:
    return finish_page("whitespace", "", output, squeeze)


def on_post_template(output: str, template_name: str, config: typing.Any) -> str:
    return squeeze(output) if template_name.endswith(".html") else output


def on_post_build(config: typing.Any) -> None:
    # the site's own stylesheets (extra_css; the KaTeX one is hooks/katex_compact.py's): ~2 KB of
    # comments on every page otherwise
    site = pathlib.Path(config["site_dir"])
    for css in config["extra_css"]:
        path = site / str(css)
        if str(css).startswith("assets/stylesheets/") and path.suffix == ".css" and path.is_file():
            path.write_text(css_without_comments(path.read_text(encoding="utf-8")), encoding="utf-8")
