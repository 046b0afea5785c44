"""Offline checks of the built site's HTML: internal links and anchors resolve, and every page has
what search engines and link previews read (title, description, Open Graph and Twitter tags)."""

from __future__ import annotations

import html.parser
import pathlib
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, html_pages, page_id, site_url_path


LYCHEE = pathlib.Path(sys.executable).parent / "lychee"


def lychee(site: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """lychee on every HTML file, offline; links absolute from site_url's path map into the site."""
    prefix = site_url_path().rstrip("/")
    return subprocess.run(
        [
            str(LYCHEE), "--offline", "--no-progress", "--include-fragments",
            "--index-files", "index.html", "--root-dir", str(site),
            "--remap", f"^file://{re.escape(str(site))}{re.escape(prefix)}(/|$) file://{site}/",
            f"{site}/**/*.html",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_internal_links_and_anchors_resolve(site_dir: pathlib.Path) -> None:
    checked = lychee(site_dir)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_link_check_fails_on_a_missing_page_and_a_missing_anchor(tmp_path: pathlib.Path) -> None:
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="other/#nowhere">anchor</a> <a href="gone/">page</a>'
        ' <a href="other/#here">fine</a>'
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "index.html").write_text('<h1 id="here">Other</h1>')
    checked = lychee(tmp_path)
    assert checked.returncode != 0
    report = checked.stdout + checked.stderr
    assert "nowhere" in report and "gone" in report and "#here" not in report, report


class HeadTags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (found.get("name") or found.get("property")):
            self.meta[found.get("name") or found.get("property") or ""] = found.get("content") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def site_description() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^site_description: >-\n((?:  .*\n)+)", text, re.MULTILINE)
    return " ".join(block.group(1).split()) if block else ""


def test_every_page_has_its_own_title_and_description(site_dir: pathlib.Path) -> None:
    default = site_description()
    problems = []
    for page in html_pages(site_dir):
        tags = HeadTags()
        tags.feed(page.read_text(encoding="utf-8"))
        name = page_id(site_dir, page) or "(home)"
        for key in ["description", "og:title", "og:description", "twitter:card"]:
            if not tags.meta.get(key):
                problems.append(f"{name}: no <meta {key}>")
        if not tags.title.strip():
            problems.append(f"{name}: no <title>")
        if name != "404.html":
            if not tags.meta.get("og:url", "").endswith(site_url_path() + page_id(site_dir, page)):
                problems.append(f"{name}: og:url {tags.meta.get('og:url')!r}")
            if tags.meta.get("description") == default:
                problems.append(f"{name}: no `description:` of its own (front matter)")
    assert not problems, "\n".join(problems)
