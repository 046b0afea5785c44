"""MkDocs hook: the Chinese edition, built from the same docs/ by mkdocs.zh.yml into site/zh/.

The Chinese build serves each ``X.zh.md``, notebook ``X.zh.py`` and drawing ``X.zh.svg`` under the
English file's name, so nav, links and #anchors are written alike in both languages; a page without
a translation is the English one under a note. Both builds give each page ``page.alternates``, its
URL in each language (overrides/sitemap.xml writes them as hreflang links). The English build
excludes the ``*.zh.*`` files (``exclude_docs``), so there this hook changes no page.
"""

from __future__ import annotations

import re
import typing

from mkdocs.structure.files import File, InclusionLevel

SUFFIXES = (".zh.md", ".zh.py", ".zh.svg")
FALLBACK_NOTE = (
    '<div class="admonition note i18n-fallback" lang="zh">'
    '<p class="admonition-title">尚未翻译</p>'
    "<p>本页还没有中文译文，下面是英文原文。代码、输出和公式与中文页面完全相同。"
    '欢迎参与翻译：见<a href="{contributing}#translations">参与贡献</a>。</p>'
    "</div>"
)
# What mkdocs.yml names in English and Material does not translate (lists do not merge under
# INHERIT, so they are renamed here rather than restated in mkdocs.zh.yml).
ZH_NAMES = {"Switch to dark mode": "切换到深色模式", "Switch to light mode": "切换到浅色模式"}
ZH_PERMALINK_TITLE = "本节的永久链接"
NB_HEADING = re.compile(  # a notebook heading (search_trim.py may have marked its ¶ link)
    r'<h([1-6]) id="[^"]*">(.*?)<a ((?:data-search-exclude )?)class="anchor-link" href="#[^"]*">'
)

_roots: dict[str, str] = {}
_translated: set[str] = set()  # the English src_uri of each page or notebook translated
_notebook_ids: dict[str, list[str]] = {}  # zh: src_uri -> the English notebook's heading ids


def is_zh(config: typing.Any) -> bool:
    return str(config.theme["language"]).startswith("zh")


def english_heading_ids(path: str) -> list[str]:
    """The ids nbconvert gives the English notebook's headings (the toc slugs of their text)."""
    import jupytext
    from markdown.extensions.toc import slugify

    return [slugify(match[1], "-") for cell in jupytext.read(path).cells
            if cell.cell_type == "markdown"
            for match in re.finditer(r"^#{1,6}\s+(.*?)\s*$", cell.source, re.MULTILINE)]


def on_config(config: typing.Any) -> None:
    en_root = config.site_url or "/"
    if is_zh(config):
        if not en_root.endswith("/zh/"):
            raise ValueError(f"mkdocs.zh.yml: site_url must end with /zh/, not {en_root!r}")
        en_root = en_root.removesuffix("zh/")
        for option in config.theme.get("palette") or []:
            if (toggle := option.get("toggle") or {}).get("name") in ZH_NAMES:
                toggle["name"] = ZH_NAMES[toggle["name"]]
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = ZH_PERMALINK_TITLE
    _roots.update(en=en_root, zh=en_root + "zh/")


def on_files(files: typing.Any, config: typing.Any) -> typing.Any:
    _translated.clear()
    _notebook_ids.clear()
    _translated.update(file.src_uri.replace(".zh.", ".") for file in files  # the excluded ones too
                       if file.src_uri.endswith(SUFFIXES[:2]))
    if not is_zh(config):
        return files
    for zh in [file for file in files if file.src_uri.endswith(SUFFIXES)]:
        en_uri = zh.src_uri.replace(".zh.", ".")
        if (en := files.get_file_from_path(en_uri)) is None:
            raise ValueError(f"docs/{zh.src_uri} translates docs/{en_uri}, which does not exist")
        files.remove(zh)
        if en_uri.endswith(".py"):
            # The notebook's page reads, executes and offers the Chinese source: on mkdocs-jupyter's
            # NotebookFile and on the File it wraps (abs_src_path is a cached_property of File).
            _notebook_ids[en_uri] = english_heading_ids(en.abs_src_path)
            for target in (en, getattr(en, "file", en)):
                target.abs_src_path, target.edit_uri = zh.abs_src_path, zh.src_uri
            continue
        files.remove(en)
        served = File.generated(config, en_uri, abs_src_path=zh.abs_src_path)
        if en_uri.endswith(".md"):  # a page: its edit button opens X.zh.md
            served.edit_uri, served.inclusion = zh.src_uri, InclusionLevel.INCLUDED
        files.append(served)
    return files


def on_page_content(html: str, page: typing.Any, config: typing.Any, files: typing.Any) -> str:
    uri = page.file.src_uri
    page.alternates = [("en", _roots["en"] + page.url)]
    if uri in _translated:
        page.alternates.append(("zh", _roots["zh"] + page.url))
    if not is_zh(config):
        return html
    if uri in _notebook_ids:  # nbconvert gives Chinese headings no English id: they get the English
        ids = iter(_notebook_ids[uri])

        def english_id(match: re.Match[str]) -> str:
            anchor = next(ids, "")
            return (f'<h{match[1]} id="{anchor}">{match[2]}<a {match[3]}class="anchor-link" '
                    f'href="#{anchor}">')

        html = NB_HEADING.sub(english_id, html)
    if uri not in _translated and uri.endswith((".md", ".py")):
        contributing = files.get_file_from_path("contributing.md")
        link = contributing.url_relative_to(page.file) if contributing else "#"
        return FALLBACK_NOTE.format(contributing=link) + f'<div lang="en">{html}</div>'
    return html


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    """zh notebook: the table of contents and the skip link name the ids nbconvert gave the Chinese
    headings (``_1``...): point them at the English ones, in the same order."""
    if not (ids := _notebook_ids.get(page.file.src_uri)):
        return output

    def flat(items: typing.Iterable[typing.Any]) -> typing.Iterator[str]:
        for item in items:
            yield item.id
            yield from flat(item.children)

    renamed = dict(zip(flat(page.toc), ids))
    return re.sub(r'href="#([^"]*)"', lambda m: f'href="#{renamed.get(m[1], m[1])}"', output)
