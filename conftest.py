"""Root conftest: load the output-checking plugin and keep non-test Python out of collection.

With --markdown-docs, pytest-markdown-docs imports every .py file on the test paths to look for
fences in docstrings; importing a snippet or the notebook would run it, so they are excluded here.
"""

import pytest

pytest_plugins = ["tests.doc_outputs", "pytester"]

collect_ignore = ["snippets", "site", "overrides", "hooks", ".venv"]
collect_ignore_glob = ["docs/notebooks/*", "docs/assets/*"]
# zh: a Chinese page's fences are byte-identical to its English page's (tests/test_translation_sync.py
# fails otherwise), so running them again would prove nothing new: the English run proves both.
collect_ignore_glob += ["docs/*.zh.md", "docs/*/*.zh.md"]


def pytest_addoption(parser: pytest.Parser) -> None:
    # Here, not in tests/conftest.py: `pytest --site-dir site` (make test) names no test path, and
    # only the root conftest is loaded before the command line is parsed.
    parser.addoption(
        "--site-dir",
        default=None,
        help="the site to check, built by `python -m tests.build_site DIR` (make test: site)",
    )
