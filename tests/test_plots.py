"""Every plot in snippets/plots/ draws: a broken plot fails here, not only in the site build."""

from __future__ import annotations

import importlib.util
import pathlib
import re
import runpy
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT


PLOTS = sorted((ROOT / "snippets" / "plots").glob("*.py"))


def load_hook():
    spec = importlib.util.spec_from_file_location("site_plots_hook", ROOT / "hooks" / "plots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_and_drawn(site: pathlib.Path, script: pathlib.Path, lang: str) -> bytes:
    """The figure the build published (maybe from hooks/plots.py's cache), after checking that
    drawing it again here gives the same bytes: the drawing is deterministic and the cache fresh."""
    edition = site / "zh" if lang == "zh" else site
    built = (edition / f"assets/plots/{script.stem}.svg").read_bytes()
    assert load_hook().render_svg(script, lang) == built, f"{script.stem} ({lang}) drew other bytes"
    return built


@pytest.mark.parametrize("script", PLOTS, ids=[p.stem for p in PLOTS])
def test_plot_renders_to_a_deterministic_svg(script: pathlib.Path, site_dir: pathlib.Path) -> None:
    svg = built_and_drawn(site_dir, script, "en")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(svg) > 5000 and b"<dc:date>" not in svg  # drawn, and no timestamp in it


def test_plot_scripts_run_as_copied_and_only_save_their_svg(tmp_path: pathlib.Path) -> None:
    """`python snippets/plots/x.py` prints nothing and writes x.svg into the cwd, nothing else."""
    runner = (
        "import os, runpy, sys\n"
        "for script in sys.argv[1:]:\n"
        "    sys.argv = [script]\n"
        "    runpy.run_path(script, run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", runner, *map(str, PLOTS)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and done.stdout == "" and done.stderr == "", done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p.stem}.svg" for p in PLOTS)


# --------------------------------------------------------------------------------------------------
# The Chinese figures: the same plots, their words from the zh half of each script's LABELS, kept as
# SVG text for the reader's own Chinese font (hooks/plots.py); the English ones keep theirs as paths
# --------------------------------------------------------------------------------------------------
CJK = re.compile("[\u4e00-\u9fff]")
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


def words(script: pathlib.Path, lang: str) -> list[str]:
    """The literal pieces of the script's labels in ``lang`` (a format field or a line break splits
    them; a label with mathtext is drawn glyph by glyph, so it is left out)."""
    labels = runpy.run_path(str(script), run_name="plot")["LABELS"][lang]
    return [
        piece.strip()
        for label in labels.values()
        if "$" not in label
        for piece in re.split(r"\{[^}]*\}|\n", label)
        if piece.strip()
    ]


def svg_texts(svg: bytes) -> str:
    """Every <text> of the SVG (text drawn as text, not as glyph paths), one a line."""
    return "\n".join("".join(t.itertext()) for t in ET.fromstring(svg).iter(SVG_TEXT))


@pytest.mark.parametrize("script", PLOTS, ids=[p.stem for p in PLOTS])
def test_zh_plot_draws_its_chinese_words_as_text(
    script: pathlib.Path, site_dir: pathlib.Path
) -> None:
    zh = built_and_drawn(site_dir, script, "zh")
    texts = svg_texts(zh)
    chinese = [w for w in words(script, "zh") if CJK.search(w)]
    assert chinese, "LABELS['zh'] has no Chinese word"
    for word in chinese:
        assert word in texts, (word, texts)
    english = [w for w in words(script, "en") if w not in words(script, "zh") and re.search("[a-z]{4}", w)]
    assert not any(w in texts for w in english), [w for w in english if w in texts]
    # the reader's fonts draw it: the Chinese system fonts named, none embedded or fetched
    assert "PingFang SC" in zh.decode() and "Noto Sans CJK SC" in zh.decode()
    assert b"@font-face" not in zh and b"url(" not in zh.replace(b"url(#", b"")


@pytest.mark.parametrize("script", PLOTS, ids=[p.stem for p in PLOTS])
def test_en_plot_has_no_chinese_and_draws_its_words_as_paths(
    script: pathlib.Path, site_dir: pathlib.Path
) -> None:
    en = (site_dir / f"assets/plots/{script.stem}.svg").read_bytes()  # drawn again just above
    assert not CJK.search(en.decode())
    assert not svg_texts(en)  # glyph paths, as before the Chinese figures existed
    for word in words(script, "en"):  # matplotlib notes each text in a comment beside its paths
        assert f"<!-- {word}" in en.decode() or word in en.decode(), word


def test_built_figures_are_in_the_language_of_their_edition(site_dir: pathlib.Path) -> None:
    """The plots and the pipeline diagram (docs/assets/images/X.zh.svg, served as X.svg by
    hooks/i18n.py) in both builds: the zh ones with Chinese words, the English ones without."""
    figures = [f"assets/plots/{p.stem}.svg" for p in PLOTS] + ["assets/images/cross_entropy_pipeline.svg"]
    for figure in figures:
        en = (site_dir / figure).read_text(encoding="utf-8")
        zh = (site_dir / "zh" / figure).read_text(encoding="utf-8")
        assert not CJK.search(en), figure
        assert CJK.search(zh), figure
    assert not list(site_dir.glob("assets/images/*.zh.svg")), "the English build copies the zh drawing"
    assert not list((site_dir / "zh").glob("assets/images/*.zh.svg"))
    pipeline = (site_dir / "zh" / "assets/images/cross_entropy_pipeline.svg").read_text(encoding="utf-8")
    assert "5. 归约整个批量" in pipeline and "reduce the batch" not in pipeline
