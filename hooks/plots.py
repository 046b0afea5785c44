"""MkDocs hook: draw every plot in snippets/plots/ at build time, into the built site only.

Each ``snippets/plots/<name>.py`` defines ``make_figure()`` returning a matplotlib ``Figure``. The
hook renders it to SVG and adds it to the build as ``assets/plots/<name>.svg``, a generated file
that exists only in the output: nothing is written to docs/ (``mkdocs serve`` would see the new file
and rebuild forever) and no image is committed. Pages link it as ``assets/plots/<name>.svg``
(relative), so ``--strict`` checks the link like any other. A plot script that raises fails the
build.

Each script also has ``LABELS``, the figure's words per language, and ``make_figure(lang)`` picks
them: the English build draws ``make_figure()`` as always (its glyphs as paths); the Chinese build
(``theme.language: zh``) draws ``make_figure("zh")`` with ``svg.fonttype = "none"``, so every word
stays SVG text in the font stack of ``assets/stylesheets/zh.css``: the reader's own Chinese font
draws it, and nothing is embedded or fetched. Matplotlib measures the words for the layout with a
Chinese font when the build machine has one (else the Latin one, and the layout is approximate).
"""

from __future__ import annotations

import hashlib
import io
import importlib.metadata
import logging
import os
import pathlib
import re
import runpy
import warnings

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

log = logging.getLogger("mkdocs.hooks.plots")
ROOT = pathlib.Path(__file__).resolve().parent.parent
PLOTS = ROOT / "snippets" / "plots"
DEST = "assets/plots"

# mkdocs serve re-imports hooks on every rebuild, so drawn SVGs are kept on disk (git-ignored, not
# watched), keyed by the script's bytes and the library versions: editing a page redraws nothing.
CACHE = ROOT / ".cache" / "plots"
VERSIONS = f"matplotlib {matplotlib.__version__}, torch {importlib.metadata.version('torch')}"


# Fonts with Chinese glyphs, as zh.css lists them: the first one installed measures the Chinese words.
CJK_FONTS = [
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]
LATIN_FONT = "DejaVu Sans"  # matplotlib's own, the English figures' font
# What a Chinese figure's text asks the reader's browser for: the Latin font it was measured with
# where the reader has it, then the system fonts of zh.css (Latin first, then Chinese).
READER_FONTS = ", ".join(
    [repr(LATIN_FONT), "-apple-system", "BlinkMacSystemFont", "'Segoe UI'"]
    + [repr(name) for name in CJK_FONTS]
    + ["sans-serif"]
)


def measuring_fonts() -> list[str]:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [LATIN_FONT] + [name for name in CJK_FONTS if name in installed][:1]


def render_svg(script: pathlib.Path, lang: str = "en") -> bytes:
    """Run ``script``'s ``make_figure()`` (``make_figure(lang)`` for another language than English)
    and return the figure as deterministic SVG bytes."""
    if lang == "en":
        figure = runpy.run_path(str(script), run_name="plot")["make_figure"]()
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.hashsalt": script.stem}):  # stable ids, not random ones
            figure.savefig(buffer, format="svg", metadata={"Date": None})  # no timestamp
        return buffer.getvalue()
    fonts = measuring_fonts()
    rc = {"svg.hashsalt": script.stem, "svg.fonttype": "none", "font.family": fonts}
    # The fonts are read when the text is made, not when it is drawn: the figure is made inside.
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font")  # no Chinese font here
        figure = runpy.run_path(str(script), run_name="plot")["make_figure"](lang)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue().decode()
    family = "font-family: " + ", ".join(repr(name) for name in fonts)
    return re.sub(re.escape(family) + r"(?=[;\"])", "font-family: " + READER_FONTS, svg).encode()


def language(config: MkDocsConfig) -> str:
    return "zh" if str(config.theme["language"]).startswith("zh") else "en"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = language(config)
    for script in sorted(PLOTS.glob("*.py")):
        versions = VERSIONS if lang == "en" else f"{VERSIONS}, {lang}, {measuring_fonts()}"
        key = hashlib.sha256(script.read_bytes() + versions.encode()).hexdigest()[:16]
        name = script.stem if lang == "en" else f"{script.stem}.{lang}"
        cached = CACHE / f"{name}-{key}.svg"
        if cached.exists():
            svg = cached.read_bytes()
        else:
            log.debug("drawing %s (%s)", script.relative_to(ROOT), lang)
            svg = render_svg(script, lang)
            CACHE.mkdir(parents=True, exist_ok=True)
            for stale in CACHE.glob(f"{name}-*.svg"):
                if stale != cached:
                    stale.unlink(missing_ok=True)
            # Atomically: the English and Chinese builds run at once (tests/build_site.py), and one
            # must never read a half-written file the other is drawing.
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(svg)
            os.replace(partial, cached)
        files.append(File.generated(config, f"{DEST}/{script.stem}.svg", content=svg))
    return files
