"""MkDocs hook: the indentation and blank lines of Material's templates left out of each page.

A run of white space that holds a line break and ends before a tag becomes one line break: the
browser collapses such a run to one space wherever white space is not preserved, so the page looks
the same and is ~10 KB lighter. Inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``
nothing is touched.
"""

from __future__ import annotations

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


def squeeze(html: str) -> str:
    return TOKEN.sub(lambda m: m.group("keep") or "\n", html)


def on_post_page(output: str, page: typing.Any, **kwargs: typing.Any) -> str:
    return finish_page("whitespace", "", output, squeeze)


def on_post_template(output: str, template_name: str, config: typing.Any) -> str:
    return squeeze(output) if template_name.endswith(".html") else output
