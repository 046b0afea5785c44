"""MkDocs hook: the words Chinese search keeps whole (i18n/jieba-words.txt), given to jieba once.

Material's search cuts Chinese into words with jieba. Its ``jieba_dict_user`` option loads the file
on every build, and jieba adds the frequencies to its total again each time: after a few rebuilds
of ``mkdocs serve`` the pages were cut into other words than ``mkdocs build`` cuts them. Here a
word is added only when jieba does not hold it with that frequency yet.
"""

from __future__ import annotations

import logging
import pathlib
import typing

WORDS = pathlib.Path(__file__).resolve().parent.parent / "i18n" / "jieba-words.txt"


def entries(text: str) -> list[tuple[str, int, str | None]]:
    """(word, frequency, tag) for each line of a jieba user dictionary."""
    found = []
    for parts in filter(None, map(str.split, text.splitlines())):
        if len(parts) < 2 or not parts[1].isdigit():  # jieba would guess one, anew each load
            raise ValueError(f"jieba user dictionary: {' '.join(parts)!r} gives no frequency")
        found.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None))
    return found


def load_words(tokenizer: typing.Any = None, path: pathlib.Path = WORDS) -> int:
    """Add the words of ``path`` that ``tokenizer`` (jieba's default one, which Material's search
    uses) does not hold with their frequency; return how many were added."""
    import jieba  # not optional here: without it, Material's search would not segment Chinese

    jieba.setLogLevel(logging.WARNING)  # not its dictionary loading, on stderr
    tokenizer = tokenizer or jieba.dt
    tokenizer.check_initialized()  # its main dictionary first (add_word would load it anyway)
    added = 0
    for word, freq, tag in entries(path.read_text(encoding="utf-8")):
        if tokenizer.FREQ.get(word) != freq:
            tokenizer.add_word(word, freq, tag)
            added += 1
    return added


def on_config(config: typing.Any) -> None:
    load_words()
