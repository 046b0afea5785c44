"""Results reused while nothing they depend on has changed: a test module's passes, and block runs.

``make test`` runs ~750 checks, and a third of its time goes to a few modules that drive Chromium or
start subprocesses. When a contributor runs it again after editing one page, most of those checks
would load exactly the same bytes into exactly the same programs. This module lets them say so, with
evidence, instead of running again.

**Module results** (``pytestmark = pytest.mark.reuse`` in a test module). While the module runs,
every file it reads is recorded: files opened in this process (a ``sys.addaudithook`` hook on
``open``; that includes every file the local test server of tests/conftest.py sends to the browser,
since it serves from a thread of this process), folders it lists, files named on a subprocess's
command line, and every file below a folder named there (lychee checking site/). The source files of the project's modules the test module imports (its own code,
snippets) count too. When every test of the module
passed, this is stored in ``.cache/reuse/`` with the SHA-256 of each of those files. The next run
reports the module's tests as passed without running them only if:

- the same tests are collected (same ids),
- the code of the checks is byte-identical: every ``.py`` file in tests/ and hooks/, the root
  conftest.py, pyproject.toml and requirements.txt,
- the environment is the same: Python, every installed package and its version, Chromium's version,
- and every recorded file still has the same SHA-256 (a missing or added file in a recorded folder,
  or a file that appeared, counts as a change).

Anything else, or a module with a failure, a skip or an error, runs in full. The terminal summary
says which modules were reused; ``TEST_CACHE=0`` turns every reuse off (it is also what CI's fresh
clone has: no ``.cache/``).

**Block runs** (:class:`JsonStore`): the fence runner and the browser check keep what a block printed
when it ran clean, keyed by the block's exact code and the environment; the comparison with the
page's ``#>`` lines is made every time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import types
import typing

import pytest

ROOT = pathlib.Path(os.environ.get("REUSE_ROOT") or pathlib.Path(__file__).parent.parent).resolve()
# (REUSE_ROOT: another project folder, for tests/test_reuse.py's throwaway projects)
CACHE = ROOT / ".cache"
ENABLED = os.environ.get("TEST_CACHE", "1") != "0"
MARK = "reuse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")  # the browser tests' Chromium
_IGNORED = tuple(str(ROOT / name) + os.sep for name in (".cache", ".pytest_cache", ".venv", ".git"))
_CODE_GLOBS = ("tests/**/*.py", "hooks/**/*.py", "conftest.py", "pyproject.toml", "requirements.txt")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class JsonStore:
    """JSON entries in ``folder``, named by a hash of their key. The first store removes the
    folder's siblings (entries of another checker or environment); writes are atomic (two threads
    may store at once)."""

    def __init__(self, folder: pathlib.Path) -> None:
        self.folder = folder
        self._claimed = False

    def _entry(self, key: str) -> pathlib.Path:
        return self.folder / (sha256(key.encode())[:24] + ".json")

    def _load(self, key: str) -> typing.Any:
        entry = self._entry(key)
        if not ENABLED or not entry.is_file():
            return None
        return json.loads(entry.read_text(encoding="utf-8"))

    def _store(self, key: str, data: typing.Any) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._claimed:
            for stale in self.folder.parent.iterdir():
                if stale.is_dir() and stale != self.folder:
                    shutil.rmtree(stale, ignore_errors=True)
            self._claimed = True
        entry = self._entry(key)
        partial = entry.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, entry)


# --------------------------------------------------------------------------------------------------
# What a module read
# --------------------------------------------------------------------------------------------------
class Reads:
    """The files and folders (absolute paths under ROOT) read while a module ran."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.trees: set[str] = set()  # folders named on a subprocess's command line: all below


_recording: Reads | None = None


def _inside(path: str) -> str | None:
    """``path`` made absolute, if it lies in the project (outside its caches and venv)."""
    path = os.path.abspath(path)
    if not path.startswith(str(ROOT) + os.sep) or path.startswith(_IGNORED):
        return None
    if f"{os.sep}__pycache__{os.sep}" in path and path.endswith(".pyc"):
        try:  # a module read from its bytecode: what counts is its source
            return importlib.util.source_from_cache(path)
        except ValueError:
            return path
    return path


