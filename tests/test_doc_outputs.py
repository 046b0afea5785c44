"""The output check itself, on a throwaway site: it fails on one changed digit and restores it.

Each test builds a small docs tree with pytester and runs pytest on it in a subprocess, with the
same plugin and options as the real site. Its pages use the standard library only, so their fence
server preloads nothing (``FENCE_PRELOAD=""``) and starts at once.
"""

from __future__ import annotations

import pytest

from tests.doc_outputs import ROOT, BlockFailure, expected_lines, unwrap_containers


PAGE = '''# A page

```python
import random

random.seed(0)
print([round(random.random(), 4) for _ in range(3)])
for k in range(2):
    print("k =", k)
```

!!! note "Nested fences run too"
    ```python
    print(6 * 7)
    ```

=== "Tab"

    ```python
    print(0.25 + 0.5)
    ```

```{.python continuation title="Continues the block above"}
print("again", 1 + 1)
```

```python title="snippets/show.py"
--8<-- "snippets/show.py"
```
'''

SNIPPET = '''import fractions

weight = [fractions.Fraction(1), fractions.Fraction(2)]
print(sum(weight))
'''


@pytest.fixture
def site(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("FENCE_PRELOAD", "")  # these pages need no torch: a server ready at once
    pytester.makefile(".md", page=PAGE)
    pytester.mkdir("snippets")
    (pytester.path / "snippets" / "show.py").write_text(SNIPPET)
    pytester.makeini("[pytest]\naddopts = --markdown-docs --markdown-docs-syntax=superfences\n")
    return pytester


def run(site: pytest.Pytester, *args: str) -> pytest.RunResult:
    # (hypothesis's plugin alone takes a second to import, and these pages have no property tests)
    plugins = ("-p", "no:hypothesispytest", "-p", "tests.doc_outputs")
    return site.runpytest_subprocess(*plugins, "page.md", *args)


def test_outputs_are_filled_checked_to_the_digit_and_restored(site: pytest.Pytester) -> None:
    run(site).assert_outcomes(failed=5)  # no outputs published yet: every block fails

    run(site, "--update-outputs").assert_outcomes(passed=5)
    page = (site.path / "page.md").read_text()
    snippet = site.path / "snippets/show.py"
    assert "#> [0.8444, 0.758, 0.4206]" in page
    assert "    #> k = 0\n    #> k = 1\n" in page  # a loop's output sits under its print
    assert '    ```python\n    print(6 * 7)\n    #> 42\n    ```' in page  # nested, re-indented
    assert "#> again 2" in page  # the continuation ran with the block before it
    assert "print(sum(weight))\n#> 3\n" in snippet.read_text()
    run(site).assert_outcomes(passed=5)

    published_page, published_snippet = page, snippet.read_text()
    (site.path / "page.md").write_text(page.replace("#> 0.75", "#> 0.76"))
    snippet.write_text(published_snippet.replace("#> 3", "#> 4"))
    tampered = run(site)
    tampered.assert_outcomes(passed=3, failed=2)
    tampered.stdout.fnmatch_lines(["page.md:25: the published output is not what the code prints*"])
    tampered.stdout.fnmatch_lines(["-#> 0.76", "+#> 0.75"])
    tampered.stdout.fnmatch_lines(["snippets/show.py:5: the published output*", "-#> 4"])

    run(site, "--update-outputs").assert_outcomes(passed=5)
    assert (site.path / "page.md").read_text() == published_page
    assert snippet.read_text() == published_snippet


def test_blocks_are_isolated_and_errors_or_warnings_fail(
    site: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site.path / "page.md").write_text(
        "```python\nimport decimal\ndecimal.getcontext().prec = 3\nSECRET = 1\n```\n\n"
        "```python\nimport decimal\nprint(decimal.getcontext().prec, 'SECRET' in globals())\n"
        "#> 28 False\n```\n\n"
        "```python\nraise ValueError('boom')\n```\n\n"
        "```python\nimport warnings\nwarnings.warn('careful')\n```\n\n"
        "```python\nimport sys\nsys.exit(3)\n```\n\n"
        "```python\nimport sys\nsys.exit()\nassert False, 'never reached'\n```\n\n"
        # what a function prints shows under the top-level call, not inside the function
        "```python\ndef show():\n    print('inside')\n\n\nshow()\n#> inside\n```\n\n"
        "```python\nimport time\ntime.sleep(30)\n```\n"
    )
    monkeypatch.setenv("FENCE_TIMEOUT_S", "1")
    result = run(site)
    result.assert_outcomes(passed=3, failed=5)
    result.stdout.fnmatch_lines(["*the block ran for more than 1 s*"])
    result.stdout.fnmatch_lines(["*ValueError: boom*"])
    result.stdout.fnmatch_lines(["*wrote to stderr*careful*"])
    result.stdout.fnmatch_lines(["*SystemExit: 3*"])
    result.stdout.fnmatch_lines(["*SystemExit: None*"])


def test_unwrap_keeps_line_numbers_and_dedents_containers() -> None:
    text = '!!! note\n    ```python\n    x = 1\n    ```\n\n=== "A"\n\n    text\nafter'
    unwrapped = unwrap_containers(text)
    assert unwrapped.split("\n") == ["", "```python", "x = 1", "```", "", "", "", "text", "after"]


def test_output_goes_under_the_whole_statement() -> None:
    source = "print(\n    1,\n)\nx = 2\n"
    records = [("stdout", 2, "1"), ("stdout", 2, "\n")]
    assert expected_lines(source, 0, records) == ["print(", "    1,", ")", "#> 1", "x = 2"]


TABLE = (
    "for row in [[1, 2], [3, 4]]:\n"
    "    for cell in row:\n"
    "        print(cell, end=' ')\n"
    "    print()\n"
)


def test_a_table_printed_cell_by_cell_reads_as_the_terminal_shows_it() -> None:
    # What the fence server records for TABLE: each write with the line that made it.
    records = [("stdout", 3, "1"), ("stdout", 3, " "), ("stdout", 3, "2"), ("stdout", 3, " "),
               ("stdout", 4, "\n"), ("stdout", 3, "3"), ("stdout", 3, " "), ("stdout", 3, "4"),
               ("stdout", 3, " "), ("stdout", 4, "\n")]
    # Under each print, the cells would read "1 2 3 4" and then two blank lines: not the terminal.
    assert expected_lines(TABLE, 0, records) == [*TABLE.rstrip().split("\n"), "#> 1 2", "#> 3 4"]


def test_a_page_showing_a_table_in_another_order_than_the_terminal_fails(
    site: pytest.Pytester,
) -> None:
    # The outputs as the placement under each print wrote them: consistent line by line, but a
    # reader who runs the block sees "1 2" and "3 4".
    old = ("```python\n" + TABLE.replace("' ')\n", "' ')\n        #> 1 2 3 4\n")
           .replace("print()\n", "print()\n    #>\n    #>\n") + "```\n")
    (site.path / "page.md").write_text(old)
    failed = run(site)
    failed.assert_outcomes(failed=1)
    failed.stdout.fnmatch_lines(["*the published output is not what the code prints*", "+#> 1 2"])
    run(site, "--update-outputs").assert_outcomes(passed=1)
    assert (site.path / "page.md").read_text().endswith("    print()\n#> 1 2\n#> 3 4\n```\n")
    run(site).assert_outcomes(passed=1)


def test_two_statements_printing_one_terminal_line_fail_clearly() -> None:
    source = "print('a', end='')\nprint('b')\n"
    records = [("stdout", 1, "a"), ("stdout", 2, "b"), ("stdout", 2, "\n")]
    with pytest.raises(BlockFailure, match="parts of one line of the terminal"):
        expected_lines(source, 0, records)


def test_the_private_pytest_markdown_docs_interface_we_use_is_still_there() -> None:
    """pytest-markdown-docs has no public runner API: tests/doc_outputs.py subclasses its private
    ``_runners._Runner`` and registers it with ``_runners.register_runner(default=True)``, and
    tests/fences.py reads info strings with ``plugin.parse_superfences_block_info``. The version
    is pinned exactly in requirements.txt; this names the symbol that moved when it is upgraded."""
    import dataclasses
    import importlib.metadata
    import inspect
    import re

    pin = re.search(r"^pytest-markdown-docs==(\S+)", (ROOT / "requirements.txt").read_text(), re.M)
    assert pin, "requirements.txt must pin pytest-markdown-docs exactly (==)"
    installed = importlib.metadata.version("pytest-markdown-docs")
    assert installed == pin.group(1), f"pytest-markdown-docs {installed} is installed, {pin.group(1)} pinned"
    from pytest_markdown_docs import _runners, definitions, plugin

    def have(module: object, name: str) -> object:
        assert hasattr(module, name), f"pytest-markdown-docs {installed}: {module.__name__}.{name} is gone"
        return getattr(module, name)

    runner = have(_runners, "_Runner")
    params = list(inspect.signature(have(runner, "runtest")).parameters)
    assert params[:3] == ["self", "test", "args"], f"_runners._Runner.runtest{params}: arguments changed"
    assert "default" in inspect.signature(have(_runners, "register_runner")).parameters, (
        "_runners.register_runner(default=...) changed"
    )
    assert have(_runners, "get_runner")(None).__class__.__name__ == "OutputCheckingRunner", (
        "_runners.get_runner(None) is not tests/doc_outputs.py's runner: register_runner changed"
    )
    fields = {f.name for f in dataclasses.fields(have(definitions, "FenceTestDefinition"))}
    assert {"source", "source_path", "start_line"} <= fields, f"FenceTestDefinition fields: {fields}"
    parse = have(plugin, "parse_superfences_block_info")
    assert parse('{.python continuation title="x"}')[:2] == ["python", "continuation"], (
        "plugin.parse_superfences_block_info reads info strings differently"
    )
