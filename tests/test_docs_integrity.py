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

from tests.doc_outputs import INCLUDE, ROOT, markdown_parser

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
PAGES = sorted(DOCS.rglob("*.md"))
PYTHON = {"python", "py", "python3"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")


def page_id(path: pathlib.Path) -> str:
    return str(path.relative_to(DOCS))


def scan_fences(text: str) -> list[tuple[int, str, list[str]]]:
    """(line, info, body) of every top-level-or-nested fence, by plain line scanning."""
    fences = []
    lines = text.split("\n")
    open_marker, open_indent, start, info, body = None, 0, 0, "", []
    for number, line in enumerate(lines, 1):
        match = FENCE.match(line)
        if match and match["marker"][0] == "`" and "`" in match["info"]:
            match = None  # a backtick fence's info string has no backticks: this is inline code
        if open_marker is None:
            if match:
                open_marker, open_indent = match["marker"], len(match["indent"])
                start, info, body = number, match["info"].strip(), []
        elif (
            match
            and not match["info"].strip()
            and match["marker"][0] == open_marker[0]
            and len(match["marker"]) >= len(open_marker)
        ):
            fences.append((start, info, body))
            open_marker = None
        else:
            body.append(line[open_indent:] if line[:open_indent].isspace() else line.lstrip())
    return fences


def language(info: str) -> str:
    words = parse_superfences_block_info(info)
    return words[0] if words else ""


def parsed_fences(text: str) -> list[tuple[int, str]]:
    """(line, info) of every fence the test collector's parser sees."""
    tokens = markdown_parser().parse(text)
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
        lang = language(info)
        assert lang not in {"pycon", "doctest"}, f"{page_id(page)}:{line}: use #> outputs, not >>>"
        if lang in PYTHON and "notest" in parse_superfences_block_info(info):
            assert re.search(r'reason="[^"]{8,}"', info), (
                f'{page_id(page)}:{line}: a notest fence needs reason="..." ({info})'
            )
        if lang not in PYTHON or "notest" in parse_superfences_block_info(info):
            assert not any(b.lstrip().startswith("#>") for b in body), (
                f"{page_id(page)}:{line}: #> outputs in a block that does not run are never checked"
            )


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_continuations_say_so_on_the_page(page: pathlib.Path) -> None:
    for line, info, _ in scan_fences(page.read_text(encoding="utf-8")):
        if language(info) in PYTHON and "continuation" in parse_superfences_block_info(info):
            assert re.search(r'title="Continues', info), (
                f'{page_id(page)}:{line}: a continuation fence needs title="Continues ..."'
            )


def included_snippets() -> dict[str, list[str]]:
    """Snippet path -> pages whose Python fences include the whole file."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        for _, info, body in scan_fences(page.read_text(encoding="utf-8")):
            for line in body:
                match = INCLUDE.match(line)
                if match:
                    found.setdefault(match.group(2), []).append(page_id(page))
    return found


def test_every_include_names_an_existing_file() -> None:
    # pymdownx.snippets may add a line range or section: "file.py:10:20", "file.py:name"
    paths = {re.sub(r"(\.py)(:[\w-]+)+$", r"\1", path) for path in included_snippets()}
    missing = [path for path in sorted(paths) if not (ROOT / path).is_file()]
    assert missing == []


def test_every_snippet_is_included_by_a_page() -> None:
    included = included_snippets()
    orphans = [
        str(path.relative_to(ROOT))
        for path in sorted(SNIPPETS.rglob("*.py"))
        if str(path.relative_to(ROOT)) not in included
    ]
    assert orphans == [], "these snippets are on no page, so their outputs are never checked"


PROSE_NUMBER = re.compile(r"(?<![\w.])-?\d+\.\d{3,}(?:e[-+]?\d+)?")


def printed_text(page: pathlib.Path) -> str:
    """Every `#>` line the page shows, from its own fences and the snippets it includes."""
    lines = []
    for _, _, body in scan_fences(page.read_text(encoding="utf-8")):
        for line in body:
            match = INCLUDE.match(line)
            if match and (ROOT / match.group(2)).is_file():
                lines += (ROOT / match.group(2)).read_text(encoding="utf-8").split("\n")
            else:
                lines.append(line)
    return "\n".join(line for line in lines if line.lstrip().startswith("#>"))


def prose(text: str) -> str:
    """The page without its fences, link targets and paper ids (inline code and math stay)."""
    fenced = {n for start, _, body in scan_fences(text) for n in range(start, start + len(body) + 2)}
    kept = "\n".join(line for n, line in enumerate(text.split("\n"), 1) if n not in fenced)
    kept = re.sub(r"\]\([^)]*\)|https?://\S+", "", kept)
    return re.sub(r"arXiv[: ]*\d{4}\.\d{4,5}", "", kept, flags=re.IGNORECASE)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_numbers_in_prose_are_printed_by_code_on_the_page(page: pathlib.Path) -> None:
    printed = printed_text(page)
    unproven = [n for n in PROSE_NUMBER.findall(prose(page.read_text(encoding="utf-8")))]
    unproven = [n for n in unproven if n.lstrip("-") not in printed]
    assert unproven == [], "numbers in prose that no output on this page prints"