def _audit(event: str, args: tuple) -> None:
    reads = _recording
    if reads is None:
        return
    try:
        if event == "open":
            path, mode, flags = args
            if isinstance(path, int) or path is None:
                return
            writing = any(c in mode for c in "wax+") if mode else bool((flags or 0) & _WRITE_FLAGS)
            inside = None if writing else _inside(os.fsdecode(path))
            if inside:
                reads.files.add(inside)
        elif event in ("os.listdir", "os.scandir"):
            folder = args[0]
            if not isinstance(folder, int):
                inside = _inside(os.fsdecode(folder if folder is not None else "."))
                if inside:
                    reads.folders.add(inside)
        elif event == "subprocess.Popen":
            _, argv, cwd, _ = args
            for arg in argv if isinstance(argv, (list, tuple)) else [argv]:
                if isinstance(arg, (str, bytes, os.PathLike)):
                    text = os.fsdecode(arg)
                    if len(text) < 4096 and "\n" not in text:  # a path, not `-c` code
                        inside = _inside(os.path.join(os.fsdecode(cwd or os.getcwd()), text))
                        if inside and os.path.isfile(inside):
                            reads.files.add(inside)
                        elif inside and os.path.isdir(inside):
                            reads.trees.add(inside)
    except Exception:  # an audit hook must never break what it watches
        pass


def _module_files(module: types.ModuleType) -> set[str]:
    """Source files of the project's modules that ``module`` uses, directly or through others."""
    found: set[str] = set()
    todo = [module]
    seen: set[str] = set()
    while todo:
        current = todo.pop()
        for value in list(vars(current).values()):
            name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
            if not isinstance(name, str) or name in seen:
                continue
            seen.add(name)
            other = sys.modules.get(name)
            path = getattr(other, "__file__", None) if other else None
            inside = _inside(path) if path else None
            if other is not None and inside:
                found.add(inside)
                todo.append(other)
    return found


def _file_digest(path: str) -> str | None:
    try:
        return sha256(pathlib.Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _folder_digest(path: str) -> str | None:
    try:
        return sha256("\n".join(sorted(os.listdir(path))).encode())
    except (FileNotFoundError, NotADirectoryError):
        return None


def _tree_digest(path: str) -> str | None:
    """Every file below ``path`` (but caches, the venv and bytecode), by name and content."""
    if not os.path.isdir(path):
        return None
    parts = []
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and _inside(os.path.join(root, d)))
        for name in sorted(names):
            full = os.path.join(root, name)
            parts.append(f"{os.path.relpath(full, path)}\0{_file_digest(full)}")
    return sha256("\n".join(parts).encode())


_DIGESTS = {"file": _file_digest, "folder": _folder_digest, "tree": _tree_digest}


def _digests(reads: Reads, files: typing.Iterable[str]) -> dict[str, str | None]:
    kinds = {"file": files, "folder": reads.folders, "tree": reads.trees}
    return {
        f"{kind}:{os.path.relpath(path, ROOT)}": _DIGESTS[kind](path)
        for kind, paths in kinds.items()
        for path in sorted(paths)
    }


def _current_digest(name: str) -> str | None:
    kind, rel = name.split(":", 1)
    return _DIGESTS[kind](str(ROOT / rel))


# --------------------------------------------------------------------------------------------------
# The key: the checks' code and the environment
# --------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def chromium_version() -> str:
    """What ``chromium --version`` prints ("" where there is no Chromium)."""
    if not os.path.isfile(CHROMIUM):
        return ""
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
    return done.stdout.strip()


def code_and_environment_key() -> str:
    from hooks.notebook_cache import environment_key  # Python, every installed package and version

    parts = [environment_key(), chromium_version()]
    for pattern in _CODE_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            if _inside(str(path)):
                parts.append(f"{path.relative_to(ROOT)}\0{sha256(path.read_bytes())}")
    return sha256("\n".join(parts).encode())


# --------------------------------------------------------------------------------------------------
# The pytest plugin
# --------------------------------------------------------------------------------------------------
class _Module:
    def __init__(self, path: str, items: list[pytest.Item]) -> None:
        self.path = path
        self.items = items
        self.ids = sorted(item.nodeid for item in items)
        self.reused = False
        self.clean = True
        self.reads = Reads()

    @property
    def entry(self) -> pathlib.Path:
        return CACHE / "reuse" / (sha256(self.path.encode())[:24] + ".json")


