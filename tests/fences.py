"""Fences as a page shows them, found by plain line scanning (no Markdown parser).

Shared by the integrity tests (which compare this scanner with the collector's parser) and the
browser check (which must know which shown blocks are declared not to run).
"""

from __future__ import annotations

import re

from pytest_markdown_docs.plugin import parse_superfences_block_info

from tests.doc_outputs import INCLUDE, ROOT

PYTHON = {"python", "py", "python3"}
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")


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
            body.append(line[open_indent:] if not line[:open_indent].strip() else line.lstrip())
    return fences


def language(info: str) -> str:
    words = parse_superfences_block_info(info)
    return words[0] if words else ""


def runs(info: str) -> bool:
    """Whether the tests run a fence with this info string."""
    return language(info) in PYTHON and "notest" not in parse_superfences_block_info(info)


def shown_lines(body: list[str]) -> list[str]:
    """A fence's lines as the page shows them: `--8<--` includes (whole or line ranges) expanded."""
    lines: list[str] = []
    for line in body:
        match = INCLUDE.match(line)
        if not match:
            lines.append(line)
            continue
        path, *cut = match.group(2).split(":")
        text = (ROOT / path).read_text(encoding="utf-8").split("\n")
        if cut and all(c.isdigit() for c in cut):  # "file.py:start" or "file.py:start:end"
            text = text[int(cut[0]) - 1 : int(cut[1]) if len(cut) > 1 else None]
        lines += text
    return lines
