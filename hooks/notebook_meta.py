"""MkDocs hook: give notebook pages the `description` that Markdown pages take from front matter.

A jupytext notebook has no front matter, so ``page.meta`` stays empty and overrides/main.html would
fall back to the site's description. The notebook states its own in its jupytext header instead::

    # ---
    # jupyter:
    #   description: One sentence for search engines and link previews.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.structure.pages import Page

HEADER = re.compile(r"\A# ---\n(?P<body>(?:#.*\n)*?)# ---\n")


def on_page_markdown(markdown: str, page: Page, **kwargs: object) -> str:
    header = HEADER.match(markdown) if page.file.src_uri.endswith(".py") else None
    if header and not page.meta.get("description"):
        lines = [line[2:] for line in header.group("body").splitlines()]  # drop the "# "
        jupyter = (yaml.safe_load("\n".join(lines)) or {}).get("jupyter") or {}
        if jupyter.get("description"):
            page.meta["description"] = jupyter["description"]
    return markdown
