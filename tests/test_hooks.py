"""The build hook that shrinks the JupyterLab stylesheet keeps what a page uses and nothing else."""

from hooks.notebook_css import drop_unused_properties, page_classes, prune

CSS = """
/* a comment { with braces } */
.jupyter-wrapper .jp-Cell { color: var(--jp-ink); }
.jupyter-wrapper .jp-Toolbar, .jupyter-wrapper .jp-Cell:not(.jp-Unused) { margin: 0; }
.jupyter-wrapper .lm-Menu { display: none; }
@media print { .jupyter-wrapper .jp-Cell { color: black; } .jupyter-wrapper .lm-Menu { x: y; } }
@media screen { .jupyter-wrapper .lm-Menu { x: y; } }
@font-face { font-family: "X"; src: url("data:font/woff2;base64,AAAA"); }
.jupyter-wrapper { --jp-ink: var(--jp-black); --jp-black: #000; --jp-unused: url("a;b"); }
"""
HTML = '<div class="jupyter-wrapper"><div class="jp-Cell jp-Other">x</div></div>'


def test_prune_keeps_rules_for_classes_on_the_page_only() -> None:
    pruned = prune(CSS, page_classes(HTML))
    assert ".jupyter-wrapper .jp-Cell{color: var(--jp-ink);}" in pruned
    assert ".jupyter-wrapper .jp-Cell:not(.jp-Unused){margin: 0;}" in pruned  # :not() is ignored
    assert "jp-Toolbar" not in pruned and "lm-Menu" not in pruned
    assert "@media print{.jupyter-wrapper .jp-Cell{color: black;}}" in pruned
    assert "@media screen" not in pruned  # emptied blocks go
    assert '@font-face{ font-family: "X"; src: url("data:font/woff2;base64,AAAA"); }' in pruned
    assert "comment" not in pruned


def test_unused_custom_properties_are_dropped_through_chains() -> None:
    kept = drop_unused_properties(prune(CSS, page_classes(HTML)), HTML)
    assert "--jp-ink: var(--jp-black)" in kept and "--jp-black: #000" in kept  # used, and via a var
    assert "--jp-unused" not in kept


# --------------------------------------------------------------------------------------------------
# hooks/katex.py: formulas typeset at build time
# --------------------------------------------------------------------------------------------------
import pytest  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from hooks.katex import typeset_arithmatex, typeset_notebook  # noqa: E402


def test_arithmatex_spans_and_divs_become_katex_markup() -> None:
    page = (
        '<p>logits <span class="arithmatex">\\(x_c &lt; 0\\)</span> and</p>\n'
        '<div class="arithmatex">\\[\\ell = -\\log p_y\\]</div>'
    )
    out = typeset_arithmatex(page, "test.md")
    assert "\\(" not in out and "\\[" not in out
    assert out.count('class="katex"') == 2
    assert "<mo>&lt;</mo>" in out  # the &lt; was unescaped to TeX's <, then KaTeX escaped it again
    # the display formula can scroll sideways: reachable by keyboard and named
    assert 'class="katex-display" tabindex="0" role="group" aria-label="Formula: \\ell = -\\log p_y"' in out


def test_notebook_dollars_are_typeset_outside_code_only() -> None:
    cell = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown" data-mime-type="text/markdown">'
        "<p>cost $x$ and <code>a $b$ c</code></p><p>$$\n\\frac{1}{C}\n$$</p></div>"
    )
    out = typeset_notebook(cell, "nb.py")
    assert "<code>a $b$ c</code>" in out
    assert out.count('class="katex"') == 2 and "$" not in out.replace("<code>a $b$ c</code>", "")


@pytest.mark.parametrize("tex", ["\\frac{1}{", "\\notacommand x", "x^"])
def test_a_tex_error_fails_the_build(tex: str) -> None:
    with pytest.raises(PluginError, match="KaTeX could not typeset"):
        typeset_arithmatex(f'<span class="arithmatex">\\({tex}\\)</span>', "bad.md")


# --------------------------------------------------------------------------------------------------
# hooks/search_trim.py: what stays out of the search index
# --------------------------------------------------------------------------------------------------
from hooks.search_trim import LONG_BLOCK, trim  # noqa: E402


def _block(lines: int) -> str:
    body = "\n".join(f"<span>x = {i}</span>" for i in range(lines))
    return f'<div class="language-python highlight"><pre><code>{body}\n</code></pre></div>'


def test_long_code_display_math_and_notebook_outputs_are_excluded() -> None:
    short, long = _block(LONG_BLOCK - 1), _block(LONG_BLOCK + 1)
    html = (
        short + long + '<div class="arithmatex">\\[x\\]</div>'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain"><pre>1</pre></div>'
        '<div class="highlight-ipynb hl-python"><pre>x</pre></div><p>prose</p>'
    )
    out = trim(html)
    assert out.count("data-search-exclude") == 4
    assert short in out  # short blocks (an error message a block prints) stay searchable
    assert "<p>prose</p>" in out


