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
