"""The calculator page (docs/calculator.md) agrees with F.cross_entropy, in headless Chromium.

The page is loaded once; hypothesis then types generated inputs into its fields (every option,
index and probability targets, ignored samples, logits of ±1e4, all-ignored batches, and every
error case) and compares the text of #ce-loss / #ce-error with torch's float64 result or its
error message, and the gradient table with autograd's. Then: a shared URL reproduces the state
after a reload, the script "Copy as PyTorch" copies prints the page's loss, the page works on a
390 px screen (screenshots in .pytest_cache/d/calculator/), and axe finds no violation in the
calculator's markup. Arriving by instant navigation and the keyboard alone: in
tests/browser/test_calculator_navigation.py.
The Chinese page (/zh/calculator/, docs/calculator.zh.md) gets named cases, malformed input with
its Chinese message, a URL round trip, the copied script and axe in light and dark mode.

The copied script runs in a fresh process (tests/fence_server.py), as a reader's new interpreter.
"""

from __future__ import annotations

import math
import subprocess
import pathlib
import re
import typing
import urllib.parse
from dataclasses import dataclass, replace

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ServedSite
from tests.browser.test_pages import READ_CLIPBOARD_JS
from tests.doc_outputs import run_block


REL = 1e-9  # the loss: relative tolerance against torch's float64 value
GRAD_ABS = 1e-12  # the gradient also gets this absolute slack (p - q cancels to ~1e-17 near 0)


# --------------------------------------------------------------------------------------------------
# The state the page's fields hold, as the text a reader types
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class State:
    logits: str
    target: str | None = None  # class indices "2,0"; None when the target is probabilities
    probs: str | None = None  # probability rows "0.2,0.8;1,0"
    weight: str = ""
    ignore_index: str = "-100"
    reduction: str = "mean"
    label_smoothing: str = "0"

    def fields(self) -> dict[str, str]:
        kind = "probs" if self.probs is not None else "index"
        return {
            "logits": self.logits,
            "target": self.target or "",
            "probs": self.probs or "",
            "weight": self.weight,
            "ignore_index": self.ignore_index,
            "reduction": self.reduction,
            "label_smoothing": self.label_smoothing,
            "target_kind": kind,
        }


def run_copied(code: str) -> subprocess.CompletedProcess[str]:
    """Run a copied script in a fresh process; what it printed and what it wrote to stderr."""
    result = run_block(code, "copied_script.py")
    stdout = "".join(text for stream, _, text in result["records"] if stream == "stdout")
    stderr = "".join(text for stream, _, text in result["records"] if stream == "stderr")
    stderr += result["raw"] + (result["error"] or "")
    return subprocess.CompletedProcess(["copied_script.py"], 1 if result["error"] else 0, stdout, stderr)


def matrix(text: str) -> list[list[float]]:
    return [[float(v) for v in row.split(",")] for row in text.split(";")]


def torch_result(state: State) -> tuple[str, typing.Any, typing.Any]:
    """('ok', loss values, gradient rows) or ('error', exception type name, message)."""
    logits = torch.tensor(matrix(state.logits), dtype=torch.float64, requires_grad=True)
    if state.probs is not None:
        target = torch.tensor(matrix(state.probs), dtype=torch.float64)
    else:
        target = torch.tensor([int(v) for v in state.target.split(",")])
    weight = None
    if state.weight:
        weight = torch.tensor([float(v) for v in state.weight.split(",")], dtype=torch.float64)
    try:
        loss = F.cross_entropy(
            logits,
            target,
            weight=weight,
            ignore_index=int(state.ignore_index),
            reduction=state.reduction,
            label_smoothing=float(state.label_smoothing),
        )
    except Exception as err:  # noqa: BLE001 - whatever torch raises, the page must show it
        return "error", type(err).__name__, str(err)
    loss.sum().backward()
    return "ok", loss.detach().reshape(-1).tolist(), logits.grad.tolist()


def close(page_value: float, torch_value: float, abs_tol: float = 0.0) -> bool:
    if math.isnan(torch_value):
        return math.isnan(page_value)
    return math.isclose(page_value, torch_value, rel_tol=REL, abs_tol=abs_tol)