class ReusePlugin:
    def __init__(self) -> None:
        self.modules: dict[str, _Module] = {}
        self.by_item: dict[str, _Module] = {}
        self._key: str | None = None
        self.off: str | None = None  # why nothing is reused or kept in this session

    def key(self) -> str:
        if self._key is None:
            self._key = code_and_environment_key()
        return self._key

    @pytest.hookimpl(trylast=True)
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        try:  # this project's option (the root conftest.py); a project without it has no site
            site = session.config.getoption("--site-dir")
        except ValueError:
            site = ""
        if site:
            site = os.path.join(str(session.config.invocation_params.dir), site)
        if site is None or (site and not _inside(site)):
            # The site is then built, or was built, outside the project: the files a module reads
            # from it are not recorded, so nothing may be reused or kept (make test passes site/).
            self.off = "the site checked is not a folder of the project (make test's --site-dir site)"
        groups: dict[str, list[pytest.Item]] = {}
        for item in session.items:
            if item.get_closest_marker(MARK) is not None:
                groups.setdefault(str(item.path), []).append(item)
        for path, items in groups.items():
            module = _Module(path, items)
            self.modules[path] = module
            for item in items:
                self.by_item[item.nodeid] = module
            module.reused = ENABLED and not self.off and self._unchanged(module)

    def _unchanged(self, module: _Module) -> bool:
        try:
            saved = json.loads(module.entry.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return False
        if saved.get("key") != self.key() or saved.get("ids") != module.ids:
            return False
        return all(_current_digest(name) == sha for name, sha in saved["reads"].items())

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
        module = self.by_item.get(item.nodeid)
        if module is None:
            return None
        if module.reused:
            _report_passed(item)
            return True
        global _recording
        _recording = module.reads
        return None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None):
        yield  # after this item's teardown (the module's fixtures too, when it is the last one)
        module = self.by_item.get(item.nodeid)
        if module is None or module.reused:
            return
        last = nextitem is None or self.by_item.get(nextitem.nodeid) is not module
        if last:
            global _recording
            _recording = None
            self._store(module)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        module = self.by_item.get(report.nodeid)
        if module is not None and not module.reused and report.outcome != "passed":
            module.clean = False

    def _store(self, module: _Module) -> None:
        if self.off or not module.clean:
            module.entry.unlink(missing_ok=True)
            return
        python = getattr(module.items[0], "module", None)  # the test module, as imported
        files = set(module.reads.files) | {module.path}
        if python is not None:
            files |= _module_files(python)
        saved = {
            "module": os.path.relpath(module.path, ROOT),
            "key": self.key(),
            "ids": module.ids,
            "reads": _digests(module.reads, files),
        }
        module.entry.parent.mkdir(parents=True, exist_ok=True)
        partial = module.entry.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(saved, indent=0), encoding="utf-8")
        os.replace(partial, module.entry)

    def pytest_terminal_summary(self, terminalreporter: typing.Any) -> None:
        reused = [m for m in self.modules.values() if m.reused]
        if not self.modules:
            return
        write = terminalreporter.write_line
        if not ENABLED or self.off:
            write(f"reuse: off ({self.off or 'TEST_CACHE=0'}): every test ran")
            return
        for module in reused:
            write(
                f"reuse: {len(module.ids)} tests of {os.path.relpath(module.path, ROOT)} passed in an"
                " earlier run and nothing they read has changed since: not run again"
            )
        if reused:
            write("reuse: TEST_CACHE=0 runs them (see tests/reuse.py for what counts as a change)")


def _report_passed(item: pytest.Item) -> None:
    ihook = item.ihook
    ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    keywords = {name: 1 for name in item.keywords}
    for when in ("setup", "call", "teardown"):
        report = pytest.TestReport(
            item.nodeid, item.location, keywords, "passed", None, when,
            user_properties=[("reused", "unchanged since a clean run")],
        )
        ihook.pytest_runtest_logreport(report=report)
    ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARK}: report this module's tests as passed, without running them, while nothing they read"
        " has changed since a run in which they all passed (tests/reuse.py)",
    )
    if not getattr(sys, "_site_reuse_audit", False):  # audit hooks cannot be removed: one per process
        sys.addaudithook(_audit)
        sys._site_reuse_audit = True  # type: ignore[attr-defined]
    config.pluginmanager.register(ReusePlugin(), "site-reuse")
