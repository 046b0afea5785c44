"""Is a Chinese page (docs/X.zh.md) in step with its English source (docs/X.md)?

    python -m tests.translation_sync docs/X.zh.md            # status, and what changed in English
    python -m tests.translation_sync --update docs/X.zh.md   # after translating: record the hash

A translation must keep, exactly as in the English page: every fence (code, `--8<--` includes,
`#>` outputs, info strings), every `$$` display-math block, the heading levels and anchors (a
Chinese heading carries the English id as `{ #id }`), the link targets, the admonition types and
the number of content tabs. Its front matter records which English prose it translates:
`translated_from: <sha256 of the English page minus front matter and fences, first 16 hex>`.
Under each heading it has the same blocks in the same order: as many paragraphs, list items,
table rows, admonitions and tabs (a sentence may be reworded, but a paragraph the English does not
have, or one it dropped, fails with the section's anchor).
When the English prose changes, the hash no longer matches; the failure names the page, the last
commit whose English prose had the recorded hash, and the exact `git diff` to read.

The jupytext notebook docs/notebooks/X.zh.py translates docs/notebooks/X.py: the same cells in the
same order, every code cell byte for byte (comments stay English), and in each markdown cell the same
`$$` math, heading levels, link targets and blocks. Its jupytext header records
`translated_from: <sha256 of the English markdown cells, first 16 hex>`.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import pathlib
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SUFFIX = ".zh.md"
NB_SUFFIX = ".zh.py"  # a translated jupytext notebook (docs/notebooks/X.zh.py)

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|\bhref=\"([^\"]+)\"")
ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)")
TAB = re.compile(r"^\s*===\+?\s+\"")


@dataclass
class Page:
    front: dict
    body: str  # the text after the front matter
    fences: list[str]  # each fence's raw lines, opening and closing line included
    prose: str  # body minus fences


def split_page(text: str) -> Page:
    match = FRONT_MATTER.match(text)
    front = (yaml.safe_load(match.group(1)) or {}) if match else {}
    body = text[match.end() :] if match else text
    fences: list[str] = []
    prose: list[str] = []
    current: list[str] | None = None
    marker = ""
    for line in body.split("\n"):
        match_fence = FENCE.match(line)
        if match_fence and match_fence["marker"][0] == "`" and "`" in match_fence["info"]:
            match_fence = None  # inline code, not a fence
        if current is None:
            if match_fence:
                current, marker = [line], match_fence["marker"]
            else:
                prose.append(line)
        else:
            current.append(line)
            if (
                match_fence
                and not match_fence["info"].strip()
                and match_fence["marker"][0] == marker[0]
                and len(match_fence["marker"]) >= len(marker)
            ):
                fences.append("\n".join(current))
                current = None
    if current is not None:
        fences.append("\n".join(current))  # unclosed: still compared byte for byte
    return Page(front, body, fences, "\n".join(prose))


def translations() -> list[pathlib.Path]:
    """Every translation in docs/: the pages (X.zh.md) and the notebooks (X.zh.py)."""
    return sorted([*DOCS.rglob("*" + SUFFIX), *DOCS.rglob("*" + NB_SUFFIX)])


def english_of(zh_path: pathlib.Path) -> pathlib.Path:
    if zh_path.name.endswith(NB_SUFFIX):
        return zh_path.with_name(zh_path.name.removesuffix(NB_SUFFIX) + ".py")
    return zh_path.with_name(zh_path.name.removesuffix(SUFFIX) + ".md")


def is_notebook(path: pathlib.Path) -> bool:
    return path.name.endswith(".py")


def cells(text: str) -> tuple[dict, list[tuple[str, str]]]:
    """A jupytext percent notebook's header metadata and its (cell type, source) list."""
    import jupytext

    notebook = jupytext.reads(text, fmt="py:percent")
    return dict(notebook.metadata), [(c.cell_type, c.source) for c in notebook.cells]


def notebook_prose(text: str) -> str:
    return "\n\n".join(source for kind, source in cells(text)[1] if kind == "markdown")


def notebook_hash(english_text: str) -> str:
    """The hash a translated notebook records: its English markdown cells, joined."""
    prose = "\n".join(line.rstrip() for line in notebook_prose(english_text).strip().split("\n"))
    return hashlib.sha256(prose.encode("utf-8")).hexdigest()[:16]


def hash_of(path: pathlib.Path, english_text: str) -> str:
    return notebook_hash(english_text) if is_notebook(path) else prose_hash(english_text)


def prose_hash(english_text: str) -> str:
    """The hash a translation records: the English page minus front matter and fences."""
    prose = "\n".join(line.rstrip() for line in split_page(english_text).prose.strip().split("\n"))
    return hashlib.sha256(prose.encode("utf-8")).hexdigest()[:16]


