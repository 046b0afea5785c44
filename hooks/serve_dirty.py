"""MkDocs hook: under ``make serve`` (``mkdocs serve --dirty``) saving a snippet rebuilds its pages.

With ``--dirty`` MkDocs rebuilds only the pages whose source is newer than their built HTML, so a
save costs one page, not all of them. Before each rebuild, this deletes the built HTML of

- each page that includes (``--8<-- "snippets/x.py"``) a snippet saved since, or a missing one
  (so that pymdownx.snippets reports it): the page itself has not changed;
- each notebook page: mkdocs-jupyter deletes the cached execution of every notebook a build does
  not convert, and the next ``make build`` would execute them again. Converted from that cache,
  they add about half a second to a save.

MkDocs, finding no output, builds the page again. ``mkdocs build`` (``make test``) is not dirty.
"""

from __future__ import annotations

import os
import re
import typing

INCLUDE = re.compile(r'^[ \t]*-{1,2}8<-{1,2}[ \t]+"([^":]+)', re.MULTILINE)  # path[:lines]
_dirty = False


def on_startup(command: str, dirty: bool, **kwargs: typing.Any) -> None:
    global _dirty
    _dirty = command == "serve" and dirty


def on_files(files: typing.Any, config: typing.Any) -> typing.Any:
    if not _dirty:
        return files
    for page in files.documentation_pages():
        built = page.abs_dest_path
        if not os.path.isfile(built):
            continue
        # paths as pymdownx.snippets' base_path "." reads them: from the working directory
        if page.src_uri.endswith(".py") or any(
            not os.path.isfile(path) or os.path.getmtime(path) > os.path.getmtime(built)
            for path in INCLUDE.findall(page.content_string)
        ):
            os.remove(built)
    return files
