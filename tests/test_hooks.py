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
    assert 'class="katex-display" tabindex="0" role="region" aria-label="Formula: \\ell = -\\log p_y"' in out


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
