"""MkDocs hook: draw every plot in snippets/plots/ at build time, into the built site only.

Each ``snippets/plots/<name>.py`` defines ``make_figure()`` returning a matplotlib ``Figure``. The
hook renders it to SVG and adds it to the build as ``assets/plots/<name>.svg``, a generated file
that exists only in the output: nothing is written to docs/ (``mkdocs serve`` would see the new file
and rebuild forever) and no image is committed. Pages link it as ``assets/plots/<name>.svg``
(relative), so ``--strict`` checks the link like any other. A plot script that raises fails the
build.
"""

from __future__ import annotations

import hashlib
import io
import importlib.metadata
import logging
import os
import pathlib
import runpy

import matplotlib

matplotlib.use("Agg")

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


def render_svg(script: pathlib.Path) -> bytes:
    """Run ``script``'s ``make_figure()`` and return the figure as deterministic SVG bytes."""
    figure = runpy.run_path(str(script), run_name="plot")["make_figure"]()
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": script.stem}):  # stable ids, not random ones
        figure.savefig(buffer, format="svg", metadata={"Date": None})  # no timestamp
    return buffer.getvalue()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for script in sorted(PLOTS.glob("*.py")):
        key = hashlib.sha256(script.read_bytes() + VERSIONS.encode()).hexdigest()[:16]
        cached = CACHE / f"{script.stem}-{key}.svg"
        if cached.exists():
            svg = cached.read_bytes()
        else:
            log.debug("drawing %s", script.relative_to(ROOT))
            svg = render_svg(script)
            CACHE.mkdir(parents=True, exist_ok=True)
            for stale in CACHE.glob(f"{script.stem}-*.svg"):
                if stale != cached:
                    stale.unlink(missing_ok=True)
            # Atomically: the English and Chinese builds run at once (tests/build_site.py), and one
            # must never read a half-written file the other is drawing.
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(svg)
            os.replace(partial, cached)
        files.append(File.generated(config, f"{DEST}/{script.stem}.svg", content=svg))
    return files
