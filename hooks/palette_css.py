"""MkDocs hook: Material's palette stylesheet keeps only the colours this site's palettes use.

``palette.*.min.css`` (12 KB, loaded by every page) defines every primary and accent colour Material
offers, for ``[data-md-color-primary=red]``, ``[data-md-color-accent=teal]`` and so on. Only the
values in ``theme.palette`` (mkdocs.yml) are ever set on the page: Material's scheme toggle switches
between those palettes only. Rules whose every selector names another colour are dropped from the
built copy; the colour schemes (``data-md-color-scheme``) and everything else stay.
"""

from __future__ import annotations

import pathlib
import re
import typing

try:  # as mkdocs loads a hook: with its folder on sys.path (the repository root need not be)
    from notebook_css import prune_rules
except ModuleNotFoundError:  # imported as hooks.palette_css, from the root (the tests)
    from hooks.notebook_css import prune_rules

COLOUR = re.compile(r"\[data-md-color-(primary|accent)=[\"']?([\w-]+)[\"']?\]")


def used_colours(palettes: typing.Any) -> dict[str, set[str]]:
    palettes = palettes if isinstance(palettes, list) else [palettes or {}]
    return {
        kind: {str(p.get(kind, "")).replace(" ", "-").lower() for p in palettes if p.get(kind)}
        for kind in ("primary", "accent")
    }


def prune_palette(css: str, used: dict[str, set[str]]) -> str:
    return prune_rules(
        css,
        lambda s: all(value in used[kind] for kind, value in COLOUR.findall(s)),
        sep="",
        strip=False,
    )


def on_post_build(config: typing.Any) -> None:
    used = used_colours(config.theme.get("palette"))
    for sheet in pathlib.Path(config.site_dir).glob("assets/stylesheets/palette.*.min.css"):
        sheet.write_text(prune_palette(sheet.read_text(encoding="utf-8"), used), encoding="utf-8")
