"""hooks/katex_compact.py in Chromium: a compacted formula renders pixel for pixel as KaTeX's own."""

from __future__ import annotations

import io
import pathlib
import re

from hooks import katex_compact as kc
from hooks.katex import render
from tests.test_katex_compact import KATEX_CSS, KATEX_DIR, MAPPING, OTHER_CSS, TEX, page


def test_compacted_formula_looks_the_same(browser: object, tmp_path: pathlib.Path) -> None:
    """Both versions screenshotted in Chromium with KaTeX's fonts: not one pixel differs."""
    fonts = (KATEX_DIR / "fonts").as_uri()
    original = page(render(TEX, True) + "<p>inline " + render(r"p_y = \hat{q}", False) + "</p>")
    shots = []
    for name, html, css in [
        ("original", original, KATEX_CSS),
        ("compact", kc.compact(original, MAPPING, kc.css_classes(OTHER_CSS)), kc.rename_css(KATEX_CSS, MAPPING)),
    ]:
        html = re.sub(r'<link rel="stylesheet"[^>]*>', lambda _: f"<style>{css.replace('url(fonts/', f'url({fonts}/')}</style>", html)
        (tmp_path / f"{name}.html").write_text(html.replace("<body>", '<body style="font-size:20px">'), encoding="utf-8")
        context = browser.new_context(viewport={"width": 1400, "height": 300})
        tab = context.new_page()
        tab.goto((tmp_path / f"{name}.html").as_uri())
        tab.evaluate("document.fonts.ready")
        assert tab.evaluate("[...document.fonts].filter((f) => f.status === 'loaded').length") >= 3
        shots.append(tab.screenshot(full_page=True))
        context.close()
    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(s)).convert("RGB") for s in shots)
    assert a.size == b.size
    assert ImageChops.difference(a, b).getbbox() is None, "the compacted formula renders differently"