# Set every field, then one bubbling `input` event, as typing does; read what the page shows.
SET_STATE_JS = """(fields) => {
  const root = document.querySelector(".ce-calculator");
  for (const [name, value] of Object.entries(fields)) {
    if (name === "target_kind") {
      root.querySelector(`[name="target_kind"][value="${value}"]`).checked = true;
    } else {
      root.querySelector(`[name="${name}"]`).value = value;
    }
  }
  root.querySelector('[name="logits"]').dispatchEvent(new Event("input", { bubbles: true }));
  return READ();
}"""
READ_JS = """() => {
  const grad = document.querySelector(".ce-work table[data-grad]");
  return {
    loss: document.getElementById("ce-loss").textContent,
    error: document.getElementById("ce-error").textContent,
    error_type: document.querySelector(".ce-error-type").textContent,
    grad: grad ? JSON.parse(grad.dataset.grad) : null,
    tables: document.querySelectorAll(".ce-work table").length,
  };
}"""
COPIED_JS = "document.querySelector('.ce-copy-status').textContent.startsWith('Copied')"
SET_STATE_JS = SET_STATE_JS.replace("return READ();", f"return ({READ_JS})();")


def assert_page_matches_torch(shown: dict, state: State) -> None:
    outcome = torch_result(state)
    if outcome[0] == "error":
        _, kind, message = outcome
        assert shown["error"] == message, (state, shown)
        assert shown["error_type"] == f"{kind}: ", (state, shown)
        assert shown["loss"] == "" and shown["tables"] == 0, (state, shown)
        return
    _, values, grad = outcome
    assert shown["error"] == "", (state, shown)
    page_values = [float(v) for v in shown["loss"].split(",")]
    assert len(page_values) == len(values), (state, shown, values)
    assert all(close(a, b) for a, b in zip(page_values, values)), (state, shown["loss"], values)
    page_grad = [[float(v) for v in row] for row in shown["grad"]]
    assert all(
        close(a, b, GRAD_ABS) for row_a, row_b in zip(page_grad, grad) for a, b in zip(row_a, row_b)
    ), (state, page_grad, grad)
    assert len(page_grad) == len(grad)


# --------------------------------------------------------------------------------------------------
# Generated states
# --------------------------------------------------------------------------------------------------
LOGIT = st.one_of(
    st.floats(-30, 30, allow_nan=False),
    st.sampled_from([1e4, -1e4, 0.0, 1e-7]),
)
NONNEGATIVE = st.one_of(st.floats(0, 3, allow_nan=False), st.just(0.0))
SMOOTHING = st.one_of(st.sampled_from([0.0, 0.1, 0.37, 1.0, -0.5]), st.floats(0, 1))
TOO_MUCH_SMOOTHING = st.sampled_from([1.5, 1.0000001, 2.0, 1e8, 1.23456789])


def join(values: typing.Iterable[typing.Any]) -> str:
    return ",".join(repr(v) for v in values)


def rows(values: list[list[float]]) -> str:
    return ";".join(join(row) for row in values)


@st.composite
def valid_states(draw: st.DrawFn) -> State:
    n = draw(st.integers(1, 4))
    c = draw(st.integers(1, 5))
    logits = [[draw(LOGIT) for _ in range(c)] for _ in range(n)]
    weight = draw(st.none() | st.lists(NONNEGATIVE, min_size=c, max_size=c))
    common = dict(
        logits=rows(logits),
        weight="" if weight is None else join(weight),
        reduction=draw(st.sampled_from(["none", "mean", "sum"])),
        label_smoothing=repr(draw(SMOOTHING)),
    )
    if draw(st.booleans()):  # probability targets: rows of values in [0, 1], summing to 1 or not
        probs = [[draw(st.floats(0, 1)) for _ in range(c)] for _ in range(n)]
        if draw(st.booleans()):
            probs = [[v / sum(row) for v in row] if sum(row) > 0 else row for row in probs]
        ignore = draw(st.sampled_from([-100, -1]))
        return State(probs=rows(probs), ignore_index=str(ignore), **common)
    ignore = draw(st.sampled_from([-100, 255, 0, c - 1]))
    all_ignored = draw(st.integers(0, 5)) == 0
    target = [
        ignore if all_ignored else draw(st.integers(0, c - 1) | st.just(ignore)) for _ in range(n)
    ]
    return State(target=join(target), ignore_index=str(ignore), **common)


