"""pytest plugin: every Python block on the site runs, and prints exactly what the page shows.

pytest-markdown-docs collects one test per Python fence of ``docs/**/*.md``; this plugin
1. finds fences inside admonitions and content tabs too (CommonMark reads them as indented code),
2. runs each block in a fresh process (tests/fence_server.py) under its own file name: the page's,
   or, for a fence that is only ``--8<-- "snippets/x.py"``, the snippet's,
3. compares what it printed with the ``#>`` lines under its statements; ``--update-outputs``
   rewrites them instead, bottom-up at the end of the session so no edit shifts another.
"""

import ast
import difflib
import json
import pathlib
import re
import subprocess
import sys
import typing
from itertools import zip_longest

import pytest
from markdown_it import MarkdownIt
from pytest_markdown_docs._runners import _Runner, register_runner
from pytest_markdown_docs.definitions import FenceTestDefinition

from tests.fences import CONTAINER, INCLUDE, ROOT, fence_spans, shown

SERVER = pathlib.Path(__file__).with_name("fence_server.py")


class BlockFailure(AssertionError):
    """A block raised, wrote to stderr, or printed other than its page shows."""


# Finding fences inside admonitions and tabs
def unwrap_containers(text: str) -> str:
    """Blank each admonition/tab opener and dedent its body (4 spaces deeper; containers nest),
    so a fence inside parses as an ordinary fence, on the line where it is in the file."""
    lines, bodies = text.split("\n"), []  # the body indentation of each open container
    in_fence = {i for start, end in fence_spans(lines) for i in range(start + 1, end + 1)}
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if line.strip() and i not in in_fence:
            while bodies and indent < bodies[-1]:
                bodies.pop()
            if CONTAINER.match(line):
                bodies.append(indent + 4)
                lines[i] = ""
                continue
        lines[i] = line[min(bodies[-1] if bodies else 0, indent) :]
    return "\n".join(lines)


class ContainerAwareMarkdownIt(MarkdownIt):
    def parse(self, src: str, env: typing.Any = None):  # type: ignore[override]
        return super().parse(unwrap_containers(src), env)


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    """The parser pytest-markdown-docs collects fences with (and test_docs_integrity checks)."""
    return ContainerAwareMarkdownIt("commonmark")


# Running blocks in fresh processes
_server: subprocess.Popen[str] | None = None  # tests/fence_server.py, forking a child per block


