"""The Chinese pages use one rendering per term: the glossary's, never a variant it lists.

The single source is the glossary table on docs/notation.zh.md (`## 中英术语对照 { #glossary }`):
its 中文 column holds the rendering the pages use (several, separated by "，"; a gloss in "（…）" is
the form used where the term is defined), and its 不用 column the renderings they must not use
(separated by "、"; a variant ending in "（标题）" is checked in headings only). Every `.zh.md`
page and every markdown cell of a zh notebook is read line by line, with code, math, link
targets and HTML tags removed; a failure names the page, the line and the rendering to use.

A tab named in prose (“修正”选项卡) is a tab label of the page or of a page the line links to.

Link texts on the zh pages that name a page or a section name it as its Chinese title: a link text
that does not contain the target's title (its H1, its zh nav title, or the heading its anchor points
to; each also without its gloss) but is close to one (difflib ratio >= 0.5, a trailing 页 or 一页
aside: 形状与分割 for 形状与语义分割, 加权变体 for 加权版本) fails. Link texts unlike any title
("在那一页演示", "原因") are prose and pass.
"""

from __future__ import annotations

import difflib
import pathlib
import re
from dataclasses import dataclass

import pytest
import yaml

from tests import translation_sync as sync
from tests.fences import fence_spans

DOCS = sync.DOCS
GLOSSARY_PAGE = DOCS / "notation.zh.md"
HEADING_ONLY = "（标题）"


@dataclass(frozen=True)
class Variant:
    text: str  # the rendering not to use
    use: str  # the glossary's rendering
    english: str
    heading_only: bool


def glossary_rows(text: str) -> list[dict[str, str]]:
    """The glossary table's rows as {column name: cell}."""
    section = text.split("{ #glossary }", 1)[1]
    table = [line for line in section.split("\n") if line.startswith("|")]
    header = [c.strip() for c in table[0].strip("|").split("|")]
    rows = []
    for line in table[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rows.append(dict(zip(header, cells)))
    return rows


def renderings(cell: str) -> list[str]:
    """The forms a 中文 cell allows: each "，"-separated rendering, with and without its gloss."""
    forms = []
    for part in (p.strip() for p in cell.split("，")):
        if part:
            forms += [part, re.sub(r"（[^）]*）", "", part).strip()]
    return [f for f in forms if f]


def load_glossary(text: str) -> tuple[list[str], list[Variant]]:
    allowed: list[str] = []
    variants: list[Variant] = []
    for row in glossary_rows(text):
        allowed += renderings(row["中文"])
        for variant in filter(None, (v.strip() for v in row.get("不用", "").split("、"))):
            heading_only = variant.endswith(HEADING_ONLY)
            variants.append(
                Variant(variant.removesuffix(HEADING_ONLY), row["中文"], row["English"], heading_only)
            )
    # Longest first: 原始得分 is reported as itself, not as the 得分 inside it.
    return sorted(set(allowed), key=len, reverse=True), sorted(variants, key=lambda v: -len(v.text))


ALLOWED, VARIANTS = load_glossary(GLOSSARY_PAGE.read_text(encoding="utf-8"))

INLINE = [
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\$[^$]*\$"),  # inline math
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"<[^>]+>"),  # HTML tags and attributes
    re.compile(r"\{\s*#[^}]*\}"),  # heading ids
]


