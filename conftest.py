"""Root conftest: load the output-checking plugin and keep non-test Python out of collection.

With --markdown-docs, pytest-markdown-docs imports every .py file on the test paths to look for
fences in docstrings; importing a snippet or the notebook would run it, so they are excluded here.
"""

pytest_plugins = ["tests.doc_outputs", "pytester"]

collect_ignore = ["snippets", "site", "overrides", "hooks", ".venv"]
collect_ignore_glob = ["docs/notebooks/*", "docs/assets/*"]
