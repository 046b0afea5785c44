"""Fences as a page shows them, by plain line scanning (no Markdown parser); ROOT and shown().

Shared by doc_outputs.py, translation_sync.py, the integrity tests (which compare this scan with
the collector's parser) and the browser check (which must know which shown blocks do not run).
"""

import pathlib
import re

import markdown
from pytest_markdown_docs.plugin import parse_superfences_block_info

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = {"python", "py", "python3"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
CONTAINER = re.compile(r"^\s*(?:(?:!!!|\?\?\?\+?)\s+([\w-]+)|===\+?\s+\")")  # admonition or tab
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])([^"']+)\1\s*$""")


def fence_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(index of the opening line, of the closing line) of each fence; len(lines) if unclosed."""
    spans, start, marker = [], None, ""
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if not match or match["marker"][0] == "`" and "`" in match["info"]:
            continue  # a backtick fence's info string has no backticks: this is inline code
        if start is None:
            start, marker = i, match["marker"]
        elif not match["info"].strip() and match["marker"].startswith(marker):
            spans.append((start, i))
            start = None
    return spans if start is None else [*spans, (start, len(lines))]


def scan_fences(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, info, body without the fence's indentation) of every fence, nested or not."""
    lines, fences = text.split("\n"), []
    for start, end in fence_spans(lines):
        opener = FENCE.match(lines[start])
        cut = len(opener["indent"])
        body = [x[cut:] if not x[:cut].strip() else x.lstrip() for x in lines[start + 1 : end]]
        fences.append((start + 1, opener["info"].strip(), body))
    return fences


def shown(path: pathlib.Path, root: pathlib.Path = ROOT) -> str:
    """How messages name a file: relative to ``root`` if it is inside."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def language(info: str) -> str:
    words = parse_superfences_block_info(info)
    return words[0] if words else ""


def runs(info: str) -> bool:
    """Whether the tests run a fence with this info string."""
    return language(info) in PYTHON and "notest" not in parse_superfences_block_info(info)


def shown_lines(body: list[str]) -> list[str]:
    """A fence's lines as the page shows them: its `--8<--` includes expanded by pymdownx.snippets,
    set up as in mkdocs.yml (the build runs in the repository root)."""
    config = {"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}}
    md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs=config)
    return md.preprocessors["snippet"].run(body)
