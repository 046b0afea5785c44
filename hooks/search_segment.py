"""MkDocs hook: fix how Material's search worker cuts a Chinese query into words (two bugs).

Material (9.8.2, and its source on GitHub as of this writing) cuts a query's run of Chinese
characters into words of the search index (the words jieba made at build time) with ``segment()``,
src/templates/assets/javascripts/integrations/search/query/segment/index.ts:

1. It only tries the words that end *before* the run's last character (``j < query.length`` in
   ``for (let j = i + 1; j < query.length; j++)``, which tests ``query.slice(i, j)``), and does not
   go on from a word that ends on the second-to-last one (``q < query.length - 1``). So the last
   word of a query is lost: 标签平滑 (one word of the index) was searched as 标签 + 平, 数值稳定 as
   数值, 忽略索引 as 忽略. 标签平滑 then matched every page with 平均 (mean), and a page about means
   came first. A query is searched whole only when none of its beginnings is a word (交叉熵).
2. It joins the words with ``"* "`` and the query transform appends ``*`` to every word again, so
   each word but the last is searched as ``标签**``. lunr still matches that, but Material's check
   of which query words a result holds (its ranking boost, the "missing" strike-through, ``?h=``)
   compares ``标签*`` with the words, never finds it, and ranks such results lower.

The fix: ``j <= query.length``, ``q < query.length``, and joining with a space. This hook applies
it to the worker Material copies into the built site (both languages; a query without Chinese
characters never reaches ``segment()``), each pattern found exactly once in the minified code, and
marks the file. If a Material upgrade changes that code, the build stops here: check whether
upstream fixed it (then delete this hook), or adapt the patterns. The worker keeps its file name
(Material's hash of the original) and its source map is off by the few bytes changed.
tests/browser/test_zh.py searches Chinese words in Chromium; tests/test_hooks.py checks the
patterns against the installed Material.
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
    if worker.startswith(MARK):  # a dirty rebuild (mkdocs serve --dirty) kept the patched file
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
