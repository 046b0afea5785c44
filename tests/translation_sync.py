"""Is a Chinese page (docs/X.zh.md, or a notebook docs/notebooks/X.zh.py) in step with its English?

    python -m tests.translation_sync [docs/X.zh.md ...]     # status, and what changed in English
    python -m tests.translation_sync --update docs/X.zh.md  # after translating: record the hash

A translation keeps the English page's fences (a notebook: its cells, code cells byte for byte),
`$$` math, link targets, heading levels and anchors (`## 标题 { #english-id }`; not in notebooks),
and under each heading the same blocks in the same order: paragraphs, list items, table rows,
admonitions and tabs. Its `translated_from:` (front matter, or jupytext header) is a hash of the
English prose it translates, so a change to that prose fails until the translation catches up.
"""

import argparse
import difflib
import hashlib
import pathlib
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field

import yaml

from tests.fences import CONTAINER, ROOT, fence_spans, shown

DOCS = ROOT / "docs"
SUFFIX, NB_SUFFIX = ".zh.md", ".zh.py"

FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
MARKUP = re.compile(r"[`*_]|\[([^\]]*)\]\([^)]*\)")  # what a heading's slug leaves out
EXPLICIT_ID = re.compile(r"\{\s*#([\w-]+)[^}]*\}\s*$")
DISPLAY_MATH = re.compile(r"^\s*\$\$\n(.*?)^\s*\$\$", re.DOTALL | re.M)
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|\bhref=\"([^\"]+)\"")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


@dataclass
class Page:
    front: dict  # front matter, or a notebook's jupytext metadata
    code: list[str]  # the fences, or a notebook's cells (a markdown cell as its marker)
    prose: list[str]  # the text outside fences; a notebook: each markdown cell


def read(path: pathlib.Path, text: str | None = None) -> Page:
    text = path.read_text(encoding="utf-8") if text is None else text
    if path.suffix == ".py":
        import jupytext

        notebook = jupytext.reads(text, fmt="py:percent")
        cells = [(c.cell_type, c.source) for c in notebook.cells]
        code = [source if kind == "code" else f"# %% [{kind}]" for kind, source in cells]
        return Page(dict(notebook.metadata), code, [s for k, s in cells if k == "markdown"])
    match = FRONT_MATTER.match(text)
    lines = text[match.end() if match else 0 :].split("\n")
    spans = fence_spans(lines)
    fenced = {i for start, end in spans for i in range(start, end + 1)}
    return Page(
        (yaml.safe_load(match.group(1)) or {}) if match else {},
        ["\n".join(lines[start : end + 1]) for start, end in spans],
        ["\n".join(line for i, line in enumerate(lines) if i not in fenced)],
    )


def translations() -> list[pathlib.Path]:
    return sorted([*DOCS.rglob("*" + SUFFIX), *DOCS.rglob("*" + NB_SUFFIX)])


def english_of(zh_path: pathlib.Path) -> pathlib.Path:
    return zh_path.with_name(zh_path.name.replace(".zh.", "."))


def english_prose(en_path: pathlib.Path, text: str | None = None) -> list[str]:
    """The lines of the English prose that a translation translates (trailing blanks dropped)."""
    return [line.rstrip() for line in "\n\n".join(read(en_path, text).prose).strip().split("\n")]


def english_hash(en_path: pathlib.Path, text: str | None = None) -> str:
    """What a translation records as translated_from: a hash of the English prose."""
    return hashlib.sha256("\n".join(english_prose(en_path, text)).encode()).hexdigest()[:16]


@dataclass
class Section:
    level: int  # 0 for the text above the first heading
    id: str | None  # the heading's explicit { #id }
    anchor: str  # its id on the built page: the explicit one, or Python-Markdown's slug
    title: str
    blocks: list[str] = field(default_factory=list)


