"""Material's own search, run outside the browser: the ranking a reader sees, in a few milliseconds.

A reader's query goes from Material's search box to its search worker
(``assets/javascripts/workers/search.*.min.js`` of the built site: lunr plus Material's query
transform, Chinese segmentation and ranking boosts), which answers with the results the page then
lists in that order. The page itself changes nothing in the order: it posts the box's raw value
(``components/search/query``) and renders the worker's groups one after the other, each group's
article first (``templates/search``). So this module loads that same worker file, as built (with
hooks/search_segment.py's fix in it), into V8 (mini-racer, as hooks/katex.py does), hands it the
site's ``search/search_index.json`` with the message Material's page sends (``SETUP``, with
``search.suggest`` on as in mkdocs.yml), and posts each query as a ``QUERY`` message.
Both languages' workers use lunr's built-in English pipeline (the indexes say ``lang: ['en']``),
so the worker loads no other script. tests/browser/test_search_ranking.py checks, on a sample, that
Chromium lists the same pages.

    search = MaterialSearch(site / "zh")
    search.pages("标签平滑")  # ['options/label-smoothing/', ...]: page paths, best first
"""

from __future__ import annotations

import json
import pathlib
import typing

# Material's worker/message enum (integrations/search/worker/message): SETUP, READY, QUERY, RESULT
SETUP, READY, QUERY, RESULT = range(4)

# What a dedicated worker's global scope offers that Material's worker uses: self, addEventListener
# for the page's messages, postMessage for its answers (importScripts only for other languages).
WORKER_SCOPE = """
var self = globalThis;
var __listeners = [];
var __posted = [];
function addEventListener(type, listener) { if (type === "message") __listeners.push(listener); }
function postMessage(message) { __posted.push(message); }
function importScripts() { throw new Error("importScripts: another language's lunr script"); }
function __send(data) {
  __posted.length = 0;
  __listeners.forEach(function (listener) { listener({data: data}); });
}
"""


class MaterialSearch:
    """The search of one language's built site (``site`` or ``site/zh``)."""

    def __init__(self, site: pathlib.Path, index: dict[str, typing.Any] | None = None) -> None:
        """``index``: another index than the site's own (to try a change without a build)."""
        from py_mini_racer import MiniRacer

        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        assert len(workers) == 1, f"not one search worker in {site}: {workers}"
        if index is None:
            index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        self.index = index
        self.locations = {doc["location"].split("#")[0] for doc in self.index["docs"]}
        self.ctx = MiniRacer()
        self.ctx.eval(WORKER_SCOPE)
        self.ctx.eval(workers[0].read_text(encoding="utf-8"))
        setup = {**self.index, "options": {"suggest": True}}
        answer = self._send({"type": SETUP, "data": setup})
        assert answer == {"type": READY}, answer

    def close(self) -> None:
        """Free the V8 context (a process left to free several at exit can hang there)."""
        self.ctx.close()

    def _send(self, message: dict[str, typing.Any]) -> typing.Any:
        # The worker's listener is async; V8 runs its microtasks when the call returns.
        self.ctx.eval(f"__send({json.dumps(message, ensure_ascii=False)})")
        posted = json.loads(self.ctx.eval("JSON.stringify(__posted)"))
        assert len(posted) == 1, f"the worker answered {len(posted)} messages: {posted}"
        return posted[0]

    def results(self, query: str) -> list[list[dict[str, typing.Any]]]:
        """The worker's result groups for ``query``, best first: one group (a list of sections,
        best first) per page."""
        answer = self._send({"type": QUERY, "data": query})
        assert answer["type"] == RESULT, answer
        return answer["data"]["items"]

    def pages(self, query: str) -> list[str]:
        """The pages the results open, best first (their paths under the site root, '' for the home
        page), as the page lists them."""
        return [group[0]["location"].split("#")[0] for group in self.results(query)]
