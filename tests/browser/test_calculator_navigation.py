"""The calculator reached as a reader reaches it, beyond its own page: by Material's instant
navigation from a page that links to it, and with the keyboard alone from the top of the page (past
the header and its search box, which loads the search index). Kept apart from
tests/browser/test_calculator.py because these read other pages and the search index.

"""

from __future__ import annotations

import re
import typing
import urllib.parse

from tests.conftest import ROOT, ServedSite
from tests.browser.test_calculator import (
    COPIED_JS,
    EXAMPLES,
    READ_JS,
    State,
    Tab,
    assert_page_matches_torch,
    goto_calculator,
    open_tab,
    watched_tab,
)



def published_tab(browser: typing.Any, served_site: ServedSite) -> Tab:
    """A tab where the site's published address (site_url) is answered by the local server.

    Material's instant navigation only takes links to pages in sitemap.xml, whose addresses it
    moves to the current protocol and host but not port: on 127.0.0.1:<port> every click is a full
    load. Under the published address the sitemap matches, as for a reader of the hosted site.
    """
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)
    site_url = site_url.rstrip("/") + "/"
    context = browser.new_context(service_workers="block")

    def route(route: typing.Any, errors: list[str]) -> None:
        url = route.request.url
        if url.startswith(site_url):
            local = served_site.base_url + url[len(site_url):]
            route.fulfill(response=route.fetch(url=local))
        elif urllib.parse.urlsplit(url).scheme in ("data", "blob"):
            route.continue_()
        else:
            errors.append(f"request to another host: {url}")
            route.abort()

    tab = watched_tab(context, route)
    tab.page.site_url = site_url
    return tab


def test_arriving_by_instant_navigation_runs_the_calculator(
    browser: typing.Any, served_site: ServedSite
) -> None:
    tab = published_tab(browser, served_site)
    page = tab.page
    # Material reads sitemap.xml after the load and only then takes clicks over; on a loaded
    # machine that can take a while, so a full load is retried (3 full loads fail the test).
    for _attempt in range(3):
        with page.expect_response(lambda r: r.url.endswith("/sitemap.xml")):
            page.goto(page.site_url + "options/label-smoothing/", wait_until="networkidle")
        page.wait_for_timeout(1000)
        page.evaluate("() => { window.__sameDocument = true; }")  # lost if the browser loads a page
        # A reader clicks "Calculator" in the navigation...
        page.evaluate("document.querySelector('a.md-nav__link[href$=\"calculator/\"]').click()")
        page.wait_for_selector(".ce-calculator[data-ready]")
        if page.evaluate("window.__sameDocument === true"):
            break
    assert page.evaluate("window.__sameDocument === true"), "a full load, not instant navigation"
    assert_page_matches_torch(page.evaluate(READ_JS), EXAMPLES["default example"])
    # ...goes elsewhere, and comes back by a link with a pre-filled example.
    page.evaluate("document.querySelector('a.md-nav__link[href$=\"weighted/\"]').click()")
    # The address changes on the click, the content when the page has arrived: until then the
    # calculator is still there (a link added now would sit in it, and the race was seen to fail)
    page.wait_for_function(
        "location.pathname.endsWith('/weighted/') && !document.querySelector('.ce-calculator')"
    )
    page.evaluate(
        """() => {
          const link = document.createElement("a");
          link.href = "../calculator/?logits=1,2,3;4,5,6&target=2,-100&label_smoothing=0.2";
          link.textContent = "calculator";
          document.querySelector("article").append(link);
          link.click();
        }"""
    )
    page.wait_for_selector(".ce-calculator[data-ready]")
    assert page.evaluate("window.__sameDocument === true"), "a full load, not instant navigation"
    shown = page.evaluate(READ_JS)
    assert_page_matches_torch(shown, State("1,2,3;4,5,6", "2,-100", label_smoothing="0.2"))
    overflow = "getComputedStyle(document.querySelector('.ce-scroll')).overflowX"
    assert page.evaluate(overflow) == "auto"  # the page's CSS arrived with it
    assert "label_smoothing=0.2" in page.url
    assert not tab.errors, tab.errors
    page.context.close()


def focus_by_tab(tab: Tab, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_drives_the_calculator(browser: typing.Any, served_site: ServedSite) -> None:
    tab = open_tab(browser, served_site)
    goto_calculator(tab, served_site)
    keys = tab.page.keyboard
    focus_by_tab(tab, "#ce-logits")
    keys.press("Control+A")
    keys.type("1,2,3;0.5,0,-1")
    focus_by_tab(tab, '[name="target_kind"]')
    keys.press("ArrowDown")  # the radio group: class probabilities
    assert tab.page.is_visible("#ce-probs") and not tab.page.is_visible("#ce-target")
    focus_by_tab(tab, "#ce-probs", 3)
    keys.type("0,0,1;0.5,0.5,0")
    focus_by_tab(tab, "#ce-weight", 3)
    keys.type("1,2,3")
    focus_by_tab(tab, "#ce-reduction", 3)
    keys.press("ArrowDown")  # mean -> sum
    focus_by_tab(tab, "#ce-smoothing", 3)
    keys.press("Control+A")
    keys.type("0.1")
    state = State("1,2,3;0.5,0,-1", probs="0,0,1;0.5,0.5,0", weight="1,2,3", reduction="sum",
                  label_smoothing="0.1")
    assert_page_matches_torch(tab.page.evaluate(READ_JS), state)
    focus_by_tab(tab, ".ce-copy", 5)
    keys.press("Enter")
    tab.page.wait_for_function(COPIED_JS)
    focus_by_tab(tab, ".ce-script-box summary", 3)
    keys.press("Enter")
    assert tab.page.is_visible(".ce-script")
    focus_by_tab(tab, ".ce-scroll", 5)  # the step tables scroll from the keyboard too
    label = tab.page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label == "Steps of sample 0"
    assert not tab.errors, tab.errors
    tab.page.context.close()