def test_notebook_heading_anchor_is_left_out_of_the_search_title() -> None:
    from material.plugins.search.plugin import Parser  # what Material indexes a page with

    parser = Parser()
    parser.feed(trim('<h2 id="g">The gradient<a class="anchor-link" href="#g">¶</a></h2><p>x</p>'))
    parser.close()
    assert ["".join(section.title) for section in parser.data if section.id] == ["The gradient"]


# --------------------------------------------------------------------------------------------------
# hooks/images.py: width, height and loading=lazy on every content image
# --------------------------------------------------------------------------------------------------
import base64  # noqa: E402
import struct  # noqa: E402
import zlib  # noqa: E402

import pathlib  # noqa: E402
import re  # noqa: E402

from hooks.images import extract_inline_images, image_size, size_images  # noqa: E402

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="460.8pt" height="259.2pt" viewBox="0 0 460.8 259.2"></svg>'


def _png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk


class _File:
    def __init__(self, content: bytes) -> None:
        self.content_bytes = content


class _Files:
    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files

    def get_file_from_path(self, path: str) -> _File | None:
        return _File(self.files[path]) if path in self.files else None


def test_image_size_reads_svg_points_and_png_headers() -> None:
    assert image_size(SVG) == (614, 346)  # 460.8pt x 259.2pt in CSS pixels (4/3 px per pt)
    assert image_size(SVG.replace(b' width="460.8pt" height="259.2pt"', b"")) == (461, 259)
    assert image_size(_png(640, 480)) == (640, 480)
    assert image_size(b"<html></html>") is None


def test_images_get_their_size_and_lazy_loading() -> None:
    files = _Files({"assets/plots/a.svg": SVG})
    png = "data:image/png;base64," + base64.b64encode(_png(30, 20)).decode()
    html = f'<p><img alt="a" src="../../assets/plots/a.svg" /> <img alt="b" src="{png}"></p>'
    out = size_images(html, "training/page/", files)
    assert '<img alt="a" src="../../assets/plots/a.svg" width="614" height="346" loading="lazy" decoding="async" />' in out
    assert 'width="30" height="20" loading="lazy"' in out


def test_large_inlined_images_become_files_beside_the_page(tmp_path: pathlib.Path) -> None:
    big, small = _png(300, 200) + b"\0" * 5000, _png(2, 2)
    html = "".join(
        f'<img alt="{n}" src="data:image/png;base64,{base64.b64encode(d).decode()}" width="1">'
        for n, d in [("big", big), ("small", small)]
    )
    out = extract_inline_images(html, "notebooks/nb/", str(tmp_path))
    written = list((tmp_path / "notebooks" / "nb").iterdir())
    assert len(written) == 1 and written[0].read_bytes() == big
    assert f'<img alt="big" src="{written[0].name}" width="1">' in out
    assert '<img alt="small" src="data:image/png;base64,' in out  # too small to be worth a request
    assert extract_inline_images(html, "", str(tmp_path / "root")) .count("data:") == 1
    assert len(list((tmp_path / "root").iterdir())) == 1  # the home page's folder is the site's root


def test_an_image_of_unknown_size_is_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    out = size_images('<img src="missing.svg">', "page/", _Files({}))
    assert out == '<img src="missing.svg">'
    assert "cannot read its size" in caplog.text


def test_notebook_code_cells_become_focusable_named_regions() -> None:
    from hooks.a11y import label_notebook_cells

    html = '<div class="highlight-ipynb hl-python"><pre>a</pre></div>' * 2
    out = label_notebook_cells(html)
    assert out.count('tabindex="0" role="group"') == 2
    assert 'aria-label="Code cell 1"' in out and 'aria-label="Code cell 2"' in out


def test_display_math_left_out_of_search_is_still_typeset() -> None:
    from hooks.search_trim import trim

    page = trim('<div class="arithmatex">\\[\\ell = -\\log p_y\\]</div>')
    assert "data-search-exclude" in page
    out = typeset_arithmatex(page, "test.md")
    assert out.startswith('<div data-search-exclude class="arithmatex">') and "\\[" not in out


def test_empty_table_header_cells_become_data_cells() -> None:
    from hooks.a11y import fill_empty_headers

    html = '<thead><tr><th></th><th style="text-align: right;"> </th><th>p</th></tr></thead>'
    assert fill_empty_headers(html) == (
        '<thead><tr><td></td><td style="text-align: right;"></td><th>p</th></tr></thead>'
    )