def slugify(text: str) -> str:
    """Python-Markdown's toc slug (the default ids) for a heading's text."""
    from markdown.extensions.toc import slugify as md_slugify

    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    return md_slugify(text, "-")


def headings(prose: str) -> list[tuple[int, str | None, str]]:
    """(level, explicit id or None, text) of every heading outside fences."""
    found = []
    for line in prose.split("\n"):
        match = HEADING.match(line)
        if match:
            text = match.group(2)
            explicit = EXPLICIT_ID.search(text)
            found.append((len(match.group(1)), explicit.group(1) if explicit else None, text))
    return found


LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+\.)\s+")
TABLE_ROW = re.compile(r"^\s*\|")


def blocks(prose: str) -> list[tuple[str, list[str]]]:
    """Each section's blocks, in order: [(section, [kind, ...])], a section being the text under
    one heading ("" before the first). A kind is "p" (a paragraph), "li" (one list item),
    "table:<rows>", "!!! <type>", "=== tab", each prefixed by its indentation ("    p" inside an
    admonition or tab). `$$` math and the fences (already removed) are not blocks."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    previous_blank, in_math = True, False
    table_at: int | None = None
    for line in prose.split("\n"):
        stripped = line.strip()
        if stripped == "$$":
            in_math = not in_math
            previous_blank = not in_math
            continue
        if in_math:
            continue
        if not stripped:
            previous_blank, table_at = True, None
            continue
        heading = HEADING.match(line)
        if heading:
            explicit = EXPLICIT_ID.search(heading.group(2))
            title = len(heading.group(1)) == 1
            sections.append(("" if title else explicit.group(1) if explicit else slugify(heading.group(2)), []))
            previous_blank, table_at = True, None
            continue
        kinds = sections[-1][1]
        indent = " " * (4 * ((len(line) - len(line.lstrip())) // 4))
        if ADMONITION.match(line) or TAB.match(line):
            kinds.append(indent + ("=== tab" if TAB.match(line) else "!!! " + ADMONITION.match(line).group(2)))
            previous_blank = True
            continue
        if TABLE_ROW.match(line):
            if table_at is None:
                kinds.append(indent + "table:0")
                table_at = len(kinds) - 1
            if not set(stripped) <= set("|-: "):  # the |---| line is no row
                rows = int(kinds[table_at].split(":")[1]) + 1
                kinds[table_at] = indent + f"table:{rows}"
            previous_blank = False
            continue
        item = LIST_ITEM.match(line)
        if item:
            indent = " " * (4 * (len(item.group(1)) // 4))
            kinds.append(indent + "li")
        elif previous_blank:
            kinds.append(indent + "p")
        previous_blank = False
    return sections


def structure_problems(name: str, en_prose: str, zh_prose: str, where: str = "") -> list[str]:
    """A paragraph, list item, table row, admonition or tab the other language does not have."""
    found = []
    for (anchor, en_kinds), (_, zh_kinds) in zip(blocks(en_prose), blocks(zh_prose)):
        if en_kinds != zh_kinds:
            section = f"section #{anchor}" if anchor else "the text under the title"
            diff = [
                line for line in difflib.unified_diff(en_kinds, zh_kinds, "en", "zh", lineterm="", n=0)
                if not line.startswith(("---", "+++", "@@"))
            ]
            count = lambda kinds, k: sum(x.strip() == k for x in kinds)  # noqa: E731
            found.append(
                f"{name}{where}: {section}: the blocks differ from the English "
                f"({count(zh_kinds, 'p')} paragraphs and {count(zh_kinds, 'li')} list items, English "
                f"{count(en_kinds, 'p')} and {count(en_kinds, 'li')}): {', '.join(diff)}"
            )
    return found


def display_math(prose: str) -> list[str]:
    return [m.strip() for m in re.findall(r"^\s*\$\$\n(.*?)^\s*\$\$", prose, re.DOTALL | re.MULTILINE)]


def links(prose: str) -> Counter:
    return Counter(m.group(1) or m.group(2) for m in LINK.finditer(prose))


def notebook_problems(name: str, en_path: pathlib.Path, en_text: str, zh_text: str) -> list[str]:
    """Every way a translated notebook differs from the English one where it must not."""
    (_, en_cells), (zh_meta, zh_cells) = cells(en_text), cells(zh_text)
    found: list[str] = []
    if [k for k, _ in en_cells] != [k for k, _ in zh_cells]:
        found.append(
            f"{name}: cell types {[k for k, _ in zh_cells]}, English {[k for k, _ in en_cells]}"
        )
    for i, ((kind, a), (_, b)) in enumerate(zip(en_cells, zh_cells)):
        if kind == "code" and a != b:
            diff = "\n".join(difflib.unified_diff(a.split("\n"), b.split("\n"), "en", "zh", lineterm=""))
            found.append(f"{name}: code cell {i + 1} differs from the English one:\n{diff}")
        elif kind == "markdown":
            if display_math(a) != display_math(b):
                found.append(f"{name}: markdown cell {i + 1}: the $$ display math differs")
            if [h[0] for h in headings(a)] != [h[0] for h in headings(b)]:
                found.append(f"{name}: markdown cell {i + 1}: heading levels differ")
            if links(a) != links(b):
                found.append(f"{name}: markdown cell {i + 1}: link targets differ")
            found += structure_problems(name, a, b, f": markdown cell {i + 1}")
    recorded = str(zh_meta.get("translated_from", ""))
    current = notebook_hash(en_text)
    if recorded != current:
        found.append(stale_message(name, en_path, recorded, current))
    return found


def problems(zh_path: pathlib.Path) -> list[str]:
    """Every way docs/X.zh.md differs from docs/X.md where it must not; [] when in step."""
    en_path = english_of(zh_path)
    name = shown(zh_path)
    if not en_path.is_file():
        return [f"{name}: no English page {shown(en_path)} to translate"]
    en_text, zh_text = en_path.read_text(encoding="utf-8"), zh_path.read_text(encoding="utf-8")
    if is_notebook(zh_path):
        return notebook_problems(name, en_path, en_text, zh_text)
    en, zh = split_page(en_text), split_page(zh_text)
    found: list[str] = []

    if en.fences != zh.fences:
        for i, (a, b) in enumerate(zip(en.fences, zh.fences)):
            if a != b:
                diff = "\n".join(difflib.unified_diff(a.split("\n"), b.split("\n"), "en", "zh", lineterm=""))
                found.append(f"{name}: fence {i + 1} differs from the English one:\n{diff}")
                break
        if len(en.fences) != len(zh.fences):
            found.append(f"{name}: {len(zh.fences)} fences, the English page has {len(en.fences)}")
    if display_math(en.prose) != display_math(zh.prose):
        found.append(f"{name}: the $$ display math differs from the English page's")

    en_heads, zh_heads = headings(en.prose), headings(zh.prose)
    if [h[0] for h in en_heads] != [h[0] for h in zh_heads]:
        found.append(
            f"{name}: heading levels {[h[0] for h in zh_heads]}, English {[h[0] for h in en_heads]}"
        )
    for (level, en_id, en_title), (_, zh_id, zh_title) in zip(en_heads, zh_heads):
        if level == 1:
            continue  # the title: no anchor to keep
        want = en_id or slugify(en_title)
        if zh_id != want:
            found.append(f"{name}: heading {zh_title!r} needs {{ #{want} }} (from {en_title!r})")

    if links(en.prose) != links(zh.prose):
        missing = links(en.prose) - links(zh.prose)
        extra = links(zh.prose) - links(en.prose)
        found.append(
            f"{name}: link targets differ: missing {sorted(missing.elements())}, "
            f"extra {sorted(extra.elements())}"
        )
    en_adm = [m.group(2) for m in map(ADMONITION.match, en.prose.split("\n")) if m]
    zh_adm = [m.group(2) for m in map(ADMONITION.match, zh.prose.split("\n")) if m]
    if en_adm != zh_adm:
        found.append(f"{name}: admonitions {zh_adm}, English {en_adm}")
    en_tabs = sum(bool(TAB.match(line)) for line in en.prose.split("\n"))
    zh_tabs = sum(bool(TAB.match(line)) for line in zh.prose.split("\n"))
    if en_tabs != zh_tabs:
        found.append(f"{name}: {zh_tabs} content tabs, English {en_tabs}")

    if not found:  # the same headings: compare each section's paragraphs, items, rows, boxes
        found += structure_problems(name, en.prose, zh.prose)

    recorded = str(zh.front.get("translated_from", ""))
    current = prose_hash(en_text)
    if recorded != current:
        found.append(stale_message(name, en_path, recorded, current))
    return found


def shown(path: pathlib.Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def commit_with_hash(en_path: pathlib.Path, recorded: str, root: pathlib.Path = ROOT) -> str | None:
    """The newest commit whose version of the English page has the recorded prose hash."""
    if not en_path.is_relative_to(root):
        return None
    rel = en_path.relative_to(root).as_posix()
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H", "--follow", "--", rel],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout.split()
        for commit in log:
            shown = subprocess.run(
                ["git", "show", f"{commit}:{rel}"], cwd=root, capture_output=True, text=True
            )
            if shown.returncode == 0 and hash_of(en_path, shown.stdout) == recorded:
                return commit
    except (OSError, subprocess.CalledProcessError):
        return None
    return None


def is_shallow(root: pathlib.Path = ROOT) -> bool:
    """Whether ``root`` is a shallow clone (`git clone --depth 1`, as CI checks out)."""
    done = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root,
                          capture_output=True, text=True)
    return done.stdout.strip() == "true"


def stale_message(
    name: str, en_path: pathlib.Path, recorded: str, current: str, root: pathlib.Path = ROOT
) -> str:
    rel = en_path.relative_to(root).as_posix() if en_path.is_relative_to(root) else str(en_path)
    if not recorded:
        how = f"translate it, then record the hash: python -m tests.translation_sync --update {name}"
        return f"{name}: no `translated_from:` in its front matter; {how}"
    commit = commit_with_hash(en_path, recorded, root)
    if commit:
        where = (
            f"the English prose changed since commit {commit[:12]}. See what changed:\n"
            f"    git diff {commit[:12]} -- {rel}\n"
            f"(or `python -m tests.translation_sync {name}` for the prose diff alone)"
        )
    elif en_path.is_relative_to(root) and is_shallow(root):
        where = (
            f"this clone is shallow, so the commit that had the recorded prose is not here: "
            f"`git fetch --unshallow`, then run `python -m tests.translation_sync {name}`"
        )
    else:
        where = (
            f"no commit of {rel} has the recorded prose hash {recorded} (translated from uncommitted"
            f" text?); read `git log -p --follow -- {rel}`"
        )
    return (
        f"{name} is behind {rel}: it records translated_from: {recorded}, the English prose is "
        f"now {current}; {where}. Update the Chinese text, then run "
        f"`python -m tests.translation_sync --update {name}`."
    )


def update_hash(zh_path: pathlib.Path) -> str:
    en_path = english_of(zh_path)
    current = hash_of(en_path, en_path.read_text(encoding="utf-8"))
    text = zh_path.read_text(encoding="utf-8")
    if is_notebook(zh_path):  # a key of the jupytext header (# jupyter: ...)
        line = f"#   translated_from: {current}"
        if re.search(r"^#   translated_from:.*$", text, re.MULTILINE):
            text = re.sub(r"^#   translated_from:.*$", line, text, count=1, flags=re.MULTILINE)
        elif text.startswith("# ---\n# jupyter:\n"):
            text = text.replace("# jupyter:\n", f"# jupyter:\n{line}\n", 1)
        else:
            raise ValueError(f"{shown(zh_path)}: no jupytext header (# --- / # jupyter:) to record the hash in")
        zh_path.write_text(text, encoding="utf-8")
        return current
    match = FRONT_MATTER.match(text)
    if not match:
        text = f"---\ntranslated_from: {current}\n---\n\n" + text
    elif re.search(r"^translated_from:.*$", match.group(1), re.MULTILINE):
        front = re.sub(r"^translated_from:.*$", f"translated_from: {current}", match.group(1), flags=re.MULTILINE)
        text = f"---\n{front}---\n" + text[match.end() :]
    else:
        text = f"---\n{match.group(1)}translated_from: {current}\n---\n" + text[match.end() :]
    zh_path.write_text(text, encoding="utf-8")
    return current


def prose_diff(zh_path: pathlib.Path) -> str:
    """The English prose diff since the recorded version (empty when none is found or unchanged)."""
    en_path = english_of(zh_path)
    zh_text = zh_path.read_text(encoding="utf-8")
    notebook = is_notebook(zh_path)
    front = cells(zh_text)[0] if notebook else split_page(zh_text).front
    recorded = str(front.get("translated_from", ""))
    commit = commit_with_hash(en_path, recorded) if recorded else None
    if not commit:
        return ""
    rel = en_path.relative_to(ROOT).as_posix()
    old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=ROOT, capture_output=True, text=True).stdout
    prose = notebook_prose if notebook else (lambda text: split_page(text).prose)
    a = prose(old).split("\n")
    b = prose(en_path.read_text(encoding="utf-8")).split("\n")
    return "\n".join(difflib.unified_diff(a, b, f"{rel}@{commit[:12]}", rel, lineterm=""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=pathlib.Path, help="docs/X.zh.md or docs/notebooks/X.zh.py (default: all)")
    parser.add_argument("--update", action="store_true", help="record the English prose hash")
    args = parser.parse_args(argv)
    pages = [p.resolve() for p in args.pages] or translations()
    failed = 0
    for page in pages:
        name = shown(page)
        if args.update:
            print(f"{name}: translated_from: {update_hash(page)}")
        diff = prose_diff(page)
        found = problems(page)
        if diff:
            print(diff)
        print(f"{name}: in step" if not found else "\n".join(found))
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