def prose_lines(path: pathlib.Path) -> list[tuple[int, str]]:
    """(line number, prose) of a zh page or notebook: no fences, display math or front matter
    other than the description (shown in search results)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found: list[tuple[int, str]] = []
    if path.suffix == ".py":
        markdown = False
        for number, line in enumerate(lines, 1):
            if line.startswith("# %%"):
                markdown = "[markdown]" in line
            elif markdown and (line.startswith("# ") or line == "#"):
                found.append((number, line[2:]))
        return _without_math(found)
    start = 0
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        found += [(i + 1, l) for i, l in enumerate(lines[1:end], 1) if l.startswith("description:")]
        start = end + 1
    fenced = {i for a, b in fence_spans(lines[start:]) for i in range(start + a, start + b + 1)}
    found += [(i + 1, line) for i, line in enumerate(lines) if i >= start and i not in fenced]
    return _without_math(found)


def _without_math(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    kept, in_math = [], False
    for number, line in lines:
        if line.strip() == "$$":
            in_math = not in_math
            continue
        if not in_math:
            for pattern in INLINE:
                line = pattern.sub(" ", line)
            kept.append((number, line))
    return kept


def glossary_lines(path: pathlib.Path) -> set[int]:
    """The glossary table's own lines, where the variants are listed on purpose."""
    if path != GLOSSARY_PAGE:
        return set()
    text = path.read_text(encoding="utf-8")
    first = text[: text.index("{ #glossary }")].count("\n") + 1
    return {
        n for n, line in enumerate(text.split("\n"), 1) if n > first and line.startswith("|")
    }


def term_problems(path: pathlib.Path, allowed=None, variants=None) -> list[str]:
    allowed = ALLOWED if allowed is None else allowed
    variants = VARIANTS if variants is None else variants
    skip = glossary_lines(path)
    name = sync.shown(path)
    found = []
    for number, line in prose_lines(path):
        if number in skip:
            continue
        heading = bool(sync.HEADING.match(line))
        for variant in variants:
            if variant.heading_only and not heading:
                continue
            if any(not excused(line, at, variant.text, allowed) for at in occurrences(line, variant.text)):
                bare = re.sub(r"（[^）]*）", "", variant.use)
                where = f", glossed “{variant.use}” where it is defined" if bare != variant.use else ""
                found.append(
                    f"{name}:{number}: “{variant.text}” is not the glossary's rendering of "
                    f"{variant.english!r}: write “{bare}”{where} (docs/notation.zh.md#glossary)"
                )
                line = line.replace(variant.text, "\0" * len(variant.text))  # once per line
    return found


def occurrences(line: str, text: str) -> list[int]:
    return [i for i in range(len(line)) if line.startswith(text, i)]


def excused(line: str, at: int, variant: str, allowed: list[str]) -> bool:
    """Whether the variant at `at` lies inside a longer allowed rendering: 上转 in 向上转换,
    词元 in token（词元）, 得分 in logits（未归一化的得分）."""
    for form in allowed:
        if variant in form and len(form) > len(variant):
            for start in occurrences(line, form):
                if start <= at and at + len(variant) <= start + len(form):
                    return True
    return False


ZH_FILES = sync.translations()


def test_the_glossary_lists_variants() -> None:
    assert len(VARIANTS) >= 20, VARIANTS
    assert any(v.text == "词元" and v.use.startswith("token") for v in VARIANTS)


