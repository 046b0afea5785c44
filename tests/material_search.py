"""Material's own search, run outside the browser: the ranking a reader sees, in milliseconds.

The page posts the search box's raw value to Material's search worker and lists the worker's result
groups in order, so this loads the built worker (``assets/javascripts/workers/search.*.min.js``:
lunr, Material's query transform and boosts, hooks/search_segment.py's fix) into V8 (mini-racer),
sends it the site's search index as the page does (with ``search.suggest`` on, as in mkdocs.yml)
and posts each query. tests/browser/test_search_ranking.py checks that Chromium lists the same.

    MaterialSearch(site / "zh").pages("标签平滑")  # ['options/label-smoothing/', ...], best first
"""

import json
import pathlib
import typing

# Material's worker messages (integrations/search/worker/message)
SETUP, READY, QUERY, RESULT = range(4)

# The globals of a dedicated worker that Material's uses (importScripts only for other languages)
WORKER_SCOPE = """
var self = globalThis, __listeners = [], __posted = [];
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

    def __init__(self, site: pathlib.Path) -> None:
        from py_mini_racer import MiniRacer

        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        assert len(workers) == 1, f"not one search worker in {site}: {workers}"
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        self.locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        self.ctx = MiniRacer()
        self.ctx.eval(WORKER_SCOPE)
        self.ctx.eval(workers[0].read_text(encoding="utf-8"))
        answer = self._send({"type": SETUP, "data": {**index, "options": {"suggest": True}}})
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

    def pages(self, query: str) -> list[str]:
        """The pages the results open, best first, as paths under the site root ('' for home)."""
        answer = self._send({"type": QUERY, "data": query})
        assert answer["type"] == RESULT, answer
        return [group[0]["location"].split("#")[0] for group in answer["data"]["items"]]
