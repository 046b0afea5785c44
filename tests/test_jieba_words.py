"""hooks/jieba_words.py: the site's words reach jieba once per process, so every build of a process
(each rebuild of ``mkdocs serve``) cuts the Chinese pages into the same words as the first."""

from __future__ import annotations

import logging
import pathlib
import re

import jieba

from hooks import jieba_words

ROOT = pathlib.Path(__file__).resolve().parent.parent
jieba.setLogLevel(logging.WARNING)


def chinese_runs() -> list[str]:
    """Every run of Chinese characters of the Chinese pages (what Material hands to jieba.cut)."""
    runs = []
    for page in sorted((ROOT / "docs").rglob("*.zh.md")):
        runs += re.findall(r"[\u4e00-\u9fff]+", page.read_text(encoding="utf-8"))
    return runs


def cut(tokenizer: jieba.Tokenizer, runs: list[str]) -> list[list[str]]:
    return [list(tokenizer.cut(run)) for run in runs]


def test_two_builds_in_one_process_cut_the_pages_alike() -> None:
    runs = chinese_runs()
    jieba_words.on_config(None)  # the first build of the process (or an earlier test's) adds them
    first = cut(jieba.dt, runs)  # Material's search cuts with jieba's default tokenizer
    assert jieba_words.load_words() == 0  # a second build adds nothing
    jieba_words.on_config(None)
    assert cut(jieba.dt, runs) == first
    for word, _, _ in jieba_words.entries(jieba_words.WORDS.read_text(encoding="utf-8")):
        assert list(jieba.cut(word)) == [word], f"{word} is not kept whole"


def test_loading_the_dictionary_again_would_cut_differently() -> None:
    """Why the hook exists: jieba's load_userdict, as Material's `jieba_dict_user` calls it on
    every build, adds the frequencies to jieba's total again, and after a few rebuilds other
    sentences are cut into other words. If this stops being so (a jieba
    release), Material's option would do and the hook could go."""
    runs = chinese_runs()
    tokenizer = jieba.Tokenizer()  # its own, so the default one (the builds') stays as it is
    tokenizer.load_userdict(str(jieba_words.WORDS))
    first = cut(tokenizer, runs)
    for _ in range(5):  # five rebuilds under mkdocs serve
        tokenizer.load_userdict(str(jieba_words.WORDS))
    changed = [(a, b) for a, b in zip(first, cut(tokenizer, runs)) if a != b]
    assert changed, "loading the words again no longer changes how jieba cuts the pages"


def test_the_hook_adds_each_word_once_to_a_fresh_tokenizer() -> None:
    tokenizer = jieba.Tokenizer()
    words = jieba_words.entries(jieba_words.WORDS.read_text(encoding="utf-8"))
    assert jieba_words.load_words(tokenizer) == len(words)
    total = tokenizer.total
    assert jieba_words.load_words(tokenizer) == 0 and tokenizer.total == total
