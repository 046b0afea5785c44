"""The Chinese edition keeps step with the English one (tests/translation_sync.py holds the rules).

Per docs/X.zh.md: the fences, `$$` math, heading levels and anchors, link targets, admonition types
and tab counts are the English page's, and `translated_from:` is the hash of the English prose as it
is now. mkdocs.zh.yml lists the English nav paths in the same order, and restates `plugins` and
`extra_css` (lists replace on INHERIT) as the English ones plus only the Chinese additions.

Because the fences of a zh page are byte-identical to the English page's (checked here) and include
the same snippet files, pytest does not run them a second time (conftest.py ignores *.zh.md for the
fence tests): their outputs are proven by the English page's run.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest
import yaml

from tests import translation_sync as sync

ROOT = sync.ROOT
ZH_PAGES = sync.translations()  # docs/**/X.zh.md and docs/notebooks/X.zh.py


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV, !!python/name: ...


def config(name: str) -> dict:
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=_Loader)


def nav_paths(nav: list) -> list[str]:
    paths: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        paths += nav_paths(value) if isinstance(value, list) else [value]
    return paths


def test_there_are_translations() -> None:
    assert ZH_PAGES, "no docs/*.zh.md found: the sync check would check nothing"


@pytest.mark.parametrize("page", ZH_PAGES, ids=lambda p: p.relative_to(sync.DOCS).as_posix())
def test_translation_is_in_step_with_its_english_page(page: pathlib.Path) -> None:
    problems = sync.problems(page)
    assert not problems, "\n".join(problems)


def test_zh_nav_lists_the_english_paths_in_the_same_order() -> None:
    en, zh = nav_paths(config("mkdocs.yml")["nav"]), nav_paths(config("mkdocs.zh.yml")["nav"])
    assert zh == en


def plugin_names(plugins: list) -> list[str]:
    return [next(iter(p)) if isinstance(p, dict) else p for p in plugins]


def test_zh_config_restates_the_english_lists_with_only_the_chinese_additions() -> None:
    en, zh = config("mkdocs.yml"), config("mkdocs.zh.yml")
    assert zh["extra_css"] == en["extra_css"] + ["assets/stylesheets/zh.css"]
    assert plugin_names(zh["plugins"]) == plugin_names(en["plugins"])
    for en_plugin, zh_plugin in zip(en["plugins"], zh["plugins"]):
        name = plugin_names([en_plugin])[0]
        if name == "search":
            continue  # the Chinese separator and jieba dictionary
        assert zh_plugin == en_plugin, f"mkdocs.zh.yml's {name} options differ from mkdocs.yml's"
    search = next(p["search"] for p in zh["plugins"] if isinstance(p, dict) and "search" in p)
    assert "\\u200b" in search["separator"]
    assert "jieba_dict_user" not in search  # hooks/jieba_words.py adds those words, once a process


def test_english_build_excludes_the_chinese_pages() -> None:
    assert config("mkdocs.yml")["exclude_docs"].split() == ["*.zh.md", "*.zh.py", "*.zh.svg"]


# --------------------------------------------------------------------------------------------------
# The check fails on each kind of drift: a page pair in a temporary folder, one rule broken at a time
# --------------------------------------------------------------------------------------------------
EN = """---
description: An example.
---

# Title

