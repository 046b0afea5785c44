"""The executed notebook pages: no stderr or error output was published, the notebook can be
downloaded from its page, the download is the notebook's source, and a number in the prose is one
the notebook printed (the rule of tests/test_docs_integrity.py, checked on the executed page)."""

from __future__ import annotations

import functools
import html.parser
import pathlib

from tests.conftest import ROOT, html_pages, page_id
from tests.test_docs_integrity import PRINTED_NUMBER, PROSE_NUMBER, prose

STDERR = "application/vnd.jupyter.stderr"
MARKDOWN = "text/markdown"  # a rendered markdown cell
PRINTED = {"text/plain", "application/vnd.jupyter.stdout"}  # what a code cell printed or returned


class NotebookOutputs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.is_notebook = False
        self.stderr_outputs = 0
        self.images: list[str] = []
        self.downloads: list[str] = []
        self.prose: list[str] = []  # the text of the markdown cells
        self.printed: list[str] = []  # the text of the plain-text outputs
        self._divs: list[str | None] = []  # the data-mime-type of each open <div>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        self.is_notebook |= "jupyter-wrapper" in classes
        self.stderr_outputs += found.get("data-mime-type") == STDERR
        if tag == "div":
            self._divs.append(found.get("data-mime-type"))
        if tag == "img":  # inlined, or written beside the page by hooks/images.py
            self.images.append(found.get("src") or "")
        if tag == "a" and "download" in found and found.get("href"):
            self.downloads.append(found["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._divs:
            self._divs.pop()

    def handle_data(self, data: str) -> None:
        if MARKDOWN in self._divs:
            self.prose.append(data)
        elif PRINTED.intersection(self._divs):
            self.printed.append(data)


@functools.lru_cache(maxsize=4)  # the four tests share one parse of the site (~4 s each before)
def notebook_pages(site: pathlib.Path) -> dict[pathlib.Path, NotebookOutputs]:
    pages = {}
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        if "jupyter-wrapper" not in text:  # no notebook: not worth parsing
            continue
        parsed = NotebookOutputs()
        parsed.feed(text)
        if parsed.is_notebook:
            pages[page] = parsed
    return pages


def test_every_notebook_was_published(site_dir: pathlib.Path) -> None:
    published = {page_id(site_dir, p) for p in notebook_pages(site_dir)}
    english = [p for p in (ROOT / "docs" / "notebooks").glob("*.py") if not p.name.endswith(".zh.py")]
    sources = {f"{lang}notebooks/{p.stem}/" for p in english for lang in ["", "zh/"]}  # zh: site/zh/
    assert published == sources


def test_notebooks_print_nothing_to_stderr(site_dir: pathlib.Path) -> None:
    noisy = {page_id(site_dir, p): n.stderr_outputs for p, n in notebook_pages(site_dir).items()}
    assert all(count == 0 for count in noisy.values()), f"stderr/error outputs published: {noisy}"


def test_notebooks_show_their_plots(site_dir: pathlib.Path) -> None:
    def shown(page: pathlib.Path, src: str) -> bool:
        return src.startswith("data:image/") or (
            "/" not in src and src.startswith("output-") and (page.parent / src).is_file()
        )

    images = {
        page_id(site_dir, p): sum(shown(p, src) for src in n.images)
        for p, n in notebook_pages(site_dir).items()
    }
    assert all(count > 0 for count in images.values()), images


def test_notebooks_can_be_downloaded_from_their_page(site_dir: pathlib.Path) -> None:
    for page, parsed in notebook_pages(site_dir).items():
        assert len(parsed.downloads) == 1, (page, parsed.downloads)
        download = page.parent / parsed.downloads[0]
        source = ROOT / "docs" / "notebooks" / download.name
        assert download.read_bytes() == source.read_bytes()


def test_numbers_in_notebook_prose_are_printed_by_the_notebook(site_dir: pathlib.Path) -> None:
    unproven = {}
    for page, parsed in notebook_pages(site_dir).items():
        assert parsed.prose and parsed.printed, f"{page}: found no markdown cell or no output"
        printed = set(PRINTED_NUMBER.findall("".join(parsed.printed)))
        written = PROSE_NUMBER.findall(prose(" ".join(parsed.prose)))
        unproven[page_id(site_dir, page)] = [n for n in written if n not in printed]
    assert all(numbers == [] for numbers in unproven.values()), unproven