def outline(prose: str) -> list[Section]:
    """The sections and, in each, its blocks: "p", "li", "row" (of a table), "!!! <type>",
    "=== tab", indented as on the page ("    p" in an admonition). `$$` math is no block."""
    from markdown.extensions.toc import slugify

    sections = [Section(0, None, "", "")]
    new_paragraph, math = True, False
    for line in prose.split("\n"):
        stripped = line.strip()
        if stripped == "$$":
            math, new_paragraph = not math, True
        if math or stripped == "$$":
            continue
        heading = HEADING.match(line)
        if not stripped or heading:
            new_paragraph = True
            if heading:
                title, explicit = heading[2], EXPLICIT_ID.search(heading[2])
                anchor = explicit[1] if explicit else slugify(MARKUP.sub(r"\1", title), "-")
                sections.append(Section(len(heading[1]), explicit and explicit[1], anchor, title))
            continue
        blocks = sections[-1].blocks
        indent = " " * ((len(line) - len(line.lstrip())) // 4 * 4)
        box = CONTAINER.match(line)
        if box:
            blocks.append(indent + (f"!!! {box[1]}" if box[1] else "=== tab"))
        elif stripped.startswith("|"):
            if not set(stripped) <= set("|-: "):  # the |---| line is no row
                blocks.append(indent + "row")
        elif LIST_ITEM.match(line):
            blocks.append(indent + "li")
        elif new_paragraph:
            blocks.append(indent + "p")
        new_paragraph = bool(box)
    return sections


def code_problems(name: str, what: str, en: list[str], zh: list[str]) -> list[str]:
    """The first fence (or cell) that is not the English one, and a count that differs."""
    found = [f"{name}: {len(zh)} {what}s, the English has {len(en)}"] if len(en) != len(zh) else []
    for i, (a, b) in enumerate(zip(en, zh), 1):
        if a != b:
            diff = difflib.unified_diff(a.split("\n"), b.split("\n"), "en", "zh", lineterm="")
            return [f"{name}: {what} {i} differs from the English one:\n" + "\n".join(diff), *found]
    return found


def prose_problems(name: str, en: str, zh: str, anchors: bool) -> list[str]:
    found = []
    math = [[m.strip() for m in DISPLAY_MATH.findall(prose)] for prose in (en, zh)]
    if math[0] != math[1]:
        found.append(f"{name}: the $$ display math differs from the English")
    en_links, zh_links = (Counter(a or b for a, b in LINK.findall(prose)) for prose in (en, zh))
    if en_links != zh_links:
        missing, extra = en_links - zh_links, zh_links - en_links
        found.append(f"{name}: link targets differ: missing {sorted(missing.elements())}, "
                     f"extra {sorted(extra.elements())}")
    en_sections, zh_sections = outline(en), outline(zh)
    levels = [[s.level for s in sections[1:]] for sections in (en_sections, zh_sections)]
    if levels[0] != levels[1]:
        return [*found, f"{name}: heading levels {levels[1]}, English {levels[0]}"]
    for en_s, zh_s in zip(en_sections, zh_sections):
        if anchors and en_s.level > 1 and zh_s.id != en_s.anchor:
            found.append(f"{name}: heading {zh_s.title!r} needs {{ #{en_s.anchor} }} "
                         f"(from {en_s.title!r})")
        if en_s.blocks != zh_s.blocks:
            section = f"section #{en_s.anchor}" if en_s.level > 1 else "the text under the title"
            diff = difflib.unified_diff(en_s.blocks, zh_s.blocks, lineterm="", n=0)
            changes = [line for line in diff if not line.startswith(("---", "+++", "@@"))]
            found.append(f"{name}: {section}: the blocks differ from the English "
                         f"(-: English only, +: Chinese only): {', '.join(changes)}")
    return found


def problems(zh_path: pathlib.Path) -> list[str]:
    """Every way a translation differs from its English page where it must not; [] when in step."""
    en_path, name = english_of(zh_path), shown(zh_path)
    if not en_path.is_file():
        return [f"{name}: no English page {shown(en_path)} to translate"]
    en, zh = read(en_path), read(zh_path)
    notebook = zh_path.suffix == ".py"
    found = code_problems(name, "cell" if notebook else "fence", en.code, zh.code)
    for i, (a, b) in enumerate(zip(en.prose, zh.prose), 1):
        found += prose_problems(f"{name}: markdown cell {i}" if notebook else name, a, b,
                                anchors=not notebook)
    recorded, current = str(zh.front.get("translated_from", "")), english_hash(en_path)
    if recorded != current:
        found.append(stale_message(name, en_path, recorded, current))
    return found


def git(root: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def recorded_version(en_path: pathlib.Path, recorded: str, root: pathlib.Path) -> tuple[str, str]:
    """The newest commit whose English page has the recorded prose hash, and that page's text
    (("", "") if there is none, as when the page is outside the repository)."""
    rel = shown(en_path, root)
    for commit in git(root, "log", "--format=%H", "--", rel).stdout.split():
        old = git(root, "show", f"{commit}:{rel}")
        if old.returncode == 0 and english_hash(en_path, old.stdout) == recorded:
            return commit[:12], old.stdout
    return "", ""


def stale_message(
    name: str, en_path: pathlib.Path, recorded: str, current: str, root: pathlib.Path = ROOT
) -> str:
    """What a stale translation fails with: the commit it translated, and how the English prose
    changed since (``git diff`` would show the code too)."""
    rel, update = shown(en_path, root), f"python -m tests.translation_sync --update {name}"
    if not recorded:
        return f"{name}: no translated_from: recorded; translate it, then run `{update}`"
    message = (f"{name} is behind {rel} (translated_from: {recorded}, the English prose is now "
               f"{current}). Update the Chinese text, then run `{update}`.")
    commit, old = recorded_version(en_path, recorded, root)
    if commit:
        diff = difflib.unified_diff(english_prose(en_path, old), english_prose(en_path),
                                    f"{rel}@{commit}", rel, lineterm="")
        return "\n".join([f"{message} `git diff {commit} -- {rel}` shows what changed; its prose:",
                          *diff])
    shallow = git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == "true"
    if en_path.is_relative_to(root) and shallow:  # `git clone --depth 1`, as CI checks out
        return f"{message} This clone is shallow: `git fetch --unshallow` to see the change."
    return f"{message} No commit has that prose (uncommitted?): `git log -p --follow -- {rel}`"


def update_hash(zh_path: pathlib.Path) -> str:
    """Record the English prose hash in the translation's header; return it."""
    current = english_hash(english_of(zh_path))
    text = zh_path.read_text(encoding="utf-8")
    notebook = zh_path.suffix == ".py"
    if not notebook and not FRONT_MATTER.match(text):
        text = "---\n---\n\n" + text
    header = re.match(r"(# ---\n# jupyter:\n|---\n)((?:.*\n)*?)(?:# )?---\n", text)
    if not header:
        raise ValueError(f"{shown(zh_path)}: no jupytext header (# --- / # jupyter:) for the hash")
    entry = f"{'#   ' if notebook else ''}translated_from: {current}\n"
    fields, replaced = re.subn(r"^(#   )?translated_from:.*\n", entry, header[2], flags=re.M)
    text = header[1] + fields + ("" if replaced else entry) + text[header.end(2) :]
    zh_path.write_text(text, encoding="utf-8")
    return current


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=pathlib.Path, help="default: every translation")
    parser.add_argument("--update", action="store_true", help="record the English prose hash")
    args = parser.parse_args()
    failed = False
    for page in [p.resolve() for p in args.pages] or translations():
        if args.update:
            print(f"{shown(page)}: translated_from: {update_hash(page)}")
        found = problems(page)
        print("\n".join(found) or f"{shown(page)}: in step")
        failed |= bool(found)
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
