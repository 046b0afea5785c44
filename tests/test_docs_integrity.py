"""The rules that keep the output check honest: nothing escapes it silently.

- every Python fence on every page is collected as a test (a line scanner that knows nothing of
  CommonMark must find the same fences as the parser the tests use),
- a fence that does not run says why, and a continuation says so on the page,
- every snippet file is included by a page (or its outputs would never be checked),
- a number written in prose is one some code on the page prints.
"""

from __future__ import annotations

import pathlib
import re

import pytest
from pytest_markdown_docs.plugin import parse_superfences_block_info

from tests.doc_outputs import pytest_markdown_docs_markdown_it
from tests.fences import INCLUDE, PYTHON, ROOT, language, runs, scan_fences, shown_lines

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
PAGES = sorted(DOCS.rglob("*.md"))


def page_id(path: pathlib.Path) -> str:
    return str(path.relative_to(DOCS))


def parsed_fences(text: str) -> list[tuple[int, str]]:
    """(line, info) of every fence the test collector's parser sees."""
    tokens = pytest_markdown_docs_markdown_it().parse(text)
    return [(t.map[0] + 1, t.info.strip()) for t in tokens if t.type == "fence" and t.map]


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_python_fence_is_collected(page: pathlib.Path) -> None:
    text = page.read_text(encoding="utf-8")
    scanned = [(line, info) for line, info, _ in scan_fences(text) if language(info) in PYTHON]
    parsed = [(line, info) for line, info in parsed_fences(text) if language(info) in PYTHON]
    assert parsed == scanned, "some Python fences would not be run (nested in an unknown container?)"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_python_fences_that_do_not_run_say_why(page: pathlib.Path) -> None:
    for line, info, body in scan_fences(page.read_text(encoding="utf-8")):
        lang, options = language(info), parse_superfences_block_info(info)[1:]
        where = f"{page_id(page)}:{line}"
        assert lang not in {"pycon", "doctest"}, f"{where}: use #> outputs, not >>>"
        # Python under another name (`Python`, `py3`, `ipython`) would render but never run.
        assert lang in PYTHON or "py" not in lang.lower(), f"{where}: write ```python, not {lang}"
        if lang in PYTHON and "notest" in options:
            assert re.search(r'reason="[^"]{8,}"', info), (
                f'{where}: a notest fence needs reason="..." ({info})'
            )
        if lang in PYTHON:  # options that would swap the output check or hide a failing block
            assert not [o for o in options if o.startswith(("runner:", "retry:", "fixture:"))], (
                f"{where}: runner:, retry: and fixture: options are not allowed ({info})"
            )
        if not runs(info):
            assert not any(b.lstrip().startswith("#>") for b in shown_lines(body)), (
                f"{where}: #> outputs in a block that does not run are never checked"
            )


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_continuations_say_so_on_the_page(page: pathlib.Path) -> None:
    for line, info, _ in scan_fences(page.read_text(encoding="utf-8")):
        if language(info) in PYTHON and "continuation" in parse_superfences_block_info(info):
            assert re.search(r'title="Continues', info), (
                f'{page_id(page)}:{line}: a continuation fence needs title="Continues ..."'
            )


def included_snippets(running_only: bool) -> dict[str, list[str]]:
    """Snippet path (as written, range included) -> pages that include it in a fence."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        for _, info, body in scan_fences(page.read_text(encoding="utf-8")):
            if running_only and not runs(info):
                continue
            for line in body:
                match = INCLUDE.match(line)
                if match:
                    found.setdefault(match.group(2), []).append(page_id(page))
    return found


def test_every_include_names_an_existing_file() -> None:
    # pymdownx.snippets may add a line range or section: "file.py:10:20", "file.py:name"
    included = included_snippets(running_only=False)
    paths = {re.sub(r"(\.py)(:[\w-]+)+$", r"\1", path) for path in included}
    missing = [path for path in sorted(paths) if not (ROOT / path).is_file()]
    assert missing == []


def test_every_snippet_is_included_by_a_page() -> None:
    # Only a whole-file include in a fence that runs counts: the test runs that file, #> and all.
    included = included_snippets(running_only=True)
    orphans = [
        str(path.relative_to(ROOT))
        for path in sorted(SNIPPETS.rglob("*.py"))
        if str(path.relative_to(ROOT)) not in included
    ]
    assert orphans == [], "these snippets are on no page, so their outputs are never checked"


# A computed value: two or more decimals (inputs such as eps=0.1 or versions such as 2.13 read
# like numbers too, but a rounded result needs a second decimal to say anything).
PROSE_NUMBER = re.compile(r"(?<![\w.])\d+\.\d{2,}(?:e[-+]?\d+)?(?!\w|\.\d)")
PRINTED_NUMBER = re.compile(r"\d+\.\d+(?:e[-+]?\d+)?")


def printed_numbers(page: pathlib.Path) -> set[str]:
    """Every number on the `#>` lines of the page's running fences and the snippets they include."""
    numbers: set[str] = set()
    for _, info, body in scan_fences(page.read_text(encoding="utf-8")):
        if runs(info):
            for line in shown_lines(body):
                if line.lstrip().startswith("#>"):
                    numbers |= set(PRINTED_NUMBER.findall(line))
    return numbers


def prose(text: str) -> str:
    """The page without its fences, link targets and paper ids (inline code and math stay)."""
    fenced = {n for start, _, body in scan_fences(text) for n in range(start, start + len(body) + 2)}
    kept = "\n".join(line for n, line in enumerate(text.split("\n"), 1) if n not in fenced)
    kept = re.sub(r"\]\([^)]*\)|https?://\S+", "", kept)
    kept = re.sub(r"arXiv[: ]*\d{4}\.\d{4,5}", "", kept, flags=re.IGNORECASE)
    # release numbers: "torch 2.13", "PyTorch 1.10", "added in 1.10", "fixed by 1.12"
    versions = r"\b(?:torch|pytorch|python|release|version|since|in|before|after|by)\s+\d+\.\d+\b"
    return re.sub(versions, "", kept, flags=re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_numbers_in_prose_are_printed_by_code_on_the_page(page: pathlib.Path) -> None:
    printed = printed_numbers(page)
    written = PROSE_NUMBER.findall(prose(page.read_text(encoding="utf-8")))
    unproven = [n for n in written if n not in printed]
    assert unproven == [], "numbers in prose that no output on this page prints (as written)"
