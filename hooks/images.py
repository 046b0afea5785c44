"""MkDocs hook: every content image gets width and height, and loads lazily.

With ``width``/``height`` on an ``<img>`` the browser keeps the image's box before the file arrives
(Material's CSS scales it with ``max-width: 100%; height: auto``), so the text under it does not jump
(cumulative layout shift). The size is read from the file the site serves: an SVG's ``viewBox``
(or its width/height; ``pt`` converted to CSS pixels) or a PNG's header, including files generated
during the build (hooks/plots.py's SVGs). Content images also get ``loading="lazy"`` and
``decoding="async"``: most are below the first screen, and a lazy image above it still loads at once.
An image whose size cannot be read is a warning, which fails ``mkdocs build --strict``.

A notebook's plots arrive inlined as base64 ``data:`` URIs (125 KB on the playground page), which
``loading="lazy"`` cannot defer. They are written next to the page as files named by their content
(``output-<hash>.svg``), so that they load, like every other image, when the reader scrolls to them.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import pathlib
import posixpath
import re
import struct
import typing
import urllib.parse

log = logging.getLogger("mkdocs.hooks.images")

IMG = re.compile(r"<img\b[^>]*>")
ATTR = re.compile(r'\b(src|width|height|loading)="([^"]*)"')
SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.DOTALL)
INLINE = re.compile(r'(<img\b[^>]*?\bsrc=")data:image/(svg\+xml|png);base64,([^"]+)(")')
INLINE_MIN = 4096  # smaller inlined images stay inline: not worth a request
PX_PER_UNIT = {"": 1.0, "px": 1.0, "pt": 4 / 3, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _length(value: bytes) -> float | None:
    match = re.fullmatch(rb"\s*([\d.]+)\s*([a-z]*)\s*", value)
    if not match or match.group(2).decode() not in PX_PER_UNIT:
        return None
    return float(match.group(1)) * PX_PER_UNIT[match.group(2).decode()]


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of an SVG or PNG file's bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    root = SVG_ROOT.search(data[:4000])
    if not root:
        return None
    attrs = dict(re.findall(rb'\b(width|height|viewBox)="([^"]*)"', root.group(0)))
    width, height = _length(attrs.get(b"width", b"")), _length(attrs.get(b"height", b""))
    if (width is None or height is None) and b"viewBox" in attrs:
        _, _, vb_w, vb_h = (float(v) for v in attrs[b"viewBox"].replace(b",", b" ").split())
        width, height = vb_w, vb_h
    if not width or not height:
        return None
    return round(width), round(height)


def size_images(html: str, page_url: str, files: typing.Any) -> str:
    """``page_url``: the page's URL in the site (``formula/``), which ``src`` is relative to."""
    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = dict(ATTR.findall(tag))
        src = attrs.get("src", "")
        additions = []
        if not ("width" in attrs and "height" in attrs):
            url = urllib.parse.urlsplit(src)
            if src.startswith("data:") and ";base64," in src:  # an image inlined by a notebook
                size = image_size(base64.b64decode(src.split(";base64,", 1)[1][:4000]))
            elif url.scheme or url.netloc or not url.path:
                log.warning("image %r on %s: give it width and height", src, page_url)
                return tag
            else:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), url.path))
                file = files.get_file_from_path(path)
                size = image_size(file.content_bytes) if file else None
            if size is None:
                log.warning("image %r on %s: cannot read its size", src, page_url)
                return tag
            additions.append(f'width="{size[0]}" height="{size[1]}"')
        if "loading" not in attrs:
            additions.append('loading="lazy" decoding="async"')
        if not additions:
            return tag
        end = "/>" if tag.endswith("/>") else ">"
        return tag[: -len(end)].rstrip() + " " + " ".join(additions) + " " + end

    return IMG.sub(fix, html)


def extract_inline_images(html: str, page_url: str, site_dir: str) -> str:
    """Large base64 ``data:`` images -> files beside the page (``page_url``'s folder in ``site_dir``)."""
    def out(match: re.Match[str]) -> str:
        if len(match.group(3)) < INLINE_MIN:
            return match.group(0)
        data = base64.b64decode(match.group(3))
        name = f"output-{hashlib.sha256(data).hexdigest()[:16]}.{'svg' if match.group(2) == 'svg+xml' else 'png'}"
        folder = pathlib.Path(site_dir, *posixpath.dirname(page_url + "x").split("/"))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        return match.group(1) + name + match.group(4)

    return INLINE.sub(out, html)


def on_page_content(html: str, page: typing.Any, config: typing.Any, files: typing.Any) -> str:
    return extract_inline_images(size_images(html, page.url, files), page.url, config.site_dir)
