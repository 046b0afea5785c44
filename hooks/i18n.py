"""MkDocs hook: the Chinese edition, built from the same docs/ by ``mkdocs.zh.yml`` into ``site/zh/``.

Chinese build (``theme.language: zh``):
- each ``docs/X.zh.md`` is served under ``X.md``'s name, so the nav, relative links and ``#anchors``
  are written the same in both languages, and the edit button opens ``X.zh.md``;
- each jupytext notebook ``docs/notebooks/X.zh.py`` is served under ``X.py``'s name: mkdocs-jupyter
  executes and renders it in place of the English one (a second execution: its cache key is the
  Chinese source), and its download button offers ``X.zh.py``;
- each image ``docs/.../X.zh.svg`` (the Chinese drawing of ``X.svg``) is served under ``X.svg``'s
  name, so a page links the same image path in both languages;
- a page with no ``X.zh.md`` (a notebook with no ``X.zh.py``) falls back to the English page, marked
  ``lang="en"``, under a note saying it is not translated yet.
Both builds: every page gets ``page.alternates``, the (hreflang, URL) of the page in each language,
which ``overrides/sitemap.xml`` writes as ``xhtml:link`` elements.

The English build excludes ``*.zh.md``, ``*.zh.py`` and ``*.zh.svg`` (``exclude_docs`` in mkdocs.yml), so there it
changes no page.
"""

from __future__ import annotations

import logging
import pathlib
import re
import typing

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.i18n")

try:  # Material's search segments Chinese with jieba, which logs its dictionary loading to stderr
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # tests/test_site_i18n.py fails on an unsegmented Chinese index
    pass

SUFFIX = ".zh.md"
NB_SUFFIX = ".zh.py"  # a translated jupytext notebook
IMAGE_SUFFIX = ".zh.svg"  # a drawing with Chinese words
FALLBACK_NOTE = (
    '<div class="admonition note i18n-fallback" lang="zh">'
    '<p class="admonition-title">尚未翻译</p>'
    "<p>本页还没有中文译文，下面是英文原文。代码、输出和公式与中文页面完全相同。"
    '欢迎参与翻译：见<a href="{contributing}#translations">参与贡献</a>。</p>'
    "</div>"
)

# Names that mkdocs.yml gives in English and Material does not translate: the colour scheme toggles
# (theme.palette) and the headings' permalinks (toc's permalink_title). Lists do not merge under
# INHERIT, so the zh build renames them here instead of restating both lists in mkdocs.zh.yml.
ZH_NAMES = {"Switch to dark mode": "切换到深色模式", "Switch to light mode": "切换到浅色模式"}
ZH_PERMALINK_TITLE = "本节的永久链接"

_roots: dict[str, str] = {}
_translated: set[str] = set()  # src_uri of the English pages that have an X.zh.md
_notebook_ids: dict[str, list[str]] = {}  # zh build: src_uri -> the English notebook's heading ids
NB_HEADING = re.compile(  # (search_trim.py marks the link: left out of the search index)
    r'<h([1-6]) id="[^"]*">(.*?)<a ((?:data-search-exclude )?)class="anchor-link" href="#[^"]*">'
)


def english_heading_ids(path: pathlib.Path) -> list[str]:
    """The ids nbconvert gives the English notebook's headings (the toc slug of their text)."""
    import jupytext
    from markdown.extensions.toc import slugify

    notebook = jupytext.read(path)
    return [
        slugify(match.group(1), "-")
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for match in re.finditer(r"^#{1,6}\s+(.*?)\s*$", cell.source, re.MULTILINE)
    ]


