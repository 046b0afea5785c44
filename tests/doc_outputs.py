"""pytest plugin: every Python block on the site runs, and prints exactly what the page shows.

pytest-markdown-docs collects one test per Python fence in ``docs/**/*.md``. This plugin makes three
changes to how those fences are found and run:

1. **Nested fences are found.** CommonMark reads a fence inside ``!!! note`` / ``??? tip`` admonitions
   or ``=== "Tab"`` content tabs as indented code, so the stock parser silently skips it. We blank the
   container's opener line and dedent its body before parsing, keeping every line where it was.
2. **Each block runs in a fresh process** (see ``tests/fence_server.py``), under its real file name:
   a fence under the Markdown file (line numbers match the page), and a fence whose body is only
   ``--8<-- "snippets/x.py"`` runs that file itself (tracebacks and diffs name the snippet).
3. **Printed output is compared with the ``#>`` lines** under each top-level statement, exactly.
   ``pytest --update-outputs`` rewrites them instead (bottom-up at the end of the session, so blocks
   that grow or shrink don't shift the ones below).
"""

from __future__ import annotations

import ast
import difflib
import json
import pathlib
import re
import selectors
import subprocess
import sys
import typing
from dataclasses import dataclass, field

import pytest
from markdown_it import MarkdownIt
from pytest_markdown_docs._runners import _Runner, register_runner
from pytest_markdown_docs.definitions import FenceTestDefinition


ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVER = pathlib.Path(__file__).resolve().parent / "fence_server.py"
BLOCK_TIMEOUT_S = 300