def run_block(source: str, filename: str) -> dict:
    """What tests/fence_server.py reports of running ``source`` as a fresh ``__main__``."""
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen([sys.executable, str(SERVER)], cwd=ROOT, text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    _server.stdin.write(json.dumps({"source": source, "filename": filename}) + "\n")
    _server.stdin.flush()
    reply = _server.stdout.readline()
    if not reply:
        raise BlockFailure("the fence server exited")
    return json.loads(reply)


# Turning what a block printed into `#>` lines
def terminal_lines(text: str) -> list[str]:
    """What a terminal shows of ``text``, line by line (trailing blanks dropped)."""
    return [line.rstrip() for line in text.removesuffix("\n").split("\n")] if text else []


def placement(source: str, printed: list[tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """{after which line: (indent, text)}: each output under the innermost statement that printed
    it (under a compound statement's header if the header printed). Where that would not read as
    the terminal does (a table printed cell by cell, its newline from another statement), each
    top-level statement's output goes under it, whole; if even that cannot (two top-level
    statements print parts of one line), the block fails: the page could not show what it prints."""
    tree = ast.parse(source)
    everywhere = [s for s in ast.walk(tree) if isinstance(s, ast.stmt)]
    terminal = terminal_lines("".join(text for _, text in printed))
    for top_level, statements in ((False, everywhere), (True, tree.body)):
        groups: dict[int, tuple[int, str]] = {}
        for line, text in printed:
            around = [s for s in statements if s.lineno <= line <= s.end_lineno]
            after, indent = line, 0
            if around:
                inner = max(around, key=lambda s: (s.lineno, -s.end_lineno))
                body = getattr(inner, "body", None)
                if not top_level and isinstance(body, list) and body and line < body[0].lineno:
                    after, indent = body[0].lineno - 1, body[0].col_offset
                else:
                    after, indent = inner.end_lineno, inner.col_offset
            indent, old = groups.get(after, (indent, ""))
            groups[after] = (indent, old + text)
        shown = [line for after in sorted(groups) for line in terminal_lines(groups[after][1])]
        if shown == terminal:
            return groups
    raise BlockFailure("two top-level statements print parts of one line of the terminal; end "
                       "each statement's output with a newline so the page can show it")


def expected_lines(source: str, first: int, records: list) -> list[str]:
    """The block's lines from index ``first`` on, its `#>` lines rebuilt from ``records``."""
    problems = [f"wrote to {stream}: {text!r}" for stream, _, text in records if stream != "stdout"]
    problems += [f"printed outside any line of the block: {text!r}"
                 for stream, line, text in records if stream == "stdout" and line is None]
    if problems:
        raise BlockFailure("\n".join(problems))
    # lines up to `first` belong to the blocks this one continues
    inserts = placement(source, [(line, text) for _, line, text in records if line > first])
    result = []
    for number, line in enumerate(source.removesuffix("\n").split("\n")[first:], first + 1):
        if not line.lstrip().startswith("#>"):
            result.append(line)
        indent, output = inserts.get(number, (0, ""))  # placement only names lines of the block
        result += [f"{' ' * indent}#> {text}".rstrip() for text in terminal_lines(output)]
    return result


# The runner pytest-markdown-docs calls for every fence
update = False  # --update-outputs
rootdir = ROOT  # pytest's: include paths and reported names are relative to it
edits: dict[tuple[pathlib.Path, int], tuple[int, list[str]]] = {}  # (file, index): (count, lines)


def check_block(path: pathlib.Path, source: str, first: int) -> None:
    """Run a block and compare (or, with --update-outputs, rewrite) its `#>` lines: its lines from
    index ``first`` on are those of ``path`` from there."""
    result, name = run_block(source, str(path)), shown(path, rootdir)
    if result["error"]:
        raise BlockFailure(f"{name}: the block raised\n{result['error']}")
    if result["raw"]:
        raise BlockFailure(f"{name}: wrote to the terminal directly: {result['raw']!r}")
    try:
        printed = expected_lines(source, first, result["records"])
    except BlockFailure as failure:
        raise BlockFailure(f"{name}: {failure}") from None
    published = source.removesuffix("\n").split("\n")[first:]
    if printed == published:
        return
    if update:  # indented as the fence's opener (a snippet, whose first is 0, is not)
        opener = path.read_text(encoding="utf-8").split("\n")[first - 1] if first else ""
        indent = re.match(" *", opener)[0]
        edits[(path, first)] = (len(published), [indent + x if x.strip() else "" for x in printed])
        return
    changed = next(i for i, (a, b) in enumerate(zip_longest(published, printed)) if a != b)
    hunks = difflib.unified_diff(published, printed, f"{name} (published)",
                                 f"{name} (printed by the code now)", lineterm="")
    diff = [re.sub(r"(?<=[-+])\d+", lambda n: str(int(n[0]) + first), hunk)  # the file's numbers
            if hunk.startswith("@@") else hunk for hunk in hunks]
    raise BlockFailure(
        f"{name}:{first + changed + 1}: the published output is not what the code prints now "
        f"(run `make update-outputs` after a deliberate change)\n" + "\n".join(diff)
    )


@register_runner(default=True)
class OutputCheckingRunner(_Runner):
    def runtest(self, test: FenceTestDefinition, args: dict, *, asyncio_runner=None) -> None:
        lines = [line for line in test.source.split("\n")[test.start_line :] if line.strip()]
        includes = [INCLUDE.match(line) for line in lines]
        if lines and all(includes):
            for include in includes:
                snippet = rootdir / include[2]
                check_block(snippet, snippet.read_text(encoding="utf-8"), 0)
        elif any(includes):
            raise BlockFailure("a fence mixes --8<-- includes with code; include whole files only")
        else:
            check_block(pathlib.Path(test.source_path), test.source, test.start_line)

    def repr_failure(self, test: FenceTestDefinition, excinfo, style=None) -> str:
        return str(excinfo.value)


# pytest hooks
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("doc outputs").addoption(
        "--update-outputs", action="store_true",
        help="rewrite the `#>` output lines of every executed block instead of comparing them",
    )


def pytest_configure(config: pytest.Config) -> None:
    global update, rootdir
    update, rootdir = config.getoption("--update-outputs"), config.rootpath
    if update and config.getoption("numprocesses", None):
        # two pytest-xdist workers could each rewrite their own blocks of one file, and lose edits
        raise pytest.UsageError("--update-outputs rewrites files: run it without -n")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _server:
        _server.kill()
        _server.wait()
    files: dict[pathlib.Path, list[str]] = {}
    for (path, start), (count, new) in sorted(edits.items(), reverse=True):  # bottom-up
        lines = files.setdefault(path, path.read_text(encoding="utf-8").split("\n"))
        lines[start : start + count] = new
    for path, lines in files.items():
        path.write_text("\n".join(lines), encoding="utf-8")


def pytest_terminal_summary(terminalreporter) -> None:
    for path in sorted({path for path, _ in edits}):
        terminalreporter.write_line(f"doc outputs: rewrote {shown(path, rootdir)}")
