"""MkDocs hook: under ``make serve`` (``mkdocs serve --dirty``) saving a snippet rebuilds its pages.

With ``--dirty`` MkDocs rebuilds only the pages whose source is newer than their built HTML, so a
save costs one page, not all of them. A page that includes ``--8<-- "snippets/x.py"`` is not newer
when only x.py changed: before each rebuild, the built HTML of such a page is deleted, and MkDocs,
finding no output, builds the page again. ``mkdocs build`` (and so ``make test``) is never dirty.
"""

from __future__ import annotations

import os
import re
import typing

INCLUDE = re.compile(r'^[ \t]*-{1,2}8<-{1,2}[ \t]+"([^"]+)"', re.MULTILINE)
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
        included = INCLUDE.findall(page.content_string)
        if any(os.path.isfile(path) and os.path.getmtime(path) > os.path.getmtime(built)
               for path in included):
            os.remove(built)
    return files