OUTPUT_PREFIX = "#>"
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])([^"']+)\1\s*$""")
CONTAINER_OPENER = re.compile(r"^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?|===)(?:\s|$)")


# --------------------------------------------------------------------------------------------------
# Finding fences inside admonitions and tabs
# --------------------------------------------------------------------------------------------------
def unwrap_containers(text: str) -> str:
    """Blank admonition/tab opener lines and dedent their bodies; the line count stays the same.

    ``!!! note``, ``???+ tip`` and ``=== "Tab"`` open a container whose body is indented 4 spaces
    more than the opener; containers nest. A fence inside one then parses as an ordinary fence,
    still on the line where it is in the file.
    """
    out: list[str] = []
    bodies: list[int] = []  # indentation of the body of each open container, innermost last
    fence: str | None = None  # the opening marker of the fence we are inside, if any
    for line in text.split("\n"):
        if line.strip():
            indent = len(line) - len(line.lstrip(" "))
            if fence is None:
                while bodies and indent < bodies[-1]:
                    bodies.pop()
                opener = CONTAINER_OPENER.match(line)
                if opener:
                    bodies.append(len(opener.group("indent")) + 4)
                    out.append("")
                    continue
            cut = bodies[-1] if bodies else 0
            line = line[min(cut, indent) :]
            stripped = line.lstrip(" ")
            marker = re.match(r"(`{3,}|~{3,})", stripped)
            if marker:
                if fence is None:
                    fence = marker.group(1)
                elif stripped.rstrip() == fence[0] * len(stripped.rstrip()) and len(
                    stripped.rstrip()
                ) >= len(fence):
                    fence = None
        out.append(line)
    return "\n".join(out)


class ContainerAwareMarkdownIt(MarkdownIt):
    def parse(self, src: str, env: typing.Any = None):  # type: ignore[override]
        return super().parse(unwrap_containers(src), env)


def markdown_parser() -> MarkdownIt:
    return ContainerAwareMarkdownIt("commonmark")


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return markdown_parser()


# --------------------------------------------------------------------------------------------------
# Running blocks in fresh processes
# --------------------------------------------------------------------------------------------------
class BlockServer:
    """Client of tests/fence_server.py: one long-lived process that forks a fresh child per block."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, str(SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.proc = proc
        ready = self._read_line(timeout=120)
        if json.loads(ready) != {"ready": True}:
            raise RuntimeError(f"fence server did not start: {ready!r}")
        return proc

    def _read_line(self, timeout: float) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            self.close()
            raise TimeoutError(f"a block ran for more than {timeout:.0f} s")
        line = self.proc.stdout.readline()
        if not line:
            self.close()
            raise RuntimeError("the fence server exited")
        return line

    def run(self, source: str, filename: str) -> dict:
        proc = self.proc if self.proc and self.proc.poll() is None else self._start()
        assert proc.stdin is not None
        proc.stdin.write(json.dumps({"source": source, "filename": filename}) + "\n")
        proc.stdin.flush()
        return json.loads(self._read_line(timeout=BLOCK_TIMEOUT_S))

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


_server = BlockServer()


def run_block(source: str, filename: str) -> dict:
    """Run ``source`` as a fresh ``__main__`` named ``filename``; see tests/fence_server.py."""
    return _server.run(source, filename)


# --------------------------------------------------------------------------------------------------
# Turning what a block printed into `#>` lines
# --------------------------------------------------------------------------------------------------
def is_output_line(line: str) -> bool:
    return line.lstrip().startswith(OUTPUT_PREFIX)


def _insertion_points(source: str, top_level: bool = False) -> typing.Callable[[int], tuple[int, int]]:
    """For a line that printed, where its output goes: (after which line, at which indentation).

    By default under the innermost statement holding the line; with ``top_level``, under the
    top-level statement holding it (whatever a top-level statement prints, it prints before the
    next one starts, so this order is always the order of the terminal)."""
    tree = ast.parse(source)
    statements = tree.body if top_level else [n for n in ast.walk(tree) if isinstance(n, ast.stmt)]

    def where(line: int) -> tuple[int, int]:
        around = [s for s in statements if s.lineno <= line <= (s.end_lineno or s.lineno)]
        if not around:
            return line, 0
        inner = max(around, key=lambda s: (s.lineno, -(s.end_lineno or s.lineno)))
        body = getattr(inner, "body", None)
        if not top_level and isinstance(body, list) and body and line < body[0].lineno:
            # a compound statement's header printed (e.g. `for x in noisy():`): under the header
            return body[0].lineno - 1, body[0].col_offset
        return inner.end_lineno or inner.lineno, inner.col_offset

    return where


def format_output(text: str, indent: int) -> list[str]:
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    pad = " " * indent
    return [f"{pad}{OUTPUT_PREFIX} {line}".rstrip() for line in lines]


class BlockFailure(Exception):
    """A block raised, wrote to stderr, or printed where no line of it can be named."""


def terminal_lines(text: str) -> list[str]:
    """What a reader's terminal shows of ``text``, line by line (trailing blanks dropped)."""
    return [line.rstrip() for line in text.removesuffix("\n").split("\n")] if text else []


def _group(printed: list[tuple[int, str]], where: typing.Callable) -> dict[int, tuple[int, str]]:
    """Output by insertion point: {after line: (indent, text in the order it was written)}."""
    groups: dict[int, tuple[int, str]] = {}
    for line, text in printed:
        after, indent = where(line)
        old_indent, old = groups.get(after, (indent, ""))
        groups[after] = (old_indent, old + text)
    return groups


def _reads_as_printed(groups: dict[int, tuple[int, str]], printed: list[tuple[int, str]]) -> bool:
    """Whether the `#>` lines, read top to bottom, are the terminal's lines in the terminal's order."""
    shown = [line for after in sorted(groups) for line in format_output(groups[after][1], 0)]
    shown = [line.removeprefix(OUTPUT_PREFIX).removeprefix(" ") for line in shown]
    return shown == terminal_lines("".join(text for _, text in printed))


def expected_lines(source: str, first: int, records: list) -> list[str]:
    """The block's lines from index ``first`` on, with `#>` lines rebuilt from ``records``.

    Each statement's output goes under it; where that would show the reader's terminal in another
    order or cut its lines differently (a loop printing a table cell by cell with ``end=``, its
    newline from another statement), each top-level statement's output goes under that statement,
    whole. If even that cannot (two top-level statements printing parts of one terminal line), the
    block fails: the page could not show what a reader sees."""
    lines = source.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    problems = []
    printed: list[tuple[int, str]] = []
    for stream, line, text in records:
        if stream != "stdout":
            problems.append(f"wrote to {stream}: {text!r}")
        elif line is None:
            problems.append(f"printed outside any line of the block: {text!r}")
        elif line > first:  # lines before `first` belong to the block this one continues
            printed.append((line, text))
    if problems:
        raise BlockFailure("\n".join(problems))
    inserts = _group(printed, _insertion_points(source))
    if not _reads_as_printed(inserts, printed):
        inserts = _group(printed, _insertion_points(source, top_level=True))
        if not _reads_as_printed(inserts, printed):
            raise BlockFailure(
                "two top-level statements print parts of one line of the terminal; end each "
                "statement's output with a newline so the page can show it under the statement"
            )
    result = []
    for index in range(first, len(lines)):
        if not is_output_line(lines[index]):
            result.append(lines[index])
        if index + 1 in inserts:
            indent, text = inserts.pop(index + 1)
            result.extend(format_output(text, indent))
    for after in sorted(inserts):  # output of a statement ending on a trailing `#>` line
        result.extend(format_output(*reversed(inserts[after])))
    return result


def numbered_diff(path: str, first_line: int, published: list[str], printed: list[str]) -> str:
    """A unified diff whose hunk headers carry the line numbers of ``path`` itself."""
    hunk = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")

    def shift(match: re.Match) -> str:
        a, b = int(match.group(1)) + first_line - 1, int(match.group(3)) + first_line - 1
        return f"@@ -{a}{match.group(2) or ''} +{b}{match.group(4) or ''} @@"

    diff = difflib.unified_diff(
        published, printed, f"{path} (published)", f"{path} (printed by the code now)", lineterm=""
    )
    return "\n".join(hunk.sub(shift, d) if d.startswith("@@") else d for d in diff)


# --------------------------------------------------------------------------------------------------
# The runner pytest-markdown-docs calls for every fence
# --------------------------------------------------------------------------------------------------
@dataclass
class Edit:
    path: pathlib.Path
    start: int  # index of the first line to replace
    count: int  # how many lines to replace
    lines: list[str]


@dataclass
class Session:
    update: bool = False
    root: pathlib.Path = ROOT  # include paths and reported names are relative to pytest's rootdir
    blocks_run: int = 0
    snippets_run: int = 0  # summed from pytest-xdist workers (otherwise len(snippet_results))
    snippet_results: dict[pathlib.Path, str | None] = field(default_factory=dict)
    edits: dict[tuple[pathlib.Path, int], Edit] = field(default_factory=dict)
    rewritten: list[pathlib.Path] = field(default_factory=list)


SESSION = Session()


class OutputMismatch(AssertionError):
    pass


def relative(path: pathlib.Path) -> str:
    try:
        return str(path.resolve().relative_to(SESSION.root))
    except ValueError:
        return str(path)


def check_block(path: pathlib.Path, source: str, first: int, indent: str = "") -> None:
    """Run a block and compare (or, with --update-outputs, rewrite) its `#>` lines."""
    SESSION.blocks_run += 1
    result = run_block(source, str(path))
    name = relative(path)
    if result["error"]:
        raise BlockFailure(f"{name}: the block raised\n{result['error']}")
    if result["raw"]:
        raise BlockFailure(f"{name}: wrote to the terminal directly: {result['raw']!r}")
    try:
        printed = expected_lines(source, first, result["records"])
    except BlockFailure as failure:
        raise BlockFailure(f"{name}: {failure}") from None
    published = source.split("\n")[first:]
    if published and published[-1] == "":
        published.pop()
    if printed == published:
        return
    if SESSION.update:
        new = [f"{indent}{line}" if line.strip() else "" for line in printed]
        SESSION.edits[(path, first)] = Edit(path, first, len(published), new)
        return
    matcher = difflib.SequenceMatcher(a=published, b=printed, autojunk=False)
    changed = next(op[1] for op in matcher.get_opcodes() if op[0] != "equal")
    raise OutputMismatch(
        f"{name}:{first + changed + 1}: the published output is not what the code prints now "
        f"(run `make update-outputs` after a deliberate change)\n"
        + numbered_diff(name, first + 1, published, printed)
    )


def check_snippet(path: pathlib.Path) -> None:
    """Run an included snippet file once per session, however many pages include it."""
    if path not in SESSION.snippet_results:
        try:
            check_block(path, path.read_text(encoding="utf-8"), 0)
            SESSION.snippet_results[path] = None
        except (BlockFailure, OutputMismatch) as failure:
            SESSION.snippet_results[path] = str(failure)
    message = SESSION.snippet_results[path]
    if message is not None:
        raise BlockFailure(message)


def included_files(body: list[str]) -> list[str] | None:
    """The files a fence includes, if the fence is nothing but `--8<--` include lines."""
    lines = [line for line in body if line.strip()]
    matches = [INCLUDE.match(line) for line in lines]
    if lines and all(matches):
        return [m.group(2) for m in matches if m]
    if any(matches):
        raise BlockFailure("a fence mixes --8<-- includes with code; include whole files only")
    return None


@register_runner(default=True)
class OutputCheckingRunner(_Runner):
    def runtest(self, test: FenceTestDefinition, args: dict, *, asyncio_runner=None) -> None:
        path = pathlib.Path(test.source_path)
        body = test.source.split("\n")[test.start_line :]
        includes = included_files(body)
        if includes is not None:
            for include in includes:
                target = SESSION.root / include
                if not target.is_file():
                    raise BlockFailure(f"{relative(path)}: included file {include} does not exist")
                check_snippet(target)
            return
        opener = path.read_text(encoding="utf-8").split("\n")[test.start_line - 1]
        indent = opener[: len(opener) - len(opener.lstrip(" "))]
        check_block(path, test.source, test.start_line, indent)

    def repr_failure(self, test: FenceTestDefinition, excinfo, style=None) -> str:
        return str(excinfo.value)


# --------------------------------------------------------------------------------------------------
# pytest hooks
# --------------------------------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("doc outputs").addoption(
        "--update-outputs",
        action="store_true",
        default=False,
        help="rewrite the `#>` output lines of every executed block instead of comparing them",
    )


