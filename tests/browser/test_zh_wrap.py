"""The Chinese pages' typography in headless Chromium, at a phone's width (390 px) and a laptop's:

- no line starts with full-width closing punctuation (，。：； ...) left behind by the inline formula
  or code before it (hooks/cjk_punct.py glues the two, zh.css keeps them on one line), and the glue
  makes no page wider than the screen: LINE_STARTS_JS, run on every Chinese page by the visit of
  test_pages.py (test_no_zh_line_starts_with_closing_punctuation), and here on a probe to show
  that it sees such a line;
- figure captions are upright: Chinese has no italics (zh.css), the English caption stays italic.

Chromium: tests/browser/conftest.py.
"""

from __future__ import annotations

import functools
import importlib.util
import typing

import pytest

from tests.conftest import ROOT, ServedSite

WIDTH = 390
WIDTHS = [WIDTH, 1100]  # a phone, a laptop (the review found 24 and 9 such lines)

# Every closing punctuation mark (hooks/cjk_punct.py's PUNCT) in the article that starts a line
# while something precedes it in its block: its box lies below the middle of the last box before it.
LINE_STARTS_JS = """([punct, where]) => {
  const mark = new RegExp("[" + punct + "]", "g");
  const BLOCK = new Set(["block", "list-item", "table-cell", "flex", "grid", "table-caption"]);
  const blockOf = (node) => {
    let el = node.parentElement;
    while (el && !BLOCK.has(getComputedStyle(el).display)) el = el.parentElement;
    return el;
  };
  const found = [];
  const root = document.querySelector(where);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (t.parentElement.closest(".katex-mathml, pre, script, style")) continue;
    for (const m of t.data.matchAll(mark)) {
      const r = document.createRange();
      r.setStart(t, m.index);
      r.setEnd(t, m.index + 1);
      const box = r.getBoundingClientRect();
      const block = blockOf(t);
      if ((!box.width && !box.height) || !block) continue;  // not shown
      const before = document.createRange();
      before.setStart(block, 0);
      before.setEnd(t, m.index);
      const boxes = [...before.getClientRects()].filter((b) => b.width > 0 && b.height > 0);
      if (!boxes.length) continue;  // the first thing in its block
      const last = boxes[boxes.length - 1];
      if (box.top >= last.top + last.height / 2 && box.left < last.right) {
        found.push(before.toString().slice(-25) + " ⏎ " + t.data.slice(m.index, m.index + 6));
      }
    }
  }
  return found;
}"""


@functools.cache  # test_pages.py asks on every Chinese page
def load_hook() -> typing.Any:
    spec = importlib.util.spec_from_file_location("site_cjk_punct", ROOT / "hooks" / "cjk_punct.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def phone(browser: typing.Any) -> typing.Iterator[typing.Any]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    yield context.new_page()
    context.close()


def open_page(page: typing.Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")  # KaTeX's fonts change the lines


PROBE_JS = """([glued, selector]) => {
  const pair = document.querySelector(selector);  // a formula or code and its punctuation, glued
  const box = document.createElement("div");
  box.className = "wrap-probe";
  box.style.width = "200px";
  for (let n = 0; n < 30; n++) {  // the pair at every position of a line, then in a table cell
    const p = document.createElement("p");
    p.append("中".repeat(n));
    const copy = pair.cloneNode(true);
    if (glued) p.append(copy);
    else p.append(...copy.childNodes);  // as the Markdown renders it, without the glue
    p.append("后面的文字。");
    box.append(p);
  }
  // a table's columns shrink to their content's narrowest width, breaking wherever Chromium may
  const table = document.createElement("table");
  const cell = table.insertRow().insertCell();
  const copy = pair.cloneNode(true);
  cell.append("中文");
  if (glued) cell.append(copy);
  else cell.append(...copy.childNodes);
  cell.append("后面的文字。");
  table.rows[0].insertCell().textContent = "一".repeat(200);
  box.append(table);
  document.querySelector("article").prepend(box);
}"""


@pytest.mark.parametrize("kind", ["formula", "code"])
def test_the_check_sees_a_line_starting_with_punctuation_and_the_glue_removes_it(
    phone: typing.Any, served_site: ServedSite, kind: str
) -> None:
    """The check is not blind: a glued pair of the site placed at every position of a narrow line,
    as the Markdown renders it (some line starts with its punctuation) and glued (none does)."""
    punct = load_hook().PUNCT
    open_page(phone, served_site.base_url + "zh/one-hot/")
    selector = "article .cjk-nobr:has(.katex)" if kind == "formula" else "article .cjk-nobr:has(code)"
    found = {}
    for glued in [False, True]:
        phone.evaluate(PROBE_JS, [glued, selector])
        found[glued] = phone.evaluate(LINE_STARTS_JS, [punct, ".wrap-probe"])
        phone.evaluate("document.querySelector('.wrap-probe').remove()")
    assert found[False], "Chromium kept every pair on one line unglued: the check is blind"
    assert not found[True], found[True]


CAPTION_JS = "getComputedStyle(document.querySelector('article figcaption')).fontStyle"


def test_zh_figure_caption_is_upright_and_the_english_one_italic(
    phone: typing.Any, served_site: ServedSite
) -> None:
    open_page(phone, served_site.base_url + "zh/formula/")
    assert phone.evaluate(CAPTION_JS) == "normal"
    open_page(phone, served_site.base_url + "formula/")
    assert phone.evaluate(CAPTION_JS) == "italic"
