"""hooks/serve_cache.py: a rebuild in the same process (as `mkdocs serve` does) reuses a page's
render, its search entries and the compiled templates only while every input is unchanged.

Each test builds a small Material site in a temporary folder several times in this process, with a
fresh configuration each time (as `mkdocs serve` reloads it), edits one input between two builds,
and compares what the rebuild wrote with what a build without the cache writes
(``SERVE_CACHE=false``) for the same files.
"""

from __future__ import annotations

import json
import logging
import os
import pathlib
import sys
import textwrap

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from pymdownx.snippets import SnippetMissingError

from tests.conftest import ROOT

pytestmark = pytest.mark.reuse  # tests/reuse.py: not run again while nothing it reads changed

HOOK = ROOT / "hooks" / "serve_cache.py"


@pytest.fixture()
def project(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A site with three pages, one including a snippet that includes another, and a template override."""
    sys.modules.pop("_site_serve_cache", None)  # no entries from another test
    monkeypatch.delenv("SERVE_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)  # pymdownx.snippets' base_path "." is the working directory
    files = {
        "mkdocs.yml": f"""
            site_name: Test
            site_url: https://example.org/test/
            theme:
              name: material
              custom_dir: overrides
            plugins:
              - search
            markdown_extensions:
              - toc:
                  permalink: true
              - pymdownx.snippets:
                  base_path: ["."]
                  check_paths: true
              - pymdownx.superfences
            validation:
              anchors: warn
            hooks:
              - {HOOK}
            nav:
              - Home: index.md
              - other.md
              - third.md
        """,
        "docs/index.md": """
            # Home

            See [the other page](other.md#part-two).

            ```python
            --8<-- "snippets/outer.py"
            ```
        """,
        "docs/other.md": """
            # Other title

            ## Part two

            Text of part two.
        """,
        "docs/third.md": """
            # Third title

            Far from the home page: neither its previous nor its next page.
        """,
        "snippets/outer.py": """
            print("outer words")
            --8<-- "snippets/inner.py"
        """,
        "snippets/inner.py": """
            print("inner words")
        """,
        "overrides/main.html": """
            {% extends "base.html" %}
            {% block extrahead %}<meta name="x-test" content="first">{% endblock %}
        """,
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return tmp_path


def built(project: pathlib.Path, site: str, strict: bool = False) -> dict[str, str]:
    """Build into project/site with a freshly loaded configuration; every file written, as text."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / site),
                         strict=strict)
    build(config)
    out = project / site
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    }


