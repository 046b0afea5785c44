"""The KaTeX fonts of a built site cut down to the characters its math draws (hooks/font_preload.py).

KaTeX's fonts hold every glyph TeX might ask of them: KaTeX_Main-Regular, 283 characters in 26 KB,
of which a page of this site draws a few dozen. A formula-heavy page loads six of them (~107 KB, a
sixth of its weight). hooks/font_preload.py reads, on every page of a build, which characters the
typeset math draws with which font file (KaTeX's HTML and its MathML copy; also math that a first
visit does not show: a closed ``<details>``, a second tab); at the end of the build each of those
files in the built site is replaced by a subset of it that keeps those glyphs (and the spaces).
A file is shared by every page of one build, so its subset has what all of them draw; the English
and the Chinese builds (separate processes, each into its own site) each cut their own copy.
Files no math uses are left whole (nothing loads them).

Nothing else changes: the glyphs kept are KaTeX's own, with their outlines, advance widths and
TrueType hinting; the font-wide tables (metrics, ``OS/2``, ``hhea``, ``gasp``) are kept, and the
fonts have no kerning or OpenType layout tables. A character the page draws that KaTeX's font
lacks is still missing from the subset, so the browser falls back as before. The output is a
function of the source font and the characters (fontTools writes no timestamp: ``head.modified``
is copied), and is cached in ``.cache/katex-fonts/`` (git-ignored): subsetting a build's ten fonts
takes ~2 s, reading them from the cache ~0.01 s. The auto-hinter's reference glyphs (below) are
kept too. tests/test_katex_fonts.py checks the built fonts against the built pages.
"""

from __future__ import annotations

import hashlib
import io
import os
import pathlib
import posixpath

import fontTools
from fontTools import subset

ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "katex-fonts"
KEEP_PER_FONT = 6  # cached subsets kept per source font (two languages, a few recent edits each)
ALWAYS = " \u00a0"  # spaces: drawn in the font's width even where no text node shows them
# FreeType's auto-hinter (Chromium on Linux hints web fonts with it) measures each script's blue
# zones (x-height, cap height, overshoots...) and standard stem width on the font's own glyphs for
# these characters (FreeType's afblue.dat and afscript.h), and checks that the digits share one
# width. A subset without them is hinted differently: off by a pixel here and there (measured: 87
# and 192 pixels on training/gradient and decisions/focal-loss with only the Latin ones kept). So
# they stay: Latin's always (also the style of symbols no script claims), Greek's or Cyrillic's when
# the subset has a letter of that script.
AUTOHINT_LATIN = "THEZOCQS" "HEZLOCUS" "fijkdbh" "uvxzoesc" "nrxzoesc" "pqgjy" "oO0" "0123456789"
AUTOHINT_SCRIPTS = [
    (((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
     "ΓΒΕΖΘΟΩ" "ΒΔΖΞΘΟ" "βθδζλξ" "αειοπστω" "βγημρφχψ" "οΟ"),
    (((0x0400, 0x052F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
     "БВЕПЗОСЭ" "БВЕШЗОСЭ" "хпншезос" "руф" "оО"),
]


def autohint_chars(chars: str) -> str:
    """The characters whose glyphs FreeType's auto-hinter reads for a font that draws ``chars``."""
    out = AUTOHINT_LATIN
    for ranges, reference in AUTOHINT_SCRIPTS:
        if any(lo <= ord(c) <= hi for c in chars for lo, hi in ranges):
            out += reference
    return out


def _options() -> subset.Options:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # none in KaTeX's fonts today; keep whatever a new one brings
    options.legacy_kern = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = True
    return options


VERSION = f"fontTools {fontTools.version}; {sorted(vars(_options()).items())!r}"


def subset_text(chars: str) -> str:
    """What a subset for ``chars`` keeps: those, the spaces and the auto-hinter's (sorted, once each)."""
    return "".join(sorted(set(chars) | set(ALWAYS) | set(autohint_chars(chars))))


def subset_font(font: bytes, chars: str) -> bytes:
    """The woff2 ``font`` with only the glyphs of ``chars`` (and the spaces); same input, same bytes."""
    text = subset_text(chars)
    options = _options()
    loaded = subset.load_font(io.BytesIO(font), options, dontLoadGlyphNames=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(loaded)
    out = io.BytesIO()
    subset.save_font(loaded, out, options)
    return out.getvalue()


def cached_subset(name: str, font: bytes, chars: str) -> bytes:
    """``subset_font``, from ``.cache/katex-fonts/`` when the same font and characters were cut before."""
    text = subset_text(chars)  # the key: what the subset keeps, not how it was asked for
    key = hashlib.sha256(
        b"\0".join([VERSION.encode(), hashlib.sha256(font).digest(), text.encode()])
    ).hexdigest()[:20]
    stem = name.removesuffix(".woff2")
    cached = CACHE / f"{stem}-{key}.woff2"
    try:
        data = cached.read_bytes()
        os.utime(cached)  # recently used: kept by the clean-up below
        return data
    except FileNotFoundError:
        pass
    data = subset_font(font, text)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, cached)  # the two languages build at once: never a half-written file
    entries = []
    for entry in CACHE.glob(f"{stem}-*.woff2"):
        try:
            entries.append((entry.stat().st_mtime, entry))
        except FileNotFoundError:
            pass
    for _, stale in sorted(entries, reverse=True)[KEEP_PER_FONT:]:
        stale.unlink(missing_ok=True)
    return data


def subset_site_fonts(
    source: pathlib.Path, target: pathlib.Path, chars: dict[str, set[str]]
) -> dict[str, tuple[int, int]]:
    """Write each font ``target / file`` in ``chars`` as the subset of ``source / file`` (KaTeX's
    whole font, not what an earlier build left in the site); returns {file: (bytes before, after)}."""
    sizes = {}
    for file, used in sorted(chars.items()):
        font = (source / file).read_bytes()
        data = cached_subset(posixpath.basename(file), font, "".join(used))
        (target / file).write_bytes(data)
        sizes[file] = (len(font), len(data))
    return sizes
