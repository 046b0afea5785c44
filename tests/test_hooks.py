"""The build hook that shrinks the JupyterLab stylesheet keeps what a page uses and nothing else."""

from hooks.notebook_css import drop_unused_properties, page_classes, prune

CSS = """
/* a comment { with braces } */
.jupyter-wrapper .jp-Cell { color: var(--jp-ink); }
.jupyter-wrapper .jp-Toolbar, .jupyter-wrapper .jp-Cell:not(.jp-Unused) { margin: 0; }
.jupyter-wrapper :is(.jp-Cell, .jp-Nope), .lm-Menu { padding: 0; }
.jupyter-wrapper .lm-Menu { display: none; }
@media print { .jupyter-wrapper .jp-Cell { color: black; } .jupyter-wrapper .lm-Menu { x: y; } }
@media screen { .jupyter-wrapper .lm-Menu { x: y; } }
@font-face { font-family: "X"; src: url("data:font/woff2;base64,AAAA"); }
.jupyter-wrapper { --jp-ink: var(--jp-black); --jp-black: #000; --jp-unused: url("a;b");
                  --jp-icon: url(data:image/png;base64,AA); }
"""
HTML = '<div class="jupyter-wrapper"><div class="jp-Cell jp-Other">x</div></div>'


def test_prune_keeps_rules_for_classes_on_the_page_only() -> None:
    pruned = prune(CSS, page_classes(HTML))
    assert ".jupyter-wrapper .jp-Cell{color: var(--jp-ink);}" in pruned
    assert ".jupyter-wrapper .jp-Cell:not(.jp-Unused){margin: 0;}" in pruned  # :not() is ignored
    assert ".jupyter-wrapper :is(.jp-Cell, .jp-Nope){padding: 0;}" in pruned  # so is :is()
    assert "jp-Toolbar" not in pruned and "lm-Menu" not in pruned
    assert "@media print{.jupyter-wrapper .jp-Cell{color: black;}}" in pruned
    assert "@media screen" not in pruned  # emptied blocks go
    assert '@font-face{ font-family: "X"; src: url("data:font/woff2;base64,AAAA"); }' in pruned
    assert "comment" not in pruned


def test_page_classes_reads_every_class_attribute_and_no_text() -> None:
    # unquoted: as hooks/katex_compact.py writes a single class, whose built katex.min.css is
    # pruned to the classes of the pages
    html = """<p class="a b"><span class='c'><i class=D>class="e" x.class=f</i></span></p>"""
    assert page_classes(html) == {"a", "b", "c", "D"}


def test_unused_custom_properties_are_dropped_through_chains() -> None:
    kept = drop_unused_properties(prune(CSS, page_classes(HTML)), HTML)
    assert "--jp-ink: var(--jp-black)" in kept and "--jp-black: #000" in kept  # used, and via a var
    assert ".jupyter-wrapper{--jp-ink: var(--jp-black);--jp-black: #000}" in kept  # no --jp-unused


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
    # the display formula can scroll sideways: reachable by keyboard and named plainly, in the
    # page's language (the MathML inside is what a screen reader reads, not the TeX)
    assert 'class="katex-display" tabindex="0" role="group" aria-label="Formula">' in out
    zh = typeset_arithmatex(page, "test.md", "zh")
    assert 'class="katex-display" tabindex="0" role="group" aria-label="公式">' in zh


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
    zh = label_notebook_cells(html, "zh")
    assert 'aria-label="代码单元格 1"' in zh and 'aria-label="代码单元格 2"' in zh


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
# hooks/notebook_cache.py: the executed notebooks are cached per installed environment
# --------------------------------------------------------------------------------------------------
def test_the_notebook_cache_key_changes_with_any_installed_distribution(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hooks.notebook_cache import environment_key

    key = environment_key()
    monkeypatch.syspath_prepend(str(tmp_path))
    assert environment_key() == key
    (tmp_path / "somepackage-1.0.dist-info").mkdir()  # installed
    installed = environment_key()
    (tmp_path / "somepackage-1.0.dist-info").rename(tmp_path / "somepackage-1.1.dist-info")
    assert len({key, installed, environment_key()}) == 3  # and upgraded


import subprocess  # noqa: E402
import sys  # noqa: E402

from tests.conftest import ROOT  # noqa: E402


def test_the_notebook_cache_key_is_the_same_for_python_and_python3() -> None:
    """`mkdocs` runs the venv's python3, `python -m mkdocs` its python: one environment, one key
    (else each deletes the other's executed notebooks and the next build runs them again)."""
    code = "from hooks.notebook_cache import environment_key; print(environment_key())"
    bin_dir = pathlib.Path(sys.executable).parent
    keys = {
        subprocess.run([str(bin_dir / name), "-c", code], cwd=ROOT, capture_output=True,
                       text=True, check=True).stdout
        for name in ("python", "python3")
    }
    assert len(keys) == 1, keys


# --------------------------------------------------------------------------------------------------
# hooks/serve_dirty.py: `make serve` rebuilds only what a save changed, snippets included
# --------------------------------------------------------------------------------------------------
def test_a_dirty_rebuild_redoes_the_pages_of_a_saved_snippet_and_only_those(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two dirty builds of a tiny site, as `mkdocs serve --dirty` runs them; between the two,
    the snippet page a.md includes is saved: a.md is built again, and so are c.md, whose snippet
    is missing (pymdownx.snippets reports it again), and the notebook n.py (or mkdocs-jupyter would
    drop its cached execution); b.md is not."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.chdir(tmp_path)  # make serve runs in the repository's root
    (tmp_path / "docs").mkdir()
    snippet = tmp_path / "x.py"
    snippet.write_text("print('first')\n")
    (tmp_path / "docs" / "a.md").write_text('# A\n\n```python\n--8<-- "x.py"\n```\n')
    (tmp_path / "docs" / "b.md").write_text("# B\n")
    (tmp_path / "docs" / "c.md").write_text('# C\n\n--8<-- "missing.py:1:2"\n')
    (tmp_path / "docs" / "n.py").write_text("# %%\nprint(1)\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['.']\n"
        "  - pymdownx.superfences\nplugins:\n  - mkdocs-jupyter:\n      include: ['*.py']\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'serve_dirty.py'}\n"
    )

    def dirty_build() -> dict[str, str]:
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)
        return {p: (tmp_path / "site" / p / "index.html").read_text() for p in ("a", "b", "c", "n")}

    first = dirty_build()
    assert "first" in first["a"]
    snippet.write_text("print('second')\n")
    past = os.path.getmtime(tmp_path / "site" / "a" / "index.html") + 5
    os.utime(snippet, (past, past))  # saved after the build, whatever the clock's resolution
    built = {p: os.path.getmtime(tmp_path / "site" / p / "index.html") for p in ("b", "c", "n")}
    second = dirty_build()
    assert "second" in second["a"] and "first" not in second["a"]
    assert os.path.getmtime(tmp_path / "site" / "b" / "index.html") == built["b"]  # not rebuilt
    for rebuilt in ("c", "n"):
        assert os.path.getmtime(tmp_path / "site" / rebuilt / "index.html") > built[rebuilt], rebuilt
