"""The built Chinese edition (site/zh/, from mkdocs.zh.yml and hooks/i18n.py), read as files.

The browser half (search in Chinese, the language switcher) is tests/test_browser_zh.py.
"""

from __future__ import annotations

import json
import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

from tests import translation_sync as sync
from tests.conftest import site_url_path

TRANSLATED = sorted(
    p.relative_to(sync.DOCS).as_posix().removesuffix(sync.SUFFIX) for p in sync.DOCS.rglob("*.zh.md")
)


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


@pytest.mark.parametrize("name", ["formula"])
def test_an_untranslated_page_falls_back_to_english_with_a_note(
    site_dir: pathlib.Path, name: str
) -> None:
    if name in TRANSLATED:
        pytest.fail(f"{name} is translated now: pick an untranslated page for this test")
    page = html(site_dir, "zh/" + page_dir(name))
    assert "尚未翻译" in page and '<div lang="en">' in page
    for translated in TRANSLATED:
        assert "尚未翻译" not in html(site_dir, "zh/" + page_dir(translated)), translated


def test_translated_pages_are_chinese_and_edit_their_zh_source(site_dir: pathlib.Path) -> None:
    for name in TRANSLATED:
        page = html(site_dir, "zh/" + page_dir(name))
        assert f"edit/main/docs/{name}.zh.md" in page, name
        assert "assets/stylesheets/zh.css" in page, name
        assert re.search(r"<h1[^>]*>[^<]*[\u4e00-\u9fff]", page), f"{name}: no Chinese title"
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
        assert alternates[en_root + ("zh/" if sitemap.parent.name == "zh" else "") + "formula/"] == {}


def test_root_404_speaks_both_languages(site_dir: pathlib.Path) -> None:
    page = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page and "页面不存在" in page
    assert f'href="{site_url_path()}zh/"' in page and f'href="{site_url_path()}"' in page