@st.composite
def states(draw: st.DrawFn) -> State:
    """A valid state, with zero, one or two of torch's bad inputs mixed in (order of checks)."""
    state = draw(valid_states())
    n = len(state.logits.split(";"))
    c = len(state.logits.split(";")[0].split(","))
    breaks = draw(st.lists(st.sampled_from(sorted(BREAKS)), max_size=2, unique=True))
    for name in breaks:
        state = BREAKS[name](draw, state, n, c)
    return state


def _out_of_bounds(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    if s.target is None:
        return s
    bad = draw(st.sampled_from([c, c + 3, -1, -7]))
    if str(bad) == s.ignore_index:
        return s
    target = s.target.split(",")
    target[draw(st.integers(0, len(target) - 1))] = str(bad)
    return replace(s, target=",".join(target))


def _weight_size(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    size = draw(st.sampled_from([k for k in range(1, c + 3) if k != c]))
    return replace(s, weight=join([1.0] * size))


def _smoothing(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    return replace(s, label_smoothing=repr(draw(TOO_MUCH_SMOOTHING)))


def _batch_size(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    m = draw(st.sampled_from([k for k in range(1, n + 3) if k != n]))
    if s.target is not None:
        return replace(s, target=join([0] * m))
    return replace(s, probs=rows([[1.0 / c] * c] * m))


def _probs_width(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    if s.probs is None:
        return s
    width = draw(st.sampled_from([k for k in range(1, c + 3) if k != c]))
    return replace(s, probs=rows([[0.5] * width] * n))


def _probs_ignore(draw: st.DrawFn, s: State, n: int, c: int) -> State:
    return s if s.probs is None else replace(s, ignore_index=str(draw(st.sampled_from([0, 3]))))


BREAKS = {
    "out_of_bounds": _out_of_bounds,
    "weight_size": _weight_size,
    "smoothing": _smoothing,
    "batch_size": _batch_size,
    "probs_width": _probs_width,
    "probs_ignore": _probs_ignore,
}


# --------------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------------
@dataclass
class Tab:
    page: typing.Any
    errors: list[str]  # console errors, page errors, requests to other hosts


def open_tab(browser: typing.Any, served_site: ServedSite, **context_options: typing.Any) -> Tab:
    """A new context (clipboard allowed, offline but for the local site) and a page in it."""
    origin = urllib.parse.urlsplit(served_site.base_url).netloc
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"],
        service_workers="block",
        **context_options,
    )

    def route(route: typing.Any, errors: list[str]) -> None:
        url = urllib.parse.urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == origin:
            route.continue_()
        else:
            errors.append(f"request to another host: {route.request.url}")
            route.abort()

    return watched_tab(context, route)


def watched_tab(context: typing.Any, route: typing.Callable[[typing.Any, list[str]], None]) -> Tab:
    """A page in ``context``: every request goes through ``route``, which may add to the errors,
    as console errors and page errors do."""
    errors: list[str] = []
    context.route("**/*", lambda request_route: route(request_route, errors))
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda err: errors.append(f"page error: {err}"))
    return Tab(page, errors)


def calculator_url(served_site: ServedSite, query: str = "", lang: str = "") -> str:
    """The calculator page; ``lang="zh/"`` for the Chinese edition's."""
    return served_site.base_url + lang + "calculator/" + query


def goto_calculator(tab: Tab, served_site: ServedSite, query: str = "", lang: str = "") -> None:
    tab.page.goto(calculator_url(served_site, query, lang), wait_until="load")
    tab.page.wait_for_selector(".ce-calculator[data-ready]")


@pytest.fixture(scope="module")
def calculator(browser: typing.Any, served_site: ServedSite) -> typing.Iterator[Tab]:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site)
    yield tab
    assert not tab.errors, tab.errors
    tab.page.context.close()


def show_state(tab: Tab, state: State) -> dict:
    return tab.page.evaluate(SET_STATE_JS, state.fields())


# --------------------------------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------------------------------
@settings(max_examples=150, derandomize=True, deadline=None, database=None)
@given(state=states())
def test_page_loss_and_errors_equal_torch(calculator: Tab, state: State) -> None:
    assert_page_matches_torch(show_state(calculator, state), state)


EXAMPLES = {
    "default example": State("1.5,-0.3,2;0.1,0.2,0.3", "2,0"),
    "issue example": State(
        "1.5,-0.3,2;0.1,0.2,0.3", "2,0", weight="1,2,0.5", label_smoothing="0.1"
    ),
    "one sample, one class": State("3.5", "0"),
    "one class, sum": State("1;-2;4", "0,0,0", reduction="sum"),
    "logits ±1e4": State("1e4,-1e4,0;-1e4,1e4,0", "1,2", reduction="none"),
    "all ignored, mean is nan": State("1,2;3,4", "-100,-100"),
    "all ignored with smoothing and weight": State(
        "1,2;3,4", "-100,-100", weight="1,2", label_smoothing="0.2"
    ),
    "kept classes weigh 0, smoothing: nan": State(
        "1,2,3;3,4,5", "0,0", weight="0,1,1", label_smoothing="0.1"
    ),
    "ignore_index is a real class": State("1,2,3;4,5,6", "0,2", ignore_index="0"),
    "negative smoothing counts as 0": State("1,2,3;4,5,6", "0,2", label_smoothing="-0.5"),
    "smoothing 1": State("1,2,3;4,5,6", "0,2", weight="1,2,3", label_smoothing="1"),
    "probabilities not summing to 1": State("1,2;3,4", probs="0.5,1;2,0", weight="2,3"),
    "probabilities, smoothing, none": State(
        "1,2,3", probs="0.2,0.8,0", label_smoothing="0.3", reduction="none"
    ),
    "target 5 out of bounds": State("1,2,3;4,5,6", "0,5"),
    "weight of 2 for 3 classes": State("1,2,3;4,5,6", "0,1", weight="1,2"),
    "probability weight of 2 for 3 classes": State("1,2,3", probs="0,1,0", weight="1,2"),
    "label_smoothing 1.5": State("1,2,3", "0", label_smoothing="1.5"),
    "probabilities of the wrong width": State("1,2,3;4,5,6", probs="0,1;1,0"),
    "ignore_index 0 with probabilities": State("1,2,3", probs="0,1,0", ignore_index="0"),
    "3 targets for 2 samples": State("1,2,3;4,5,6", "0,1,2"),
}


@pytest.mark.parametrize("state", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_named_cases_equal_torch(calculator: Tab, state: State) -> None:
    assert_page_matches_torch(show_state(calculator, state), state)


MALFORMED = {
    "a letter among the logits": (
        State("1,2,x;3,4,5", "0,1"),
        'Logits, row n = 0: "x" is not a number',  # rows from 0, like the samples in the tables
    ),
    "ragged rows": (State("1,2,3;4,5", "0,1"), "Logits: row n = 1 has 2 values but row n = 0 has 3"),
    "empty logits": (State("", "0"), "Logits: enter at least one row"),
    "two commas": (State("1,,2", "0"), "Logits, row n = 0: a value is missing"),
    "a fractional class index": (State("1,2", "0.5"), 'Targets: "0.5" is not an integer'),
    "no targets": (State("1,2", ""), "Targets: enter one class index per row"),
    "ragged probability rows": (State("1,2;3,4", probs="1,0;1"), "Probability targets: row n = 1 "),
    "a number too large": (State("1e999,2", "0"), "too large for float64"),
    "a letter in the weight": (State("1,2", "0", weight="1,a"), 'Weight: "a" is not a number'),
    "ignore_index not an integer": (State("1,2", "0", ignore_index="-1.5"), "ignore_index"),
}


@pytest.mark.parametrize(("state", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_text_gets_a_message_and_no_stale_result(
    calculator: Tab, state: State, message: str
) -> None:
    before = show_state(calculator, EXAMPLES["issue example"])
    assert before["loss"] and before["tables"] > 0
    shown = show_state(calculator, state)
    assert message in shown["error"], shown
    assert shown["loss"] == "" and shown["tables"] == 0, shown
    copy = calculator.page.locator(".ce-copy")
    assert copy.is_disabled()


def test_invalid_reduction_in_the_url_gets_torchs_error(
    browser: typing.Any, served_site: ServedSite
) -> None:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site, "?logits=1,2&target=0&reduction=avg")
    shown = tab.page.evaluate(READ_JS)
    message = "avg is not a valid value for reduction"
    assert (shown["error_type"], shown["error"]) == ("ValueError: ", message)
    assert torch_result(State("1,2", "0", reduction="avg"))[1:] == ("ValueError", shown["error"])
    assert not tab.errors, tab.errors
    tab.page.context.close()


def field_values(tab: Tab) -> dict[str, str]:
    return tab.page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll(".ce-calculator [name]")]
          .filter((el) => el.type !== "radio" || el.checked).map((el) => [el.name, el.value]))"""
    )


@pytest.mark.parametrize(
    "state",
    [
        State("1.5,-0.3,2;0.1,0.2,0.3", probs="0.2,0.8,0;1,0,0", weight="1,2,0.5",
              ignore_index="-1", reduction="none", label_smoothing="0.25"),
        State("2,1e-3;-1e4,1e4;0,0", "1,7,0", weight="0.5,2", ignore_index="7", reduction="sum"),
    ],
    ids=["probabilities", "indices"],
)
def test_url_reproduces_the_state_after_a_reload(
    browser: typing.Any, served_site: ServedSite, state: State
) -> None:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site)
    shown = show_state(tab, state)
    url = tab.page.url
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    assert query["logits"] == [state.logits]
    assert ("probs" in query) == (state.probs is not None)
    fields = field_values(tab)
    tab.page.goto(url, wait_until="load")
    tab.page.wait_for_selector(".ce-calculator[data-ready]")
    assert field_values(tab) == fields
    assert tab.page.evaluate(READ_JS) == shown
    assert tab.page.url == url
    assert_page_matches_torch(shown, state)
    assert not tab.errors, tab.errors
    tab.page.context.close()


def test_issue_example_url_gives_torchs_loss(browser: typing.Any, served_site: ServedSite) -> None:
    tab = open_tab(browser, served_site)
    query = (  # the issue's own example, every option written out
        "?logits=1.5,-0.3,2;0.1,0.2,0.3&target=2,0&weight=1,2,0.5"
        "&ignore_index=-100&reduction=mean&label_smoothing=0.1"
    )
    goto_calculator(tab, served_site, query)
    assert_page_matches_torch(tab.page.evaluate(READ_JS), EXAMPLES["issue example"])
    probs = "?logits=1.5,-0.3,2;0.1,0.2,0.3&probs=0.2,0.8,0;1,0,0"
    goto_calculator(tab, served_site, probs)
    assert_page_matches_torch(
        tab.page.evaluate(READ_JS), State("1.5,-0.3,2;0.1,0.2,0.3", probs="0.2,0.8,0;1,0,0")
    )
    assert not tab.errors, tab.errors
    tab.page.context.close()


@pytest.mark.parametrize(
    "state",
    [
        State("1.5,-0.3,2;0.1,0.2,0.3;1e4,0,-1e4", "2,-100,1", weight="1,2,0.5", reduction="none",
              label_smoothing="0.1"),
        State(
            "1,2,3;4,5,6", probs="0.2,0.8,0;0.5,0.25,0.25", weight="1,2,3", label_smoothing="0.3"
        ),
    ],
    ids=["indices none", "probabilities mean"],
)
def test_copied_pytorch_script_prints_the_pages_loss(
    browser: typing.Any, served_site: ServedSite, state: State
) -> None:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site)
    shown = show_state(tab, state)
    tab.page.click(".ce-copy")
    tab.page.wait_for_function(COPIED_JS)
    script = tab.page.evaluate(READ_CLIPBOARD_JS)
    assert "dtype=torch.float64" in script
    done = run_copied(script)
    assert done.returncode == 0 and not done.stderr, done.stderr
    printed = done.stdout.strip().split(",")
    page = shown["loss"].split(",")
    assert len(printed) == len(page)
    assert all(close(float(a), float(b)) for a, b in zip(page, printed)), (page, printed)
    assert not tab.errors, tab.errors
    tab.page.context.close()


WIDE = State(
    "12345.678,-0.001234,3,4,5,6,7,8,9,10;1,2,3,4,5,6,7,8,9,10",
    "3,-100",
    weight="1,2,3,4,5,6,7,8,9,10",
    reduction="none",
    label_smoothing="0.1",
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_narrow_screen_and_accessibility(
    browser: typing.Any,
    served_site: ServedSite,
    scheme: str,
    request: pytest.FixtureRequest,
    tmp_path: pathlib.Path,
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    viewport = {"width": 390, "height": 844}
    tab = open_tab(browser, served_site, viewport=viewport, color_scheme=scheme)
    goto_calculator(tab, served_site)
    shown = show_state(tab, WIDE)
    assert_page_matches_torch(shown, WIDE)
    page = tab.page
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    # No horizontal overflow of the page; the wide tables scroll inside their labelled regions.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    regions = page.evaluate(
        """() => [...document.querySelectorAll(".ce-scroll")].map((el) => ({
          label: el.getAttribute("aria-label"), focusable: el.tabIndex === 0,
          scrolls: el.scrollWidth > el.clientWidth }))"""
    )
    assert regions and all(r["label"] and r["focusable"] for r in regions), regions
    assert any(r["scrolls"] for r in regions), regions
    cache = getattr(request.config, "cache", None)  # .pytest_cache/d/calculator/, for review
    folder = cache.mkdir("calculator") if cache else tmp_path
    page.screenshot(path=str(folder / f"calculator-390px-{scheme}.png"), full_page=True)
    # axe over the calculator's own markup (Material's theme is checked elsewhere), in this state
    # and with an error shown.
    found = Axe().run(page, context={"include": [[".ce-calculator"]]})
    assert found.violations_count == 0, found.generate_report()
    show_state(tab, State("1,2,3", "5"))
    found = Axe().run(page, context={"include": [[".ce-calculator"]]})
    assert found.violations_count == 0, found.generate_report()
    assert not tab.errors, tab.errors
    tab.page.context.close()


def state_from_query(query: str) -> State:
    params = dict(urllib.parse.parse_qsl(query))
    return State(
        logits=params["logits"],
        target=params.get("target"),
        probs=params.get("probs") if "target" not in params else None,
        weight=params.get("weight", ""),
        ignore_index=params.get("ignore_index", "-100"),
        reduction=params.get("reduction", "mean"),
        label_smoothing=params.get("label_smoothing", "0"),
    )


def test_example_links_on_the_page_give_torchs_loss(calculator: Tab) -> None:
    page = calculator.page
    links = page.evaluate(
        "[...document.querySelectorAll('article li > a[href*=\"?logits=\"]')].map((a) => a.href)"
    )
    assert len(links) == 3, links
    for link in links:
        page.goto(link, wait_until="load")
        page.wait_for_selector(".ce-calculator[data-ready]")
        state = state_from_query(urllib.parse.urlsplit(link).query)
        assert_page_matches_torch(page.evaluate(READ_JS), state)


# --------------------------------------------------------------------------------------------------
# The Chinese page, /zh/calculator/: the same script, its words from the zh half of its string table
# --------------------------------------------------------------------------------------------------
ZH = "zh/"


@pytest.fixture(scope="module")
def zh_calculator(browser: typing.Any, served_site: ServedSite) -> typing.Iterator[Tab]:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site, lang=ZH)
    assert tab.page.evaluate("document.documentElement.lang") == "zh"
    yield tab
    assert not tab.errors, tab.errors
    tab.page.context.close()


ZH_EXAMPLES = {
    name: EXAMPLES[name]
    for name in [
        "default example",
        "issue example",
        "all ignored with smoothing and weight",
        "probabilities not summing to 1",
        "probabilities, smoothing, none",
        "target 5 out of bounds",  # torch's message, in English on the Chinese page too
        "weight of 2 for 3 classes",
    ]
}
# English words of the step tables, the reduction and the gradient that the zh page must not show.
ENGLISH_WORDS = re.compile(
    r"\b(Sample|sample|Steps|ignored|weight\)|with s|Without|divides|keeps|kept|row|target)\b"
)
# Chinese punctuation (GB/T 15834, 中文文案排版指北): full-width marks, no space around them, and no
# half-width , . ; : touching a Chinese character ("样本 n = 0: 目标 y0 = 1. LSE" is the bug).
CJK = "\u4e00-\u9fff"
FULL_WIDTH = "，。；：、（）“”"
HALF_WIDTH_NEXT_TO_CJK = re.compile(f"[{CJK}][,.;:]|[,.;:] ?[{CJK}]")
SPACE_AROUND_FULL_WIDTH = re.compile(f" [{FULL_WIDTH}]|[{FULL_WIDTH}] ")
ZH_TEXT_JS = """() => [".ce-formula", ".ce-work", ".ce-error-box"]
  .map((s) => document.querySelector(s).innerText).join("\\n")"""


def assert_chinese_punctuation(text: str) -> None:
    assert not HALF_WIDTH_NEXT_TO_CJK.search(text), HALF_WIDTH_NEXT_TO_CJK.findall(text)
    assert not SPACE_AROUND_FULL_WIDTH.search(text), SPACE_AROUND_FULL_WIDTH.findall(text)


@pytest.mark.parametrize("state", ZH_EXAMPLES.values(), ids=ZH_EXAMPLES.keys())
def test_zh_named_cases_equal_torch(zh_calculator: Tab, state: State) -> None:
    assert_page_matches_torch(show_state(zh_calculator, state), state)
    work = zh_calculator.page.inner_text(".ce-work")
    assert not ENGLISH_WORDS.search(work), ENGLISH_WORDS.findall(work)
    assert_chinese_punctuation(zh_calculator.page.evaluate(ZH_TEXT_JS))
    if work:
        assert "逐个样本，逐步计算" in work and "对 logits 的梯度" in work, work[:300]
        formula = zh_calculator.page.inner_text(".ce-formula")
        assert not ENGLISH_WORDS.search(formula), formula


def test_rows_are_numbered_from_0_in_the_tables_and_the_errors_in_both_languages(
    calculator: Tab, zh_calculator: Tab
) -> None:
    """The second row is n = 1 in the step tables and in an error about it, as in logits[1]."""
    for tab, sample, error in [
        (calculator, "Sample n = 1", "Logits, row n = 1: "),
        (zh_calculator, "样本 n = 1", "logits（n = 1 的一行）："),
    ]:
        assert error in show_state(tab, State("1,2;3,x", "0,1"))["error"]
        show_state(tab, State("1,2;3,4", "0,1"))
        work = tab.page.inner_text(".ce-work")
        assert sample in work and sample.replace("1", "2") not in work, work[:400]


def test_zh_sentences_use_chinese_punctuation(zh_calculator: Tab) -> None:
    """Every sentence the script builds, on the Chinese page: the sample lines, the reduction, the
    gradient note, the formula line, for both kinds of target, a kept and an ignored sample."""
    show_state(zh_calculator, State("1.5,-0.3,2;0.1,0.2,0.3", "2,-100", weight="1,2,3"))
    text = zh_calculator.page.evaluate(ZH_TEXT_JS)
    for expected in [
        "样本 n = 0：目标 y0 = 2。LSE = m + log Σ = ",  # innerText drops the <sub>
        "；ℓ0 = ",
        "，样本权重 wy0 = 3",
        "样本 n = 1：目标 -100 = ignore_index，此样本被忽略。LSE",
        "目标类别权重之和：W = wy0 = 3 = 3。L = (ℓ0 + ℓ1) / W = ",
        "W = Σ保留的 n wyn",
        "qc = [c = y]（独热）",
        "，被忽略的样本为 0，其中 s = 1/W。没有权重和平滑时",
    ]:
        assert expected in text, (expected, text)
    assert_chinese_punctuation(text)
    show_state(zh_calculator, State("1,2;3,4", probs="0.5,0.5;1,0", reduction="sum"))
    text = zh_calculator.page.evaluate(ZH_TEXT_JS)
    for expected in ["样本 n = 1：概率目标 t1。LSE", "qc = tc（即输入的这一行）", "'sum'：L = ℓ0 + ℓ1 = "]:
        assert expected in text, (expected, text)
    assert_chinese_punctuation(text)
    # Breaking it goes red: the English separators on the Chinese page.
    assert HALF_WIDTH_NEXT_TO_CJK.search("样本 n = 0: 目标 y0 = 1. LSE")
    assert SPACE_AROUND_FULL_WIDTH.search("qc = [c = y] （独热）")


ZH_MALFORMED = {
    "a letter among the logits": (State("1,2,x;3,4,5", "0,1"), "logits（n = 0 的一行）：“x”不是数字"),
    "ragged rows": (State("1,2,3;4,5", "0,1"), "logits：n = 1 的一行有 2 个值，而 n = 0 的一行有 3 个"),
    "a fractional class index": (State("1,2", "0.5"), "目标：“0.5”不是整数"),
    "two commas in probabilities": (State("1,2;3,4", probs="1,0;0,,1"), "概率目标（n = 1 的一行）：缺少一个值"),
}


@pytest.mark.parametrize(("state", "message"), ZH_MALFORMED.values(), ids=ZH_MALFORMED.keys())
def test_zh_malformed_text_gets_a_chinese_message_and_no_stale_result(
    zh_calculator: Tab, state: State, message: str
) -> None:
    before = show_state(zh_calculator, EXAMPLES["issue example"])
    assert before["loss"] and before["tables"] > 0
    shown = show_state(zh_calculator, state)
    assert shown["error_type"] == "无法读取输入：", shown
    assert message in shown["error"], shown
    assert_chinese_punctuation(shown["error_type"] + shown["error"])
    assert shown["loss"] == "" and shown["tables"] == 0, shown
    assert zh_calculator.page.locator(".ce-copy").is_disabled()


def test_zh_url_reproduces_the_state_after_a_reload(
    browser: typing.Any, served_site: ServedSite
) -> None:
    state = State("1.5,-0.3,2;0.1,0.2,0.3", probs="0.2,0.8,0;1,0,0", weight="1,2,0.5",
                  ignore_index="-1", reduction="none", label_smoothing="0.25")
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site, lang=ZH)
    shown = show_state(tab, state)
    url = tab.page.url
    assert urllib.parse.urlsplit(url).path.endswith("/zh/calculator/")
    fields = field_values(tab)
    tab.page.goto(url, wait_until="load")
    tab.page.wait_for_selector(".ce-calculator[data-ready]")
    assert field_values(tab) == fields
    assert tab.page.evaluate(READ_JS) == shown
    assert_page_matches_torch(shown, state)
    assert not tab.errors, tab.errors
    tab.page.context.close()


ZH_COPIED_JS = "document.querySelector('.ce-copy-status').textContent.startsWith('已将脚本复制')"


def test_zh_copied_script_is_the_english_one_and_prints_the_pages_loss(
    browser: typing.Any, served_site: ServedSite
) -> None:
    state = State("1.5,-0.3,2;0.1,0.2,0.3;1e4,0,-1e4", "2,-100,1", weight="1,2,0.5",
                  reduction="none", label_smoothing="0.1")
    scripts = {}
    for lang, copied in [("", COPIED_JS), (ZH, ZH_COPIED_JS)]:
        tab = open_tab(browser, served_site)
        goto_calculator(tab, served_site, lang=lang)
        shown = show_state(tab, state)
        tab.page.click(".ce-copy")
        tab.page.wait_for_function(copied)
        scripts[lang] = tab.page.evaluate(READ_CLIPBOARD_JS)
        assert not tab.errors, tab.errors
        tab.page.context.close()
    assert scripts[ZH] == scripts[""]  # code is code: the same script in both languages
    done = run_copied(scripts[ZH])
    assert done.returncode == 0 and not done.stderr, done.stderr
    printed = done.stdout.strip().split(",")
    page = shown["loss"].split(",")  # the zh page's
    assert len(printed) == len(page)
    assert all(close(float(a), float(b)) for a, b in zip(page, printed)), (page, printed)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zh_accessibility(browser: typing.Any, served_site: ServedSite, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    tab = open_tab(browser, served_site, viewport={"width": 390, "height": 844}, color_scheme=scheme)
    goto_calculator(tab, served_site, lang=ZH)
    page = tab.page
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    assert_page_matches_torch(show_state(tab, WIDE), WIDE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    labels = page.evaluate(
        "[...document.querySelectorAll('.ce-scroll')].map((el) => el.getAttribute('aria-label'))"
    )
    assert labels[0] == "样本 0 的计算步骤" and labels[-1] == "对 logits 的梯度", labels
    found = Axe().run(page, context={"include": [[".ce-calculator"]]})
    assert found.violations_count == 0, found.generate_report()
    show_state(tab, State("1,2,3", "5"))
    found = Axe().run(page, context={"include": [[".ce-calculator"]]})
    assert found.violations_count == 0, found.generate_report()
    assert not tab.errors, tab.errors
    tab.page.context.close()