Some prose with a [link](other.md#anchor).

- One item, wrapped
  onto a second line.
- Another item.

| a | b |
|---|---|
| 1 | 2 |

## A section

$$
a = b
$$

!!! note "Note"

    Inside.

=== "One"

    Tab one.

=== "Two"

    Tab two.

```python
print(1)
#> 1
```
"""

ZH = """---
description: 例子。
translated_from: {hash}
---

# 标题

一些文字，带一个[链接](other.md#anchor)。

- 一项，不换行。
- 另一项。

| a | b |
|---|---|
| 1 | 2 |

## 一节 {{ #a-section }}

$$
a = b
$$

!!! note "注意"

    里面。

=== "一"

    第一个标签页。

=== "二"

    第二个标签页。

```python
print(1)
#> 1
```
"""


def page_hash(text: str) -> str:
    return sync.english_hash(pathlib.Path("page.md"), text)


def pair(tmp_path: pathlib.Path, en: str = EN, zh: str | None = None) -> pathlib.Path:
    (tmp_path / "page.md").write_text(en, encoding="utf-8")
    zh_path = tmp_path / "page.zh.md"
    zh_path.write_text(zh or ZH.format(hash=page_hash(en)), encoding="utf-8")
    return zh_path


def test_the_example_pair_is_in_step(tmp_path: pathlib.Path) -> None:
    assert sync.problems(pair(tmp_path)) == []


BROKEN = {
    "a changed output": ("#> 1", "#> 2", "fence 1 differs"),
    "a changed display formula": ("a = b", "a = c", "display math"),
    "a lost anchor": ("{ #a-section }", "", "needs { #a-section }"),
    "a changed heading level": ("## 一节", "### 一节", "heading levels"),
    "a changed link": ("other.md#anchor", "other.md", "link targets differ"),
    "a changed admonition type": ('!!! note "注意"', '!!! tip "注意"', "-!!! note, +!!! tip"),
    "a lost tab": ('=== "二"\n\n    第二个标签页。\n', "", "-=== tab, -    p"),
    "an added paragraph": ("带一个[链接](other.md#anchor)。\n", "带一个[链接](other.md#anchor)。\n\n英文没有的一段。\n", "the text under the title: the blocks differ"),
    "a dropped paragraph in an admonition": ("\n    里面。\n", "\n", "section #a-section: the blocks differ"),
    "two list items merged": ("- 一项，不换行。\n- 另一项。", "- 一项，不换行；另一项。", "Chinese only): -li"),
    "a lost table row": ("| 1 | 2 |\n", "", "Chinese only): -row"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_each_rule_fails_when_broken(tmp_path: pathlib.Path, case: str) -> None:
    old, new, message = BROKEN[case]
    good = ZH.format(hash=page_hash(EN))
    assert old in good
    problems = sync.problems(pair(tmp_path, zh=good.replace(old, new, 1)))
    assert any(message in p for p in problems), problems


def test_a_changed_english_paragraph_fails_with_the_page_and_the_command(
    tmp_path: pathlib.Path,
) -> None:
    zh = pair(tmp_path)
    (tmp_path / "page.md").write_text(EN.replace("Some prose", "Changed prose"), encoding="utf-8")
    problems = sync.problems(zh)
    assert len(problems) == 1 and "page.zh.md is behind" in problems[0], problems
    assert "--update" in problems[0] and "git log -p --follow" in problems[0]


def test_an_english_code_change_alone_is_caught_by_the_fences_not_the_hash(
    tmp_path: pathlib.Path,
) -> None:
    zh = pair(tmp_path)
    (tmp_path / "page.md").write_text(EN.replace("print(1)", "print(2)"), encoding="utf-8")
    problems = sync.problems(zh)
    assert len(problems) == 1 and "fence 1 differs" in problems[0], problems


def git(cwd: pathlib.Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def history(tmp_path: pathlib.Path) -> tuple[pathlib.Path, str, str]:
    """A repository of its own: docs/page.md committed, then committed again with other prose."""
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q")
    page = repo / "docs" / "page.md"
    page.write_text(EN, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    first = git(repo, "rev-parse", "HEAD")
    page.write_text(EN.replace("Some prose", "Other prose"), encoding="utf-8")
    git(repo, "commit", "-qam", "second")
    return repo, first, page_hash(EN)


def test_a_stale_page_names_the_commit_and_the_git_diff_to_read(history) -> None:
    repo, first, recorded = history
    page = repo / "docs" / "page.md"
    assert recorded != sync.english_hash(page)
    message = sync.stale_message("docs/page.zh.md", page, recorded, "now", root=repo)
    assert f"git diff {first[:12]} -- docs/page.md" in message, message
    assert "\n-Some prose with a [link]" in message and "\n+Other prose with" in message, message


def test_in_a_shallow_clone_a_stale_page_says_how_to_fetch_the_history(
    history, tmp_path: pathlib.Path
) -> None:
    repo, _, recorded = history
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    assert git(clone, "rev-parse", "--is-shallow-repository") == "true"
    message = sync.stale_message("docs/page.zh.md", clone / "docs" / "page.md", recorded, "now",
                                 root=clone)
    assert "shallow" in message and "git fetch --unshallow" in message, message


def test_the_command_prints_the_status(tmp_path: pathlib.Path) -> None:
    zh = pair(tmp_path)
    ran = subprocess.run(
        [sys.executable, "-m", "tests.translation_sync", str(zh)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert ran.returncode == 0 and "in step" in ran.stdout, ran.stdout + ran.stderr
    zh.write_text(zh.read_text(encoding="utf-8").replace("translated_from", "x"), encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-m", "tests.translation_sync", "--update", str(zh)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert f"translated_from: {page_hash(EN)}" in zh.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# The notebook pair (docs/notebooks/X.zh.py): code cells byte for byte, English markdown hashed
# --------------------------------------------------------------------------------------------------
NB_EN = """# ---
# jupyter:
#   description: An example.
# ---

# %% [markdown]
# # Title
#
# Prose with a [link](../../notation/).

# %%
import torch  # a comment stays English

print(torch.tensor(1.0))

# %% [markdown]
# ## The end
#
# $$
# a = b
# $$
"""

NB_ZH = """# ---
# jupyter:
#   translated_from: {hash}
#   description: 例子。
# ---

# %% [markdown]
# # 标题
#
# 带一个[链接](../../notation/)的文字。

# %%
import torch  # a comment stays English

print(torch.tensor(1.0))

# %% [markdown]
# ## 结尾
#
# $$
# a = b
# $$
"""


def nb_hash(text: str) -> str:
    return sync.english_hash(pathlib.Path("nb.py"), text)


def notebook_pair(tmp_path: pathlib.Path, zh: str | None = None) -> pathlib.Path:
    (tmp_path / "nb.py").write_text(NB_EN, encoding="utf-8")
    zh_path = tmp_path / "nb.zh.py"
    zh_path.write_text(zh or NB_ZH.format(hash=nb_hash(NB_EN)), encoding="utf-8")
    return zh_path


def test_every_notebook_is_among_the_translations() -> None:
    notebooks = sync.DOCS / "notebooks"
    english = [p for p in sorted(notebooks.glob("*.py")) if not p.name.endswith(sync.NB_SUFFIX)]
    assert english, f"no notebook in {notebooks}"
    untranslated = [p.name for p in english if p.with_suffix(sync.NB_SUFFIX) not in ZH_PAGES]
    assert untranslated == [], "each notebook needs its X.zh.py, checked like the pages"


def test_the_example_notebook_pair_is_in_step(tmp_path: pathlib.Path) -> None:
    assert sync.problems(notebook_pair(tmp_path)) == []


NB_BROKEN = {
    "a changed code cell": ("print(torch.tensor(1.0))", "print(torch.tensor(2.0))", "cell 2 differs"),
    "a translated code comment": ("# a comment stays English", "# 注释", "cell 2 differs"),
    "a changed display formula": ("# a = b", "# a = c", "display math"),
    "a changed link": ("](../../notation/)", "](../notation/)", "link targets differ"),
    "a lost cell": ("# %% [markdown]\n# ## 结尾", "# ## 结尾", "2 cells, the English has 3"),
    "an added paragraph": ("的文字。\n", "的文字。\n#\n# 英文没有的一段。\n", "markdown cell 1: the text under the title: the blocks differ"),
}


@pytest.mark.parametrize("case", NB_BROKEN, ids=list(NB_BROKEN))
def test_each_notebook_rule_fails_when_broken(tmp_path: pathlib.Path, case: str) -> None:
    old, new, message = NB_BROKEN[case]
    good = NB_ZH.format(hash=nb_hash(NB_EN))
    assert old in good
    problems = sync.problems(notebook_pair(tmp_path, zh=good.replace(old, new, 1)))
    assert any(message in p for p in problems), problems


def test_a_changed_english_markdown_cell_fails_and_update_records_the_new_hash(
    tmp_path: pathlib.Path,
) -> None:
    zh = notebook_pair(tmp_path)
    changed = NB_EN.replace("Prose with", "Changed prose with")
    (tmp_path / "nb.py").write_text(changed, encoding="utf-8")
    problems = sync.problems(zh)
    assert len(problems) == 1 and "nb.zh.py is behind" in problems[0], problems
    # A code change in English alone is caught by the code cells, not by the hash.
    assert nb_hash(NB_EN.replace("1.0", "3.0")) == nb_hash(NB_EN)
    assert sync.update_hash(zh) == nb_hash(changed)
    assert sync.problems(zh) == []
    zh.write_text(zh.read_text(encoding="utf-8").replace("#   translated_from", "#   x"), encoding="utf-8")
    sync.update_hash(zh)  # no key yet: inserted into the jupytext header
    assert sync.problems(zh) == []