def is_zh(config: MkDocsConfig) -> bool:
    return str(config.theme["language"]).startswith("zh")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_url = config.site_url or "/"
    if is_zh(config):
        if not site_url.endswith("/zh/"):
            raise ValueError(f"mkdocs.zh.yml: site_url must end with /zh/, not {site_url!r}")
        en_root = site_url.removesuffix("zh/")
        for option in config.theme.get("palette") or []:
            toggle = option.get("toggle") if isinstance(option, dict) else None
            if toggle and toggle.get("name") in ZH_NAMES:
                toggle["name"] = ZH_NAMES[toggle["name"]]
        if "toc" in config.mdx_configs or "toc" in config.markdown_extensions:
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = ZH_PERMALINK_TITLE
    else:
        en_root = site_url
    _roots.update(en=en_root, zh=en_root + "zh/")
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    _translated.clear()
    _notebook_ids.clear()
    docs = pathlib.Path(config.docs_dir)
    for zh_suffix in (SUFFIX, NB_SUFFIX):  # X.zh.md -> X.md, X.zh.py -> X.py
        _translated.update(p.relative_to(docs).as_posix().removesuffix(zh_suffix)
                           + zh_suffix.removeprefix(".zh") for p in docs.rglob("*" + zh_suffix))
    if not is_zh(config):
        return files
    for zh in [f for f in files if f.src_uri.endswith((SUFFIX, NB_SUFFIX, IMAGE_SUFFIX))]:
        kind = next(s for s in (SUFFIX, NB_SUFFIX, IMAGE_SUFFIX) if zh.src_uri.endswith(s))
        en_uri = zh.src_uri.removesuffix(kind) + kind.removeprefix(".zh")
        en = files.get_file_from_path(en_uri)
        if en is None:
            raise ValueError(f"docs/{zh.src_uri} translates docs/{en_uri}, which does not exist")
        files.remove(zh)
        if kind == NB_SUFFIX:
            # The English notebook's page now reads, executes and offers the Chinese source. It is
            # mkdocs-jupyter's NotebookFile when that plugin ran first: a File subclass that wraps
            # the File, so abs_src_path (a cached_property of File) is set on the wrapper and on
            # the wrapped.
            _notebook_ids[en_uri] = english_heading_ids(pathlib.Path(en.abs_src_path))
            wrapped = getattr(en, "file", en)
            for target in {id(en): en, id(wrapped): wrapped}.values():
                target.abs_src_path = zh.abs_src_path
                target.edit_uri = zh.src_uri
            continue
        files.remove(en)
        served = File.generated(config, en_uri, abs_src_path=zh.abs_src_path)
        if kind == SUFFIX:  # a page: its edit button opens X.zh.md
            served.edit_uri = zh.src_uri
            served.inclusion = InclusionLevel.INCLUDED
        files.append(served)
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri = page.file.src_uri
    page.alternates = [  # type: ignore[attr-defined]
        ("en", _roots["en"] + page.url),
        *([("zh", _roots["zh"] + page.url)] if uri in _translated else []),
    ]
    if is_zh(config) and uri in _notebook_ids:  # Chinese headings get no id from nbconvert
        ids = iter(_notebook_ids[uri])

        def english_id(match: re.Match[str]) -> str:
            anchor = next(ids, "")
            return f'<h{match[1]} id="{anchor}">{match[2]}<a {match[3]}class="anchor-link" href="#{anchor}">'

        html = NB_HEADING.sub(english_id, html)
    if is_zh(config) and uri not in _translated and uri.endswith((".md", ".py")):
        contributing = files.get_file_from_path("contributing.md")
        link = contributing.url_relative_to(page.file) if contributing else "#"
        return FALLBACK_NOTE.format(contributing=link) + f'<div lang="en">{html}</div>'
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """zh notebook: the table of contents and the skip link still name the ids nbconvert gave the
    Chinese headings (``_1``, ...), which on_page_content replaced by the English ones: point them
    at the English ids, in the same order (a skip link to a missing id fails axe-core's region rule)."""
    uri = page.file.src_uri
    if not (is_zh(config) and uri in _notebook_ids):
        return output

    def flat(items: typing.Iterable[typing.Any]) -> typing.Iterator[str]:
        for item in items:
            yield item.id
            yield from flat(item.children)

    renamed = {old: new for old, new in zip(flat(page.toc), _notebook_ids[uri]) if old != new}
    if not renamed:
        return output
    return re.sub(
        r'href="#([^"]*)"',
        lambda m: f'href="#{renamed.get(m[1], m[1])}"',
        output,
    )
