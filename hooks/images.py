"""MkDocs hook: every content image gets width and height, loads lazily, and is a file of its own.

With ``width``/``height`` the browser keeps an image's box before the file arrives, so the text
under it does not jump. The size is read from the file the site serves (an SVG's width/height or
viewBox, a PNG's header); one it cannot read is a warning, which fails ``--strict``. A notebook's
large inlined ``data:`` images, which ``loading="lazy"`` cannot defer, are written beside the page.
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
LENGTH = re.compile(rb"\s*([\d.]+)\s*([a-z]*)\s*")
INLINE = re.compile(r'(<img\b[^>]*?\bsrc=")data:image/(svg\+xml|png);base64,([^"]+)(")')
INLINE_MIN = 4096  # smaller inlined images stay inline: not worth a request
PX_PER_UNIT = {b"": 1.0, b"px": 1.0, b"pt": 4 / 3, b"in": 96.0, b"cm": 96 / 2.54, b"mm": 96 / 25.4}


def _length(value: bytes | None) -> float | None:
    match = LENGTH.fullmatch(value or b"")
    return float(match[1]) * PX_PER_UNIT[match[2]] if match and match[2] in PX_PER_UNIT else None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in CSS pixels of an SVG or PNG file's bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return struct.unpack(">II", data[16:24])
    if not (root := SVG_ROOT.search(data[:4000])):
        return None
    attrs = dict(re.findall(rb'\b(width|height|viewBox)="([^"]*)"', root[0]))
    width, height = _length(attrs.get(b"width")), _length(attrs.get(b"height"))
    if (width is None or height is None) and b"viewBox" in attrs:
        width, height = (float(v) for v in attrs[b"viewBox"].replace(b",", b" ").split()[2:])
    return (round(width), round(height)) if width and height else None


def size_images(html: str, page_url: str, files: typing.Any) -> str:
    """``page_url``: the page's URL in the site (``formula/``), which ``src`` is relative to."""
    def fix(match: re.Match[str]) -> str:
        tag, attrs = match[0], dict(ATTR.findall(match[0]))
        src, added = attrs.get("src", ""), ""
        if "width" not in attrs or "height" not in attrs:
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
            added += f' width="{size[0]}" height="{size[1]}"'
        if "loading" not in attrs:
            added += ' loading="lazy" decoding="async"'
        end = "/>" if tag.endswith("/>") else ">"
        return tag[: -len(end)].rstrip() + added + " " + end if added else tag

    return IMG.sub(fix, html)


def extract_inline_images(html: str, page_url: str, site_dir: str) -> str:
    """Large base64 ``data:`` images -> files beside the page (in ``page_url``'s folder)."""
    def out(match: re.Match[str]) -> str:
        if len(match[3]) < INLINE_MIN:
            return match[0]
        data = base64.b64decode(match[3])
        name = f"output-{hashlib.sha256(data).hexdigest()[:16]}"
        name += ".svg" if match[2] == "svg+xml" else ".png"
        folder = pathlib.Path(site_dir, *posixpath.dirname(page_url + "x").split("/"))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        return match[1] + name + match[4]

    return INLINE.sub(out, html)


def on_page_content(html: str, page: typing.Any, config: typing.Any, files: typing.Any) -> str:
    return extract_inline_images(size_images(html, page.url, files), page.url, config.site_dir)
