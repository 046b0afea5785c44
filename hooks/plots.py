"""MkDocs hook: draw every plot in snippets/plots/ at build time, into the built site only.

Each ``snippets/plots/<name>.py`` defines ``make_figure(lang="en")``, which the hook saves as
``assets/plots/<name>.svg``, a generated file: nothing is written to docs/ or committed. The Chinese
build keeps the words as SVG text (``svg.fonttype: none``) in the font stack of zh.css, so the
reader's own Chinese font draws them. Drawings are cached in .cache/plots/ (a few seconds a build).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import pathlib
import re
import runpy
import typing
import warnings

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
PLOTS = ROOT / "snippets" / "plots"
CACHE = ROOT / ".cache" / "plots"
VERSIONS = f"matplotlib {matplotlib.__version__}, torch {importlib.metadata.version('torch')}"
# Fonts with Chinese glyphs, as zh.css lists them: the first one installed measures the words
# (else matplotlib's Latin font does, and the layout is approximate).
CJK_FONTS = ["PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
             "Source Han Sans SC", "WenQuanYi Micro Hei"]
LATIN_FONT = "DejaVu Sans"  # matplotlib's own, the English figures' font
# What a Chinese figure asks the reader's browser for: the Latin font it was measured with, then
# the system fonts of zh.css (Latin first, then Chinese).
READER_FONTS = ", ".join([repr(LATIN_FONT), "-apple-system", "BlinkMacSystemFont", "'Segoe UI'",
                          *map(repr, CJK_FONTS), "sans-serif"])


def measuring_fonts() -> list[str]:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [LATIN_FONT] + [name for name in CJK_FONTS if name in installed][:1]


def render_svg(script: pathlib.Path, lang: str = "en") -> bytes:
    """``script``'s ``make_figure(lang)`` as SVG bytes, the same each time."""
    rc = {"svg.hashsalt": script.stem}  # stable ids, not random ones
    if lang != "en":  # the fonts are read when the text is made: the figure is made inside
        rc.update({"svg.fonttype": "none", "font.family": measuring_fonts()})
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        if lang != "en":
            warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font")  # no CJK font
        figure = runpy.run_path(str(script), run_name="plot")["make_figure"](lang)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # no timestamp
    if lang == "en":
        return buffer.getvalue()
    family = "font-family: " + ", ".join(map(repr, rc["font.family"]))
    return re.sub(re.escape(family) + r"(?=[;\"])", "font-family: " + READER_FONTS,
                  buffer.getvalue().decode()).encode()


def on_files(files: typing.Any, config: typing.Any) -> typing.Any:
    lang = "zh" if str(config.theme["language"]).startswith("zh") else "en"
    versions = VERSIONS if lang == "en" else f"{VERSIONS}, {lang}, {measuring_fonts()}"
    for script in sorted(PLOTS.glob("*.py")):
        key = hashlib.sha256(script.read_bytes() + versions.encode()).hexdigest()[:16]
        name = script.stem if lang == "en" else f"{script.stem}.{lang}"
        cached = CACHE / f"{name}-{key}.svg"
        if cached.exists():
            svg = cached.read_bytes()
        else:
            svg = render_svg(script, lang)
            CACHE.mkdir(parents=True, exist_ok=True)
            for stale in CACHE.glob(f"{name}-*.svg"):
                stale.unlink(missing_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")  # the two builds run at once:
            partial.write_bytes(svg)  # neither reads a file the other is writing
            os.replace(partial, cached)
        files.append(File.generated(config, f"assets/plots/{script.stem}.svg", content=svg))
    return files