# --------------------------------------------------------------------------------------------------
# hooks/search_segment.py: the fix of Material's Chinese query segmentation finds its code
# --------------------------------------------------------------------------------------------------
import pathlib  # noqa: E402

import material  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from hooks.search_segment import MARK, patch  # noqa: E402


def _material_worker() -> str:
    folder = pathlib.Path(material.__file__).parent / "templates/assets/javascripts/workers"
    workers = list(folder.glob("search.*.min.js"))
    assert len(workers) == 1, workers
    return workers[0].read_text(encoding="utf-8")


def test_segment_fix_applies_to_the_installed_material_once() -> None:
    worker = _material_worker()
    patched = patch(worker)
    assert patched.startswith(MARK) and patched[len(MARK):] != worker
    assert patched.count("<=") == worker.count("<=") + 1  # j <= query.length
    assert '.join("* ")' in worker and '.join("* ")' not in patched
    assert patch(patched) == patched  # a dirty rebuild keeps the patched file: left as it is


def test_segment_fix_stops_the_build_when_material_changed() -> None:
    worker = _material_worker().replace('.join("* ")', '.join("*  ")')  # as if upstream changed it
    with pytest.raises(PluginError, match="Material changed"):
        patch(worker)


# --------------------------------------------------------------------------------------------------
# hooks/palette_css.py: Material's palette stylesheet, only the colours the site uses
# --------------------------------------------------------------------------------------------------
import material  # noqa: E402
import yaml  # noqa: E402

from hooks.palette_css import COLOUR, prune_palette, used_colours  # noqa: E402


def test_palette_keeps_the_schemes_and_only_the_configured_colours() -> None:
    sheet = next((pathlib.Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    css = sheet.read_text(encoding="utf-8")
    config = yaml.load((pathlib.Path(__file__).parent.parent / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    used = used_colours(config["theme"]["palette"])
    assert used["accent"] and used["primary"]
    out = prune_palette(css, used)
    assert {value for _, value in COLOUR.findall(out)} == used["accent"] | (used["primary"] & {v for _, v in COLOUR.findall(css)})
    assert out.count("[data-md-color-scheme=slate]") == css.count("[data-md-color-scheme=slate]") - sum(
        1 for s in re.findall(r"[^{},]*\[data-md-color-scheme=slate\][^{},]*", css) if COLOUR.search(s)
    )
    assert len(out) < len(css) / 2


# --------------------------------------------------------------------------------------------------
# hooks/whitespace.py: the templates' indentation out, where the browser collapses it anyway
# --------------------------------------------------------------------------------------------------
from hooks.whitespace import squeeze  # noqa: E402


def test_indentation_before_tags_goes_except_where_white_space_is_kept() -> None:
    kept = "<pre>x\n  <span>y</span>\n\n</pre><textarea>\n  <a></textarea><script>\n  <b></script>"
    html = f"<div>\n    <p>a\n  b <em>c</em></p>\n\n  {kept}  \n <style>\n  <c></style>"
    assert squeeze(html) == f"<div>\n<p>a\n  b <em>c</em></p>\n{kept}\n<style>\n  <c></style>"
    assert squeeze("<b>x</b> <i>y</i>") == "<b>x</b> <i>y</i>"  # a space without a line break stays


def test_code_spans_lose_only_the_quotes_they_do_not_need() -> None:
    code = '<pre><span></span><code><span id="__span-0-1"><span class="n">x</span><span class="a b">y</span></span></code></pre>'
    out = squeeze(f'<p class="n">z</p>{code}')
    assert out == '<p class="n">z</p><pre><span></span><code><span id=__span-0-1><span class=n>x</span><span class="a b">y</span></span></code></pre>'


def test_the_sites_stylesheets_are_served_without_comments_and_mean_the_same() -> None:
    from hooks.whitespace import CSS_COMMENT, css_without_comments

    css = ":root {\n  --a: #fff;   /* white */\n  --b: 1px /* x */ solid;\n}\n/* rule */\na::after { content: \"q\"; }\n"
    assert css_without_comments(css) == ':root {\n--a: #fff;\n--b: 1px  solid;\n}\na::after { content: "q"; }\n'
    root = pathlib.Path(__file__).resolve().parent.parent
    for sheet in sorted((root / "docs" / "assets" / "stylesheets").glob("*.css")):
        source = sheet.read_text(encoding="utf-8")
        # comments found by a regular expression: only if no string of the sheet holds /* or */
        assert not [s for s in re.findall(r"\"[^\"]*\"|'[^']*'", CSS_COMMENT.sub("", source))
                    if "/*" in s or "*/" in s], sheet
        served = css_without_comments(source)
        assert "/*" not in served and len(served) < len(source)
        assert served.split() == " ".join(CSS_COMMENT.sub(" ", source).split()).split(), sheet
