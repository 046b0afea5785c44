"""MkDocs hook: fix how Material's search worker cuts a Chinese query into words.

Material's ``segment()`` (integrations/search/query/segment/index.ts) never tries a word that ends
on the query's last character, so 标签平滑 was searched as 标签 + 平 and matched every page with 平均;
and it joins the words with ``"* "``, to which the query transform adds another ``*``, so Material's
ranking never finds the word in a result. The built worker is patched, each pattern found exactly
once: if a Material upgrade changed that code, the build stops here (see if upstream fixed it).
"""

from __future__ import annotations

import pathlib
import re
import typing

from mkdocs.exceptions import PluginError

MARK = "/* Chinese query segmentation fixed by hooks/search_segment.py */"

# (what is wrong, pattern in the minified worker, replacement): each pattern must match once
FIXES = [
    (
        "segment() never tries a word that ends on the query's last character",
        re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in "),
        r"for(let \1=\2+1;\1<=\3.length;\1++)\3.slice(\2,\1)in ",
    ),
    (
        "segment() does not go on from a word that ends on the second-to-last character",
        re.compile(r"(\w+)\[(\w+)\]&&\2<(\w+)\.length-1&&"),
        r"\1[\2]&&\2<\3.length&&",
    ),
    (
        'the words are joined with "* " and get a second "*" from the query transform',
        re.compile(r"(\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\])\.join\(\"\* \"\)"),
        r'\1.join(" ")',
    ),
]


def patch(worker: str) -> str:
    """The worker's code with the fixes; PluginError if a pattern is not found exactly once."""
    if worker.startswith(MARK):  # mkdocs serve --dirty kept the patched file
        return worker
    for what, pattern, replacement in FIXES:
        worker, count = pattern.subn(replacement, worker)
        if count != 1:
            raise PluginError(
                f"hooks/search_segment.py: the code where {what} is found {count} times (not once)"
                " in Material's search worker: Material changed, see the hook's docstring"
            )
    return MARK + worker  # no newline: the source map's lines stay where they were


def on_post_build(config: typing.Any, **kwargs: typing.Any) -> None:
    folder = pathlib.Path(config["site_dir"], "assets", "javascripts", "workers")
    workers = sorted(folder.glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"hooks/search_segment.py: not one search worker in {folder}: {workers}")
    workers[0].write_text(patch(workers[0].read_text(encoding="utf-8")), encoding="utf-8")