@pytest.mark.parametrize("path", ZH_FILES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_zh_page_uses_the_glossary_renderings(path: pathlib.Path) -> None:
    problems = term_problems(path)
    assert not problems, "\n".join(problems)


GLOSSARY = """
## 中英术语对照 {{ #glossary }}

| English | 中文 | 不用 | 位置 |
|---|---|---|---|
| token | token（词元） | 词元 | |
| upcast | 向上转换 | 上转 | |
| loss | 损失 | 得分 | |
| logits | logits（未归一化的得分） | 原始得分 | |
| "Next" | 下一步 | 接下来{heading} | |
| target | 目标 |  | |
| soft label | 软标签 | 软目标 | |
""".format(heading=HEADING_ONLY)

PAGE = """---
description: 每 token 的损失。
---

# 标题

每个 token 的损失；token（词元）在定义处加注。logits（未归一化的得分）。

```python
x = "词元"  # code is not prose
```

$$
\\text{词元}
$$

向上转换为 float32，`上转` 在代码里不算。接下来讲梯度。

## 下一步 { #next }
"""


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("每个 token 的损失", "每个词元的损失", "“词元” is not the glossary's rendering of 'token': write “token”, glossed “token（词元）” where"),
        ("向上转换为", "上转为", "“上转” is not the glossary's rendering of 'upcast'"),
        ("logits（未归一化的得分）", "原始得分", "“原始得分”"),
        ("每 token 的损失。", "每 token 的得分。", ":2: “得分”"),
        ("## 下一步", "## 接下来", "“接下来”"),
        ("每个 token 的损失", "每个软目标的损失", "“软目标”"),  # 目标 is allowed, 软目标 is not
    ],
)
def test_a_variant_fails_with_page_line_and_the_rendering(
    tmp_path: pathlib.Path, old: str, new: str, message: str
) -> None:
    allowed, variants = load_glossary(GLOSSARY)
    page = tmp_path / "page.zh.md"
    page.write_text(PAGE, encoding="utf-8")
    assert term_problems(page, allowed, variants) == []
    assert old in PAGE
    page.write_text(PAGE.replace(old, new, 1), encoding="utf-8")
    problems = term_problems(page, allowed, variants)
    assert len(problems) == 1 and message in problems[0], problems
    assert problems[0].startswith(f"{page}:")


def test_a_variant_in_a_notebook_markdown_cell_fails(tmp_path: pathlib.Path) -> None:
    allowed, variants = load_glossary(GLOSSARY)
    notebook = tmp_path / "nb.zh.py"
    notebook.write_text(
        "# ---\n# jupyter:\n#   x: 1\n# ---\n\n# %% [markdown]\n# 每个词元\n\n# %%\nx = '词元'\n",
        encoding="utf-8",
    )
    problems = term_problems(notebook, allowed, variants)
    assert len(problems) == 1 and ":7:" in problems[0], problems


# --------------------------------------------------------------------------------------------------
# Link texts name the target by its Chinese title
# --------------------------------------------------------------------------------------------------
LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")


