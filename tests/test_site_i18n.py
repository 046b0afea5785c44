"""The built Chinese edition (site/zh/, from mkdocs.zh.yml and hooks/i18n.py), read as files.

The browser half (search in Chinese, the language switcher) is tests/browser/test_zh.py.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests import translation_sync as sync
from tests.conftest import ROOT, site_url_path

TRANSLATED = sorted(
    p.relative_to(sync.DOCS).as_posix().removesuffix(sync.SUFFIX) for p in sync.DOCS.rglob("*.zh.md")
)
# English pages with no X.zh.md yet (may be none: the fallback is also proven on a throwaway build)
UNTRANSLATED = sorted(
    p.relative_to(sync.DOCS).as_posix().removesuffix(".md")
    for p in sync.DOCS.rglob("*.md")
    if not p.name.endswith(sync.SUFFIX) and not p.with_name(p.stem + sync.SUFFIX).is_file()
)
NOTEBOOKS = sorted(p.name.removesuffix(sync.NB_SUFFIX) for p in sync.DOCS.glob("notebooks/*.zh.py"))


def page_dir(name: str) -> str:
    """'formula' -> 'formula/', 'index' -> '', 'options/shapes' -> 'options/shapes/'."""
    return "" if name == "index" else name.removesuffix("/index") + "/"


def html(site: pathlib.Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def search_index(site: pathlib.Path) -> dict:
    return json.loads((site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_zh_search_index_is_segmented_into_words(site_dir: pathlib.Path) -> None:
    """Material segments Chinese only when jieba imports; without it the index has no U+200B."""
    index = search_index(site_dir)
    separator = re.compile(index["config"]["separator"])
    assert separator.split("交叉\u200b熵") == ["交叉", "熵"], "the separator must split at U+200B"
    words = {w for doc in index["docs"] for w in separator.split(doc["title"] + " " + doc["text"])}
    # whole words, from the user dictionary (i18n/jieba-words.txt), not split characters
    for word in ["交叉熵", "标签平滑", "数值稳定性", "梯度"]:
        assert word in words, f"{word} is not a word of the zh search index (is jieba installed?)"
    unsegmented = [w for w in words if len(w) > 8 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]
    assert not unsegmented, f"runs of Chinese left whole: {unsegmented[:5]}"


def test_each_language_has_its_html_lang(site_dir: pathlib.Path) -> None:
    assert '<html lang="en"' in html(site_dir, "")
    for name in TRANSLATED:
        assert '<html lang="zh"' in html(site_dir, "zh/" + page_dir(name)), name


def test_untranslated_pages_fall_back_to_english_with_a_note(site_dir: pathlib.Path) -> None:
    """On the real site: every page still without X.zh.md has the note, no translated one has it."""
    for name in UNTRANSLATED:
        page = html(site_dir, "zh/" + page_dir(name))
        assert "尚未翻译" in page and '<div lang="en">' in page, name
    for translated in TRANSLATED:
        assert "尚未翻译" not in html(site_dir, "zh/" + page_dir(translated)), translated


FALLBACK_CONFIG = """\
site_name: fallback
site_url: https://example.org/site/zh/
theme:
  name: material
  language: zh
hooks:
  - {hook}
nav:
  - index.md
  - page.md
  - contributing.md
