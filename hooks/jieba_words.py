"""MkDocs hook: the words jieba must keep whole in the search index (i18n/jieba-words.txt), added
once per process.

Material's search plugin cuts every run of Chinese characters into words with jieba (when it is
installed: both builds, since English pages quote Chinese too), and its search worker then matches
a Chinese query against those words (hooks/search_segment.py). The words of this site (交叉熵,
标签平滑, 困惑度, ...) are in i18n/jieba-words.txt, one ``word frequency tag`` a line, in jieba's
user-dictionary format.

Material's own option for that file (``search: jieba_dict_user:``) calls ``jieba.load_userdict``
in every ``on_config``, that is on every build, and jieba adds each word's frequency to its total
again each time it is loaded. So under ``mkdocs serve`` every rebuild made the other words of the
dictionary a little less likely, and a rebuilt Chinese page could be cut into other words than
``mkdocs build`` cuts it (再运行 was 再 + 运行 after one load, one word after two). Here each word
is added with jieba's public ``add_word`` only when jieba does not already hold it with that
frequency (``get_FREQ``), so the second build of a process adds nothing and segments as the first.
A word removed from the file stays in jieba until the process ends (restart ``mkdocs serve``).
tests/test_jieba_words.py runs this hook twice in one process, as two builds do, and checks that
every Chinese page is cut alike both times.
"""

from __future__ import annotations

import pathlib
import typing

WORDS = pathlib.Path(__file__).resolve().parent.parent / "i18n" / "jieba-words.txt"


def entries(text: str) -> list[tuple[str, int, str | None]]:
    """(word, frequency, tag) for each line of a jieba user dictionary."""
    found = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[1].isdigit():  # jieba would guess one, anew each load
            raise ValueError(f"jieba user dictionary: {line!r} gives no frequency")
        word, freq, tag = parts[0], int(parts[1]), (parts[2] if len(parts) > 2 else None)
        found.append((word, freq, tag))
    return found


def load_words(tokenizer: typing.Any = None, path: pathlib.Path = WORDS) -> int:
    """Add the words of ``path`` to ``tokenizer`` (jieba's default one, which Material's search
    uses) that it does not hold with their frequency; return how many were added."""
    import jieba  # not optional here: without it, Material's search would not segment Chinese

    tokenizer = tokenizer or jieba.dt
    added = 0
    for word, freq, tag in entries(path.read_text(encoding="utf-8")):
        if _freq(tokenizer, word) != freq:
            tokenizer.add_word(word, freq, tag)
            added += 1
    return added


def _freq(tokenizer: typing.Any, word: str) -> int | None:
    """The word's frequency in the tokenizer (jieba.get_FREQ for the default one), read only."""
    tokenizer.check_initialized()  # its main dictionary first (add_word would load it anyway)
    return tokenizer.FREQ.get(word)


def on_config(config: typing.Any, **kwargs: typing.Any) -> typing.Any:
    load_words()
    return config