def nav_titles() -> dict[str, str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    nav = yaml.load((sync.ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]
    titles: dict[str, str] = {}

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value)
                    else:
                        titles[value] = title

    walk(nav)
    return titles


def clean(title: str) -> str:
    return re.sub(r"\s*\{[^}]*\}\s*$", "", title).replace("`", "").strip()


def titles_of(page: pathlib.Path) -> tuple[list[str], dict[str, str]]:
    """The page's own names (H1, and the H1 without its gloss) and {anchor: heading}."""
    names, anchors = [], {}
    for section in sync.outline(sync.read(page).prose[0])[1:]:
        if section.level == 1 and not names:
            names = [clean(section.title), re.sub(r"（[^）]*）", "", clean(section.title)).strip()]
        if section.id:
            anchors[section.id] = clean(section.title)
    return names, anchors


def link_text_problems(path: pathlib.Path, nav: dict[str, str]) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        for match in LINK.finditer(line):
            text, target = clean(match.group(1)), match.group(2)
            if target.startswith(("http:", "https:", "#")):
                continue
            file, _, anchor = target.split("?")[0].partition("#")
            if not file.endswith((".md", ".py")):
                continue
            resolved = (path.parent / file).resolve()
            zh = resolved.with_name(resolved.name.removesuffix(".md") + ".zh.md")
            if not zh.is_file():
                continue
            names, anchors = titles_of(zh)
            nav_title = nav.get(resolved.relative_to(DOCS).as_posix()) if resolved.is_relative_to(DOCS) else None
            names += [nav_title] if nav_title else []
            if anchor in anchors:  # the heading, with and without a gloss in （…）
                names += [anchors[anchor], re.sub(r"（[^）]*）", "", anchors[anchor]).strip()]
            bare = re.sub(r"一?页$", "", text)
            if any(name and name in text for name in names):
                continue  # names it exactly (perhaps inside a longer phrase)
            close = max(difflib.SequenceMatcher(None, bare, name).ratio() for name in names)
            if close >= 0.5:
                found.append(
                    f"{sync.shown(path)}:{number}: link text “{match.group(1)}” almost names "
                    f"{target}; use its title: {' / '.join(dict.fromkeys(names))}"
                )
    return found


ZH_PAGES = [p for p in ZH_FILES if p.name.endswith(".zh.md")]


@pytest.mark.parametrize("path", ZH_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_zh_link_texts_use_the_target_title(path: pathlib.Path) -> None:
    problems = link_text_problems(path, nav_titles())
    assert not problems, "\n".join(problems)


def test_a_near_miss_link_text_fails(tmp_path: pathlib.Path) -> None:
    (tmp_path / "shapes.zh.md").write_text("# 形状与语义分割\n\n## 通道在后 { #channels-last }\n", encoding="utf-8")
    page = tmp_path / "page.zh.md"
    for text, bad in [
        ("形状与语义分割", False),
        ("在形状与语义分割一页", False),
        ("通道在后", False),
        ("改用别的说法", False),
        ("形状与分割", True),
    ]:
        page.write_text(f"# 页\n\n见[{text}](shapes.md#channels-last)。\n", encoding="utf-8")
        problems = link_text_problems(page, {})
        assert bool(problems) == bad, (text, problems)
    assert ":3: link text “形状与分割”" in problems[0]


# --------------------------------------------------------------------------------------------------
# A tab named in prose (“修正”选项卡) is a tab label of this page or of a page the line links to
# --------------------------------------------------------------------------------------------------
TAB_IN_PROSE = re.compile(r"(?:“([^”]{1,30})”\s*|\s([A-Za-z][\w ]{0,20}?)\s)(?:选项卡|标签页)")
TAB_LABEL = re.compile(r'^\s*===\+?\s+"([^"]*)"', re.MULTILINE)


def tab_labels(page: pathlib.Path) -> set[str]:
    return set(TAB_LABEL.findall(page.read_text(encoding="utf-8"))) if page.is_file() else set()


def tab_name_problems(path: pathlib.Path) -> list[str]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        for match in TAB_IN_PROSE.finditer(line):
            labels = tab_labels(path)
            for target in LINK.findall(line):
                file = target[1].split("#")[0].split("?")[0]
                if file.endswith(".md"):
                    linked = (path.parent / file).resolve()
                    labels |= tab_labels(linked.with_name(linked.name.removesuffix(".md") + ".zh.md"))
            name = match.group(1) or match.group(2)
            if name not in labels:
                found.append(
                    f"{sync.shown(path)}:{number}: prose names the tab “{name}”, but no tab "
                    f"of this page or of a page the line links to has that label: {sorted(labels)}"
                )
    return found


@pytest.mark.parametrize("path", ZH_PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_zh_prose_names_tabs_by_their_labels(path: pathlib.Path) -> None:
    problems = tab_name_problems(path)
    assert not problems, "\n".join(problems)


def test_a_tab_named_by_its_english_label_fails(tmp_path: pathlib.Path) -> None:
    (tmp_path / "pitfalls.zh.md").write_text('# 页\n\n=== "错误"\n\n    a\n\n=== "修正"\n\n    b\n', encoding="utf-8")
    page = tmp_path / "page.zh.md"
    page.write_text("# 页\n\n（[运行](pitfalls.md#x)，见其“修正”选项卡）\n", encoding="utf-8")
    assert tab_name_problems(page) == []
    for prose in ("见其“Fixed”标签页", "见其 Fixed 标签页"):
        page.write_text(f"# 页\n\n（[运行](pitfalls.md#x)，{prose}）\n", encoding="utf-8")
        problems = tab_name_problems(page)
        assert len(problems) == 1 and ":3: prose names the tab “Fixed”" in problems[0], problems
