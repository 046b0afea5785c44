"""The Makefile installs requirements.txt and requirements-frameworks.txt at the same time, the
second with --no-deps. That is sound only while requirements-frameworks.txt pins every package the
frameworks need beyond what requirements.txt installs, and pins nothing that requirements.txt
installs (two pips would write the same files). Both are checked here, on the dependencies the
installed packages declare."""

from __future__ import annotations

import importlib.metadata
import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.fences import ROOT


def pinned(file: str) -> set[str]:
    return {canonicalize_name(name) for name in re.findall(r"(?m)^([\w.-]+)==", (ROOT / file).read_text())}


def installed_with(names: set[str]) -> set[str]:
    """The packages and everything they require (not their extras), as installed here."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        for text in importlib.metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return found


def test_the_frameworks_pin_nothing_that_requirements_txt_installs() -> None:
    base = installed_with(pinned("requirements.txt"))
    shared = base & pinned("requirements-frameworks.txt")
    assert not shared, f"installed by requirements.txt too, so by both pips at once: {sorted(shared)}"


def test_the_frameworks_file_pins_all_the_frameworks_add() -> None:
    frameworks = pinned("requirements-frameworks.txt")
    missing = installed_with(frameworks) - frameworks - installed_with(pinned("requirements.txt"))
    assert not missing, f"the frameworks need these, which neither file installs: {sorted(missing)}"