def uncached(project: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What a build writes without the cache (a fresh site folder each time)."""
    with monkeypatch.context() as m:
        m.setenv("SERVE_CACHE", "false")
        return built(project, f"site-uncached-{len(list(project.glob('site-uncached-*')))}")


def stats() -> dict[str, int]:
    return dict(sys.modules["_site_serve_cache"].stats)


def edit(path: pathlib.Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unchanged_rebuild_reuses_every_render_and_writes_the_same_site(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = built(project, "site")
    before = stats()
    second = built(project, "site")
    after = stats()
    assert after["render_hits"] - before["render_hits"] == 3  # every page
    assert after["render_misses"] == before["render_misses"]
    assert after["search_hits"] - before["search_hits"] == 3
    assert after["search_rewrite_hits"] - before["search_rewrite_hits"] == 3
    assert after["template_hits"] - before["template_hits"] == 5  # and 404.html, sitemap.xml
    assert after["template_misses"] == before["template_misses"]
    assert second == first == uncached(project, monkeypatch)


def test_an_edited_page_is_rendered_again(project: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(project, "site")
    edit(project / "docs" / "other.md", "Text of part two.", "Edited words of part two.")
    before = stats()
    site = built(project, "site")
    # its text is in no other page: only its own template is rendered again
    assert stats()["template_misses"] - before["template_misses"] == 1
    assert "Edited words of part two." in site["other/index.html"]
    assert "Edited words" in site["search/search_index.json"]
    assert site == uncached(project, monkeypatch)


@pytest.mark.parametrize("snippet", ["outer.py", "inner.py"])
def test_an_edited_snippet_reaches_the_page_that_includes_it(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch, snippet: str
) -> None:
    built(project, "site")
    word = snippet.removesuffix(".py")
    edit(project / "snippets" / snippet, f"{word} words", f"{word} changed")
    site = built(project, "site")
    assert f"{word} changed" in site["index.html"]
    assert site == uncached(project, monkeypatch)


def test_only_an_edited_code_block_is_highlighted_again(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project / "docs" / "other.md", "Text of part two.",
         "Text of part two.\n\n```python\nprint('kept')\n```\n\n```python\nprint('alpha words')\n```")
    built(project, "site")
    edit(project / "docs" / "other.md", "print('alpha words')", "print('beta words')")
    before = stats()
    site = built(project, "site")
    assert stats()["highlight_misses"] - before["highlight_misses"] == 1
    assert stats()["highlight_hits"] - before["highlight_hits"] == 1  # print('kept')
    assert "beta words" in site["other/index.html"] and "alpha words" not in site["other/index.html"]
    assert site == uncached(project, monkeypatch)


def test_a_missing_snippet_still_fails_the_build(project: pathlib.Path) -> None:
    built(project, "site")
    (project / "snippets" / "inner.py").unlink()
    with pytest.raises(SnippetMissingError, match="snippets/inner.py"):
        built(project, "site")


def test_a_changed_title_reaches_the_navigation_of_every_page(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's nav title comes from its first heading (the nav names no title for it). third.md
    is not next to index.md: only the navigation shows its title there."""
    first = built(project, "site")
    assert "Other title" in first["index.html"] and "Third title" in first["index.html"]
    edit(project / "docs" / "other.md", "# Other title", "# Renamed page")
    edit(project / "docs" / "third.md", "# Third title", "# Far page renamed")
    site = built(project, "site")
    for page in ("index.html", "other/index.html", "third/index.html", "404.html"):
        assert "Renamed page" in site[page] and "Other title" not in site[page], page
        assert "Far page renamed" in site[page] and "Third title" not in site[page], page
    assert site == uncached(project, monkeypatch)


def test_a_changed_setting_reaches_every_page(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built(project, "site")
    edit(project / "mkdocs.yml", "site_name: Test", "site_name: Renamed site")
    before = stats()
    site = built(project, "site")
    assert stats()["template_hits"] == before["template_hits"]
    for page in ("index.html", "other/index.html", "third/index.html"):
        assert "Renamed site" in site[page], page
    assert site == uncached(project, monkeypatch)


def test_what_a_template_reads_of_another_page_is_checked_before_a_reuse(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's key leaves out the other pages' text and settings; what its template read of them
    is recorded and compared."""
    edit(project / "overrides" / "main.html", '{% block extrahead %}',
         '{% block extrahead %}<meta name="x-last" content="{{ nav.pages[-1].meta.blurb }}">')
    edit(project / "docs" / "third.md", "# Third title", "---\nblurb: first blurb\n---\n\n# Third title")
    assert 'content="first blurb"' in built(project, "site")["index.html"]
    edit(project / "docs" / "third.md", "blurb: first blurb", "blurb: second blurb")
    before = stats()
    site = built(project, "site")
    assert 'content="second blurb"' in site["index.html"]
    assert stats()["template_misses"] - before["template_misses"] == 4  # the pages and 404.html
    assert site == uncached(project, monkeypatch)
    edit(project / "docs" / "third.md", "Far from the home page", "Still far from the home page")
    before = stats()
    built(project, "site")
    assert stats()["template_misses"] - before["template_misses"] == 1  # its text: only itself


def test_a_template_that_reads_the_build_time_is_rendered_every_time(project: pathlib.Path) -> None:
    """mkdocs gives templates the time of the build; Material's do not read it, a custom one may."""
    edit(project / "overrides" / "main.html", '{% block extrahead %}',
         '{% block extrahead %}<meta name="x-built" content="{{ build_date_utc }}">')
    built(project, "site")
    before = stats()
    built(project, "site")
    assert stats()["template_hits"] == before["template_hits"]
    assert stats()["template_misses"] - before["template_misses"] == 5


def test_a_context_value_it_cannot_describe_renders_the_template(project: pathlib.Path) -> None:
    """A plugin may put anything into a page's template context: an object whose state the cache
    cannot read is never taken as unchanged."""
    (project / "hooks_extra.py").write_text(textwrap.dedent("""
        class Opaque:
            def __init__(self, words):
                self.words = words

        def on_page_context(context, page, config, nav):
            context["opaque"] = Opaque(page.title)
            return context
    """), encoding="utf-8")
    edit(project / "mkdocs.yml", "hooks:\n", "hooks:\n  - hooks_extra.py\n")
    built(project, "site")
    before = stats()
    built(project, "site")
    # 404.html and sitemap.xml are reused; the pages are rendered, outside the cache
    assert stats()["template_hits"] - before["template_hits"] == 2
    assert stats()["template_misses"] == before["template_misses"]


def test_a_renamed_anchor_or_removed_page_still_warns(project: pathlib.Path) -> None:
    """index.md's link to other.md#part-two is checked on every build, cached render or not."""
    built(project, "site", strict=True)
    edit(project / "docs" / "other.md", "## Part two", "## Part 2")  # the anchor goes
    with pytest.raises(Abort):
        built(project, "site", strict=True)
    edit(project / "docs" / "other.md", "## Part 2", "## Part two")
    built(project, "site", strict=True)
    edit(project / "mkdocs.yml", "  - other.md\n", "")
    (project / "docs" / "other.md").rename(project / "other.md")  # the link's target goes
    with pytest.raises(Abort):
        built(project, "site", strict=True)


def test_a_link_to_a_missing_anchor_of_a_cached_page_still_warns(project: pathlib.Path) -> None:
    """The anchors of other.md come from its cached render when only index.md changes."""
    edit(project / "docs" / "index.md", "(other.md#part-two)", "(other.md#part-three)")
    with pytest.raises(Abort):
        built(project, "site", strict=True)
    edit(project / "docs" / "index.md", "See [", "Now see [")
    before = stats()
    with pytest.raises(Abort):
        built(project, "site", strict=True)
    assert stats()["render_hits"] - before["render_hits"] == 2  # other.md and third.md


def test_a_warning_of_a_cached_render_is_written_again(
    project: pathlib.Path, caplog: pytest.LogCaptureFixture
) -> None:
    edit(project / "docs" / "index.md", "(other.md#part-two)", "(missing.md)")
    for _ in range(2):
        with pytest.raises(Abort):  # --strict: the warning is counted again from the cache
            built(project, "site", strict=True)
    assert stats()["render_hits"] >= 1
    warnings = [r for r in caplog.records if "missing.md" in r.getMessage() and r.levelno >= logging.WARNING]
    assert len(warnings) == 2


def test_an_edited_template_is_compiled_again(project: pathlib.Path) -> None:
    assert 'content="first"' in built(project, "site")["index.html"]
    edit(project / "overrides" / "main.html", 'content="first"', 'content="second"')
    site = built(project, "site")
    assert 'content="second"' in site["index.html"] and 'content="first"' not in site["index.html"]


def test_a_changed_search_setting_indexes_again(project: pathlib.Path) -> None:
    built(project, "site")
    edit(project / "mkdocs.yml", "  - search\n", "  - search:\n      separator: '[\\s.]+'\n")
    before = stats()
    site = built(project, "site")
    assert stats()["search_misses"] - before["search_misses"] == 3
    assert json.loads(site["search/search_index.json"])["config"]["separator"] == "[\\s.]+"


def test_the_cache_can_be_turned_off(project: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVE_CACHE", "false")
    built(project, "site")
    built(project, "site")
    assert stats()["render_hits"] == stats()["search_hits"] == 0


def test_log_records_of_other_threads_are_not_replayed(project: pathlib.Path) -> None:
    """The livereload server logs from its own threads while a page renders."""
    import threading

    from hooks import serve_cache

    recorder = serve_cache._Recorder()
    other = threading.Thread(target=lambda: recorder.handle(
        logging.LogRecord("mkdocs.livereload", logging.INFO, __file__, 1, "Browser connected", None, None)
    ))
    other.start()
    other.join()
    recorder.handle(logging.LogRecord("mkdocs", logging.WARNING, __file__, 1, "mine", None, None))
    assert [r.getMessage() for r in recorder.records] == ["mine"]


def test_the_file_watcher_polls_more_often_and_rebuilds_sooner(tmp_path: pathlib.Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    from hooks import serve_cache

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    try:
        server.watch(str(tmp_path / "docs"))  # mkdocs watches docs_dir before on_serve
        default = {e.timeout for e in server.observer.emitters}
        assert server.build_delay > serve_cache.BUILD_DELAY_S  # mkdocs' wait for a quiet moment
        assert serve_cache.on_serve(server, config=None, builder=None) is server
        assert server.build_delay == serve_cache.BUILD_DELAY_S
        server.watch(str(tmp_path / "snippets"))  # and `watch:` paths after it
        assert {e.timeout for e in server.observer.emitters} == {serve_cache.POLL_S}
        assert len(server.observer.emitters) == 2 and serve_cache.POLL_S < min(default)
    finally:
        server.server_close()


def test_every_theme_environment_reuses_compiled_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Material's search plugin makes its own environments (to translate its settings): they share
    the compiled templates too, and a template's new source is compiled again."""
    from mkdocs.config import load_config

    from hooks import serve_cache

    monkeypatch.delenv("SERVE_CACHE", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    first, second = config.theme.get_env(), config.theme.get_env()
    assert type(first.bytecode_cache).__name__ == "MemoryBytecodeCache"  # (mkdocs loads its own copy)
    first.get_template("partials/language.html")
    compiled = len(serve_cache.state().bytecode)
    second.get_template("partials/language.html")  # from the cache: nothing new compiled
    assert len(serve_cache.state().bytecode) == compiled
    edited = jinja2.Environment(bytecode_cache=second.bytecode_cache,
                                loader=jinja2.DictLoader({"partials/language.html": "{{ 1 }}"}))
    assert edited.get_template("partials/language.html").render() == "1"  # another source


# --------------------------------------------------------------------------------------------------
# The two per-process memos outside hooks/serve_cache.py
# --------------------------------------------------------------------------------------------------
def test_the_notebook_css_memo_follows_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from hooks import notebook_css

    monkeypatch.delitem(sys.modules, "_site_notebook_css", raising=False)
    monkeypatch.setattr(notebook_css, "LARGE", 10)
    css = ".jupyter-wrapper .a{color:red}\n.jupyter-wrapper .b{color:blue}"

    def page(cls: str) -> str:
        return f'<style>{css}</style><div class="jupyter-wrapper"><p class="{cls}">x</p></div>'

    first = notebook_css.on_post_page(page("a"), page=None, config=None)
    assert first == notebook_css.shrink_page(page("a")) != page("a")
    second = notebook_css.on_post_page(page("b"), page=None, config=None)  # another page's HTML
    assert second == notebook_css.shrink_page(page("b")) != first.replace('"a"', '"b"')
    assert notebook_css.on_post_page(page("a"), page=None, config=None) == first


def test_the_environment_key_is_read_again_when_an_import_path_changes(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hooks import notebook_cache

    monkeypatch.delitem(sys.modules, "_site_notebook_env_key", raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    calls = []
    monkeypatch.setattr(
        notebook_cache, "_environment_key", lambda: calls.append(1) or str(len(calls))
    )
    assert notebook_cache.environment_key() == notebook_cache.environment_key() == "1"
    before = os.stat(tmp_path).st_mtime_ns
    (tmp_path / "newpkg-1.0.dist-info").mkdir()  # what `pip install` does to site-packages
    os.utime(tmp_path, ns=(before + 10**9, before + 10**9))  # a coarse clock could hide the change
    assert notebook_cache.environment_key() == "2"


def test_a_finished_page_is_reused_only_for_the_same_html_hook_and_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """font_preload, katex_compact and whitespace rewrite each page's HTML through finish_page."""
    from hooks import serve_cache

    monkeypatch.delitem(sys.modules, "_site_serve_cache", raising=False)
    monkeypatch.delenv("SERVE_CACHE", raising=False)
    calls: list[str] = []

    def rewrite(html: str) -> str:
        calls.append(html)
        return html.upper()

    assert serve_cache.finish_page("hook", "settings", "<p>a</p>", rewrite) == "<P>A</P>"
    assert serve_cache.finish_page("hook", "settings", "<p>a</p>", rewrite) == "<P>A</P>"
    assert calls == ["<p>a</p>"]
    assert serve_cache.finish_page("hook", "settings", "<p>b</p>", rewrite) == "<P>B</P>"
    serve_cache.finish_page("hook", "other settings", "<p>a</p>", rewrite)
    serve_cache.finish_page("another hook", "settings", "<p>a</p>", rewrite)
    assert len(calls) == 4
    monkeypatch.setenv("SERVE_CACHE", "false")
    serve_cache.finish_page("hook", "settings", "<p>a</p>", rewrite)
    assert len(calls) == 5


@pytest.mark.parametrize(
    ("hook", "state"), [("font_preload", "_rules"), ("katex_compact", "_state")]
)
def test_the_rewriting_hooks_key_their_pages_by_the_stylesheets_they_read(
    hook: str, state: str, tmp_path: pathlib.Path
) -> None:
    """A changed katex.min.css must not give a page rewritten for the old one (a copy is edited)."""
    import importlib
    import shutil

    from mkdocs.config import load_config

    module = importlib.import_module(f"hooks.{hook}")
    config = load_config(str(ROOT / "mkdocs.yml"))
    css = pathlib.Path("assets/vendor/katex/katex.min.css")
    (tmp_path / css.parent).mkdir(parents=True)
    shutil.copy(ROOT / "docs" / css, tmp_path / css)
    config.docs_dir = str(tmp_path)
    module.on_config(config)
    before = getattr(module, state)["key"]
    module.on_config(config)
    assert getattr(module, state)["key"] == before
    (tmp_path / css).write_text((tmp_path / css).read_text() + "\n.katex{color:inherit}\n")
    module.on_config(config)
    assert getattr(module, state)["key"] != before


def test_a_static_file_added_to_the_theme_folder_is_copied_on_the_next_rebuild(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The theme's file listing is reused only while custom_dir's files are the same."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    built(project, "site")
    assert not (project / "site" / "assets" / "extra.js").exists()
    (project / "overrides" / "assets").mkdir()
    (project / "overrides" / "assets" / "extra.js").write_text("// new\n")
    second = built(project, "site")
    assert (project / "site" / "assets" / "extra.js").read_text() == "// new\n"
    assert second == uncached(project, monkeypatch)
    from mkdocs.structure.files import Files

    env = config.theme.get_env()
    listed, reused = Files([]), Files([])
    Files.add_files_from_theme.original(listed, env, config)  # mkdocs' own listing
    Files.add_files_from_theme(reused, env, config)
    assert sorted((f.src_uri, f.src_dir) for f in reused) == sorted(
        (f.src_uri, f.src_dir) for f in listed
    )


def test_a_reused_page_still_counts_towards_the_fonts_and_the_katex_stylesheet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """font_preload and katex_compact collect, from every page, the characters and classes the
    build's fonts and katex.min.css keep: a page taken from the cache must count as one rewritten."""
    import types

    from hooks import font_preload, katex, katex_compact

    monkeypatch.delitem(sys.modules, "_site_serve_cache", raising=False)
    monkeypatch.delenv("SERVE_CACHE", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="formula.md"))
    math = katex.render(r"\ell = -\sum_{c=1}^{C} q_c \log \frac{e^{x_c}}{\sum_k e^{x_k}}", True)
    shell = (
        '<html><head><link rel="stylesheet" href="../assets/vendor/katex/katex.min.css">'
        f"</head><body>{math}</body></html>"
    )
    collected = []
    for _ in range(2):  # the second build finds the page in serve_cache's memo
        font_preload.on_config(config)
        katex_compact.on_config(config)
        katex_compact.on_post_page(font_preload.on_post_page(shell, page, config), page, config)
        collected.append((dict(font_preload._glyphs), set(katex_compact._state["used"])))
    assert collected[0][0] and collected[0][1]
    assert collected[1] == collected[0]
    assert len(sys.modules["_site_serve_cache"].finished) == 2  # one entry a hook, reused