"""


def test_the_fallback_on_a_throwaway_build(tmp_path: pathlib.Path) -> None:
    """hooks/i18n.py on a tiny docs dir with one untranslated page, whatever docs/ holds today."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nEnglish home.\n", encoding="utf-8")
    (docs / "index.zh.md").write_text("# 首页\n\n中文首页。\n", encoding="utf-8")
    (docs / "page.md").write_text("# Page\n\nOnly in English.\n", encoding="utf-8")
    (docs / "contributing.md").write_text("# Contributing\n\n## Translations\n", encoding="utf-8")
    (docs / "contributing.zh.md").write_text("# 参与贡献\n\n## 翻译 { #translations }\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(FALLBACK_CONFIG.format(hook=ROOT / "hooks" / "i18n.py"), encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(tmp_path / "site")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "site" / "page" / "index.html").read_text(encoding="utf-8")
    assert "尚未翻译" in page and '<div lang="en">' in page and "Only in English." in page
    assert 'href="../contributing/#translations"' in page
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "中文首页。" in home and "尚未翻译" not in home and "English home." not in home


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_translated_notebook_is_served_in_chinese(site_dir: pathlib.Path, name: str) -> None:
    page = html(site_dir, f"zh/notebooks/{name}/")
    assert "尚未翻译" not in page and '<html lang="zh"' in page
    assert re.search(r"<h1[^>]*>[^<]*[\u4e00-\u9fff]", page), "no Chinese title"
    assert f"edit/main/docs/notebooks/{name}.zh.py" in page
    assert 'class="jp-OutputArea' in page, "not executed"
    english = html(site_dir, f"notebooks/{name}/")
    # the headings keep the English ids (the language switcher keeps the #anchor)
    ids = re.findall(r'<h[1-6] id="([^"]*)">', page)
    assert ids == re.findall(r'<h[1-6] id="([^"]*)">', english) and all(ids), ids
    assert "尚未翻译" not in english and f"{name}.zh.py" not in english
    assert not (site_dir / "notebooks" / f"{name}.zh").exists(), "the English build published X.zh.py"


def test_translated_pages_are_chinese_and_edit_their_zh_source(site_dir: pathlib.Path) -> None:
    for name in TRANSLATED:
        page = html(site_dir, "zh/" + page_dir(name))
        assert f"edit/main/docs/{name}.zh.md" in page, name
        assert "assets/stylesheets/zh.css" in page, name
        title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL)
        assert title and re.search(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", "", title.group(1))), (
            f"{name}: no Chinese title"
        )
    assert "zh.css" not in html(site_dir, ""), "the English site loads the Chinese stylesheet"


def test_head_has_hreflang_alternates_at_the_language_roots(site_dir: pathlib.Path) -> None:
    root = site_url_path()
    for rel in ["", "zh/", "formula/", "zh/formula/"]:
        links = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', html(site_dir, rel))
        assert sorted(links) == [(root, "en"), (root + "zh/", "zh")], (rel, links)


def test_sitemaps_link_each_translated_page_to_its_other_language(site_dir: pathlib.Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap in [site_dir / "sitemap.xml", site_dir / "zh" / "sitemap.xml"]:
        urls = ET.parse(sitemap).getroot().findall("s:url", ns)
        alternates = {
            u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
            for u in urls
        }
        en_root = next(iter(alternates)).split(site_url_path())[0] + site_url_path()
        for name in TRANSLATED:
            en, zh = en_root + page_dir(name), en_root + "zh/" + page_dir(name)
            loc = zh if sitemap.parent.name == "zh" else en
            assert alternates[loc] == {"en": en, "zh": zh}, (sitemap, loc, alternates[loc])
        for name in UNTRANSLATED:  # no zh alternate for a page that has no translation
            loc = en_root + ("zh/" if sitemap.parent.name == "zh" else "") + page_dir(name)
            assert alternates[loc] == {}, (sitemap, loc, alternates[loc])


def test_sitemaps_do_not_carry_the_day_of_the_build(site_dir: pathlib.Path) -> None:
    """MkDocs' <lastmod> is the build's date, not the page's: it made every page differ each day
    (every page fetches the sitemap, so no page report could be reused from one day to the next)."""
    for sitemap in [site_dir / "sitemap.xml", site_dir / "zh" / "sitemap.xml"]:
        text = sitemap.read_text(encoding="utf-8")
        assert "<lastmod>" not in text and not re.search(r"\d{4}-\d{2}-\d{2}", text), sitemap


def test_root_404_speaks_both_languages(site_dir: pathlib.Path) -> None:
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and "页面不存在" in page
    assert f'href="{site_url_path()}zh/"' in page and f'href="{site_url_path()}"' in page