def pytest_configure(config: pytest.Config) -> None:
    SESSION.update = config.getoption("--update-outputs")
    SESSION.root = pathlib.Path(config.rootpath).resolve()
    if SESSION.update and config.getoption("numprocesses", None):
        # two pytest-xdist workers could each rewrite their own blocks of one file, and lose edits
        raise pytest.UsageError("--update-outputs rewrites files: run it without -n")


def apply_edits(edits: typing.Iterable[Edit]) -> list[pathlib.Path]:
    by_file: dict[pathlib.Path, list[Edit]] = {}
    for edit in edits:
        by_file.setdefault(edit.path, []).append(edit)
    for path, file_edits in by_file.items():
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        for edit in sorted(file_edits, key=lambda e: e.start, reverse=True):
            lines[edit.start : edit.start + edit.count] = edit.lines
        path.write_text("\n".join(lines), encoding="utf-8")
    return sorted(by_file)


def pytest_sessionfinish(session: pytest.Session) -> None:
    _server.close()
    if SESSION.update and SESSION.edits:
        SESSION.rewritten = apply_edits(SESSION.edits.values())
    if hasattr(session.config, "workeroutput"):  # a pytest-xdist worker: tell the controller
        session.config.workeroutput["doc_outputs"] = [SESSION.blocks_run, len(SESSION.snippet_results)]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:  # pytest-xdist, in the controller: a worker's counts
    blocks, snippets = getattr(node, "workeroutput", {}).get("doc_outputs", (0, 0))
    SESSION.blocks_run += blocks
    SESSION.snippets_run += snippets


def pytest_terminal_summary(terminalreporter) -> None:
    if not SESSION.blocks_run:
        return
    write = terminalreporter.write_line
    snippets = SESSION.snippets_run or len(SESSION.snippet_results)
    write(
        f"doc outputs: {SESSION.blocks_run} blocks run in fresh processes"
        f" ({snippets} of them snippet files)"
    )
    for path in SESSION.rewritten:
        write(f"doc outputs: rewrote {relative(path)}")
