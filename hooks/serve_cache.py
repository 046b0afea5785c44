"""MkDocs hook: `mkdocs serve` rebuilds the whole site on every save; redo only what changed.

Caches kept for the life of the process (``mkdocs serve`` builds many times in one process;
``mkdocs build`` builds once, so it never finds an entry and its output is what it was without this
hook). They live in a module of their own in ``sys.modules``, like hooks/katex.py's renders. Each
entry is keyed by every input of the work it saves, so a hit gives what the work would give:

- a Markdown page's render (``Page.render``: HTML, table of contents, title from the first heading,
  anchors): keyed by the page's Markdown as the ``on_page_markdown`` hooks left it, the page's file
  and URL, every file of the site with its URL (relative links are resolved against them), the
  Markdown extensions and their settings, and, checked on every hit, the bytes of each file
  pymdownx.snippets included (``--8<--``, nested includes too) and the path each include name
  resolved to. The log records the render wrote (a broken link's warning) are written again on a
  hit, so ``--strict`` counts them as before. The hooks of ``on_page_content`` and later
  (images, a11y, search_trim, i18n, katex, ...) still run on every build (those that only rewrite
  the finished page, from their own cache, below); so does the template (or its reuse, below,
  which checks the other pages' titles), so a changed page title reaches the navigation of every
  page. Notebook pages (mkdocs-jupyter renders them from its own cache) are left alone.
- Material's search entries of a page, keyed by what its indexer reads: the page's HTML after the
  ``on_page_content`` hooks, its table of contents, URL, title, metadata, the search settings and
  the jieba dictionaries.
- the compiled theme templates (Jinja's bytecode cache), keyed by the template's name, file and
  source, and the Jinja settings that shape the compiled code.
- a page's HTML after the hooks that only rewrite it (font_preload, katex_compact, whitespace;
  :func:`finish_page`), keyed by the HTML that enters the hook, compared in full, and the
  stylesheets the hook read.
- a page's template output (Material's main.html, its navigation included; the 404 page and the
  sitemap too): keyed by every template file, the Jinja globals and filters, the whole
  configuration, the whole page, the navigation's outline and every other context value; what the
  template read of the other pages is recorded while it renders and compared on every hit (see
  the section "A page's template" below).
- Pygments' HTML of a code block, keyed by the code, the lexer's and the formatter's classes and
  options; and the HTML Material's search leaves after removing ``data-search-*`` attributes,
  keyed by the HTML.
- the list of the theme's static files (mkdocs walks every theme folder on each build, Material's
  ~10,000 icons included), keyed by the theme folders: one inside this Python environment by every
  installed package's version, any other (``custom_dir``) by the names of all its files.

And the file watcher of ``mkdocs serve`` looks for changes every POLL_S seconds instead of every
0.5 s (mkdocs' polling interval; a snapshot of docs/ and snippets/ takes ~3.4 ms of CPU).

Entries not used by the last three builds are dropped. ``SERVE_CACHE=false`` turns the caches off.
tests/test_serve_cache.py checks that each input invalidates its entry.
"""

from __future__ import annotations

import collections.abc
import copy
import dataclasses
import hashlib
import logging
import os
import pathlib
import sys
import threading
import types
import typing

import jinja2
import pymdownx.highlight
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.theme import Theme

try:  # as mkdocs loads a hook: with its folder on sys.path (the repository root need not be)
    from notebook_cache import environment_key
except ModuleNotFoundError:  # imported as hooks.serve_cache, from the root (the tests)
    from hooks.notebook_cache import environment_key

log = logging.getLogger("mkdocs.hooks.serve_cache")
KEEP_BUILDS = 3
POLL_S = 0.1  # a look at docs/ and snippets/ costs ~3.4 ms of CPU: 3 % of a core while idle
BUILD_DELAY_S = 0.02


def enabled() -> bool:
    return os.environ.get("SERVE_CACHE", "true").lower() not in ("0", "false", "no")


def state() -> types.ModuleType:
    """The caches, kept in sys.modules so that they outlive a re-imported hook module."""
    name = "_site_serve_cache"
    if name not in sys.modules:
        module = types.ModuleType(name)
        module.build = 0  # number of the current build
        module.renders = {}  # render key -> RenderEntry
        module.search = {}  # search key -> (last build used, entries)
        module.bytecode = {}  # bytecode key -> (last build used, checksum, bytes)
        module.theme_files = {}  # theme listing key -> [(path, theme folder)]
        module.finished = {}  # (hook, key, digest) -> (last build used, HTML in, HTML out)
        module.pages = {}  # template key -> (last build used, reads, other pages' digest, output)
        module.fingerprints = (0, {})  # (build, id of a config/page/nav/env -> its fingerprint)
        module.build_date_readers = {}  # templates fingerprint -> whether one reads build_date_utc
        module.highlighted = {}  # code, lexer and formatter -> (last build used, Pygments' HTML)
        module.stats = {"render_hits": 0, "render_misses": 0, "search_hits": 0, "search_misses": 0,
                        "template_hits": 0, "template_misses": 0, "highlight_hits": 0,
                        "highlight_misses": 0, "search_rewrite_hits": 0}
        sys.modules[name] = module
    return sys.modules[name]


def digest(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            data = b"b" + part
        elif isinstance(part, str):  # not through repr(): a page's HTML, quickly
            data = b"s" + part.encode("utf-8", "surrogatepass")
        else:
            data = b"r" + repr(part).encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


# --------------------------------------------------------------------------------------------------
# Page renders
# --------------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Include:
    """One include name pymdownx.snippets resolved, and the file it read (None if not found)."""

    name: str
    base_path: tuple[str, ...]
    restrict_base_path: bool
    resolved: str | None


@dataclasses.dataclass
class RenderEntry:
    used: int
    includes: list[Include]
    read: dict[str, str]  # path -> sha256 of the bytes read
    content: str
    toc: typing.Any
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # keyed by src_uri, not by File
    has_links_to_anchors: bool
    records: list[logging.LogRecord]


def config_fingerprint(config: MkDocsConfig) -> str:
    """What a page's render reads from the configuration (after every on_config)."""
    return digest(
        config.config_file_path,
        config.docs_dir,
        config.use_directory_urls,
        config.markdown_extensions,
        config.mdx_configs,
        config.validation,
        config.site_url,
        os.getcwd(),  # pymdownx.snippets' base_path is relative to it
    )


def files_fingerprint(files: Files) -> str:
    """Every file the site has, with where it is served: relative links resolve against them."""
    return digest(
        sorted(
            (f.src_uri, f.dest_uri, f.url, f.inclusion.name, f.abs_src_path or "")
            for f in files
        )
    )


def render_key(page: Page, config: MkDocsConfig, files: Files) -> str:
    cached = getattr(files, "_serve_cache_fingerprint", None)
    if cached is None or cached[0] != len(files):
        cached = (len(files), files_fingerprint(files))
        files._serve_cache_fingerprint = cached  # type: ignore[attr-defined]
    return digest(
        page.markdown,
        page.file.src_uri,
        page.file.dest_uri,
        page.file.url,
        page.file.abs_src_path,
        config_fingerprint(config),
        cached[1],
    )


def file_digest(path: str) -> str | None:
    try:
        return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def includes_unchanged(entry: RenderEntry) -> bool:
    from pymdownx.snippets import SnippetPreprocessor

    for include in entry.includes:
        resolver = object.__new__(SnippetPreprocessor)
        resolver.base_path = list(include.base_path)
        resolver.restrict_base_path = include.restrict_base_path
        resolver.bases = None
        if SnippetPreprocessor.get_snippet_path(resolver, include.name) != include.resolved:
            return False
    return all(file_digest(path) == sha for path, sha in entry.read.items())


class _Recorder(logging.Handler):
    """Keeps the log records the current thread writes while a page renders."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and all(r is not record for r in self.records):
            self.records.append(record)


def render_and_record(render: typing.Callable[..., None], page: Page, config: MkDocsConfig,
                      files: Files) -> RenderEntry:
    """Render the page, noting every include and file pymdownx.snippets read and every log record."""
    from pymdownx.snippets import SnippetPreprocessor

    includes: list[Include] = []
    read: dict[str, str] = {}
    original = {n: SnippetPreprocessor.__dict__[n] for n in ("get_snippet_path", "read_lines")}

    def get_snippet_path(self: typing.Any, path: str) -> str | None:
        resolved = original["get_snippet_path"](self, path)
        includes.append(Include(path, tuple(self.base_path), bool(self.restrict_base_path), resolved))
        return resolved

    def read_lines(self: typing.Any, path: str) -> list[str]:
        read[path] = file_digest(path) or ""
        return original["read_lines"](self, path)

    recorder = _Recorder()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(recorder)
    SnippetPreprocessor.get_snippet_path = get_snippet_path  # type: ignore[method-assign]
    SnippetPreprocessor.read_lines = read_lines  # type: ignore[method-assign]
    try:
        render(config, files)
    finally:
        for name, function in original.items():
            setattr(SnippetPreprocessor, name, function)
        for logger in loggers:
            logger.removeHandler(recorder)
    # A file read after its digest was taken and changed in between would be cached with the new
    # text under the old digest; the next build then sees the mismatch and renders again.
    has_links = "links_to_anchors" in page.__dict__
    return RenderEntry(
        used=state().build,
        includes=includes,
        read=read,
        content=page.content,
        toc=copy.deepcopy(page.toc),
        title=page._title_from_render,
        anchors=set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links_to_anchors=(
            {f.src_uri: dict(links) for f, links in page.links_to_anchors.items()}
            if page.links_to_anchors is not None else None
        ),
        has_links_to_anchors=has_links,
        records=recorder.records,
    )


def restore(entry: RenderEntry, page: Page, files: Files) -> None:
    page.content = entry.content
    page.toc = copy.deepcopy(entry.toc)
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors) if entry.anchors is not None else None
    if entry.has_links_to_anchors:
        page.links_to_anchors = (
            {files.get_file_from_path(uri): dict(links) for uri, links in entry.links_to_anchors.items()}
            if entry.links_to_anchors is not None else None
        )
    for record in entry.records:
        logging.getLogger(record.name).handle(record)


def cached_render(page: Page) -> typing.Callable[[MkDocsConfig, Files], None]:
    render = page.render  # the bound Page.render

    def render_or_reuse(config: MkDocsConfig, files: Files) -> None:
        cache = state()
        key = render_key(page, config, files)
        entry = cache.renders.get(key)
        if entry is not None and includes_unchanged(entry):
            entry.used = cache.build
            cache.stats["render_hits"] += 1
            restore(entry, page, files)
            return
        cache.stats["render_misses"] += 1
        cache.renders[key] = render_and_record(render, page, config, files)

    return render_or_reuse


def cacheable(page: Page, config: MkDocsConfig) -> bool:
    if not enabled() or "render" in page.__dict__:
        return False  # a plugin that renders the page its own way (mkdocs-jupyter) replaced it
    snippets = (config.mdx_configs or {}).get("pymdownx.snippets") or {}
    return not snippets.get("url_download")  # a remote include can change at any time


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    if cacheable(page, config):
        page.render = cached_render(page)  # type: ignore[method-assign]
    return page


# --------------------------------------------------------------------------------------------------
# Search entries
# --------------------------------------------------------------------------------------------------
def toc_outline(items: typing.Iterable[typing.Any]) -> list[typing.Any]:
    return [(i.id, i.url, i.title, i.level, toc_outline(i.children)) for i in items]


def copy_entries(entries: list[dict[str, typing.Any]]) -> list[dict[str, typing.Any]]:
    """Search entries hold strings, numbers and lists of strings (tags)."""
    return [{k: list(v) if isinstance(v, list) else v for k, v in e.items()} for e in entries]


def cache_search(index: typing.Any, settings: str) -> None:
    add = index.add_entry_from_context  # the bound SearchIndex method

    def add_or_reuse(page: Page) -> None:
        cache = state()
        key = digest(
            settings, page.content, toc_outline(page.toc), page.url, str(page.title), page.meta
        )
        hit = cache.search.get(key)
        if hit is not None:
            cache.stats["search_hits"] += 1
            cache.search[key] = (cache.build, hit[1])
            index.entries.extend(copy_entries(hit[1]))
            return
        cache.stats["search_misses"] += 1
        before = len(index.entries)
        add(page)
        cache.search[key] = (cache.build, copy_entries(index.entries[before:]))

    index.add_entry_from_context = add_or_reuse


def search_settings(plugin: typing.Any) -> str:
    """The search configuration, and the jieba dictionaries' bytes (they shape the Chinese words)."""
    dictionaries = [
        file_digest(os.path.normpath(path))
        for path in (plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user"))
        if path
    ]
    return digest(sorted(plugin.search_index.config.items(), key=lambda kv: kv[0]), dictionaries)


def reuse_search_rewrite(plugins: typing.Any, plugin: typing.Any) -> None:
    """Material's search on_page_context indexes the page (reused above) and then removes every
    ``data-search-*`` attribute from its HTML with a regular expression (~2 ms a page, every page,
    every build): that rewrite is reused for the same HTML; on a miss Material's own code runs."""
    events = plugins.events["page_context"]
    for i, method in enumerate(events):
        if getattr(method, "__self__", None) is not plugin:
            continue

        def on_page_context(context: typing.Any, *, page: Page, config: MkDocsConfig, nav: typing.Any,
                            original: typing.Callable[..., typing.Any] = method) -> typing.Any:
            ran: list[typing.Any] = []

            def run(html: str) -> str:
                ran.append(original(context, page=page, config=config, nav=nav))
                return page.content

            content = finish_page("material/search on_page_context", "", page.content, run)
            if not ran:  # reused: index the page as the original would have
                state().stats["search_rewrite_hits"] += 1
                plugin.search_index.add_entry_from_context(page)
                ran.append(None)
            page.content = content
            return ran[0]

        plugins._event_origins[on_page_context] = plugins._event_origins.get(method, "<unknown>")
        events[i] = on_page_context


def on_pre_build(config: MkDocsConfig) -> None:
    cache = state()
    cache.build += 1
    if not enabled():
        return
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is not None and hasattr(getattr(plugin, "search_index", None), "add_entry_from_context"):
        cache_search(plugin.search_index, search_settings(plugin))
        if plugin.config.get("enabled", True) and type(plugin).__module__.startswith("material."):
            reuse_search_rewrite(config.plugins, plugin)


# --------------------------------------------------------------------------------------------------
# A page's HTML after the post-page hooks that only rewrite it (font_preload, katex_compact,
# whitespace: 80 % of a rebuild's CPU before this)
# --------------------------------------------------------------------------------------------------
T = typing.TypeVar("T")


def finish_page(hook: str, key: str, output: str, rewrite: typing.Callable[[str], T]) -> T:
    """``rewrite(output)``, or what it gave in one of the last builds for the same ``output`` (a
    result is shared between builds: the caller must not change it).

    ``key`` names everything else ``rewrite`` reads (the hook's settings, the stylesheets it
    parsed); the page's HTML itself is compared in full, not by a hash of it.
    """
    if not enabled():
        return rewrite(output)
    cache = state()
    entry_key = (hook, key, hashlib.sha256(output.encode("utf-8", "surrogatepass")).hexdigest())
    found = cache.finished.get(entry_key)
    if found is not None and found[1] == output:
        cache.finished[entry_key] = (cache.build, output, found[2])
        return found[2]
    result = rewrite(output)
    cache.finished[entry_key] = (cache.build, output, result)
    return result



# --------------------------------------------------------------------------------------------------
# A page's template (Material's main.html with its navigation: ~0.4 s for the 29 pages of a rebuild)
#
# The output of ``template.render(context)`` for a page is a function of what the template reads.
# The key holds all of it except what it reads of the *other* pages (their text would make every
# page's key change whenever one page changes): every template file and the Jinja globals and
# filters, the whole configuration, the whole current page, the navigation's outline (each item's
# title, URL and settings, which items are active) and every other value of the context. What the
# template reads of other pages and their files is recorded while it renders (Jinja asks its
# environment for every ``x.y`` and ``x["y"]``), and a reuse checks those attributes of every page.
# Not seen: a filter or global function that is given another page and reads it in Python (none of
# mkdocs' or Material's filters is given a page); and an attribute of another page that changes
# while the build writes its pages (Material's search rewrites ``content``; no template reads it).
# --------------------------------------------------------------------------------------------------
class Unknown(Exception):
    """A value of the template context that :func:`plain` cannot describe: that page is rendered."""


def plain(value: object) -> object:
    """``value`` as builtins (nested tuples) that say what a template can read from it; a page is
    named, not described (what the template reads of it is recorded). Anything it does not know (an
    object with the default ``repr``) raises :class:`Unknown`."""
    if isinstance(value, str) and len(value) > 256:  # a page's text: its digest, not a copy
        return ("text", digest(value))
    if value is None or isinstance(value, (str, bytes, bool, int, float)):
        return value
    if isinstance(value, Page):
        return ("page", value.file.src_uri, value.url)
    if isinstance(value, (Section, Link)):
        return ("nav item", nav_item_path(value))
    if isinstance(value, File):
        return ("file", file_fingerprint(value))
    if isinstance(value, TableOfContents):
        return ("toc", toc_outline(value))
    if isinstance(value, Theme):  # its name, folders, static templates and every setting
        return ("theme", repr(value))
    if isinstance(value, types.ModuleType):  # a hook: its code
        path = getattr(value, "__file__", None)
        return ("module", value.__name__, path, file_digest(path) if path else None)
    if callable(value) and hasattr(value, "__qualname__"):  # a Jinja global or filter
        return ("callable", getattr(value, "__module__", None), value.__qualname__)
    if isinstance(value, collections.abc.Mapping):
        return ("map", tuple(sorted((repr(k), plain(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("seq", tuple(plain(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted(repr(plain(v)) for v in value)))
    if isinstance(value, BasePlugin):  # its settings
        return ("plugin", type(value).__module__, type(value).__qualname__, plain(value.config))
    if type(value).__repr__ is not object.__repr__:  # enums, dates, named tuples, ...
        return ("repr", type(value).__qualname__, repr(value))
    raise Unknown(type(value).__qualname__)


def per_build(obj: object, tag: str, make: typing.Callable[[], str]) -> str:
    """``make()`` once per build for ``obj`` (pages, the navigation and the configuration do not
    change while the build writes its pages, except which items are active)."""
    cache = state()
    build, found = cache.fingerprints
    if build != cache.build:
        found = {}
        cache.fingerprints = (cache.build, found)
    if (tag, id(obj)) not in found:
        found[tag, id(obj)] = (obj, make())  # obj kept: its id is not reused during the build
    return found[tag, id(obj)][1]


def nav_item_path(item: typing.Any) -> tuple[str, ...]:
    """Where a navigation item is: its own and its sections' titles and URLs."""
    path = []
    while item is not None:
        path.append(f"{type(item).__name__}:{item.title}:{getattr(item, 'url', None)}")
        item = item.parent
    return tuple(path)


def file_fingerprint(file: File) -> tuple[object, ...]:
    return (file.src_uri, file.dest_uri, file.url, file.abs_src_path, file.abs_dest_path,
            file.inclusion.name, file.edit_uri, file.generated_by)


ACTIVE = {"active", "_Page__active", "_Section__active"}  # in the key through active_items()


def page_fingerprint(page: Page) -> str:
    """Everything of the page whose template is rendered."""
    return per_build(page, "page", lambda: digest(
        plain({k: v for k, v in vars(page).items() if k not in ACTIVE and k != "render"}),
        plain(page.parent), plain(page.previous_page), plain(page.next_page),
        sorted((f.src_uri, sorted(links.items())) for f, links in (page.links_to_anchors or {}).items()),
    ))


def nav_fingerprint(nav: Navigation) -> str:
    """The navigation's outline: each item's kind, title, URL and settings (not a page's text)."""

    def outline(items: list[typing.Any]) -> list[object]:
        return [
            (type(item).__name__, item.title, getattr(item, "url", None),
             plain(item) if isinstance(item, Page) else plain(
                 {k: v for k, v in vars(item).items() if k not in ACTIVE | {"parent", "children"}}),
             outline(getattr(item, "children", None) or []))
            for item in items
        ]

    return per_build(nav, "nav", lambda: digest(
        outline(nav.items), [plain(p) for p in nav.pages], plain(nav.homepage)
    ))


def active_items(nav: Navigation) -> list[bool]:
    flags: list[bool] = []

    def walk(items: list[typing.Any]) -> None:
        for item in items:
            flags.append(bool(item.active))
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return flags


def templates_fingerprint(env: jinja2.Environment) -> str:
    """Every template the page's template can include, and the Jinja globals and filters."""

    def make() -> str:
        parts: list[object] = [plain(env.globals), plain(env.filters), type(env.loader).__qualname__]
        for folder in getattr(env.loader, "searchpath", None) or []:  # overrides/: files' bytes
            parts.append((folder, theme_folder_key(folder, file_digest)))
        return digest(*parts)

    return per_build(env, "templates", make)


def reads_build_date(env: jinja2.Environment) -> bool:
    """Whether any template can read ``build_date_utc`` (then no page is reused): looked up once per
    set of templates."""
    cache = state()
    key = templates_fingerprint(env)
    if key not in cache.build_date_readers:
        cache.build_date_readers[key] = any(
            "build_date_utc" in pathlib.Path(root, name).read_text(errors="replace")
            for folder in getattr(env.loader, "searchpath", None) or []
            for root, _, names in os.walk(folder)
            for name in names
            if not name.endswith(".svg")  # Material's ~10,000 icons
        )
    return cache.build_date_readers[key]


def template_key(template: jinja2.Template, context: dict[str, typing.Any]) -> str | None:
    """Everything ``template.render(context)`` reads except other pages, or None when some value
    cannot be told."""
    config, nav, page = context.get("config"), context.get("nav"), context.get("page")
    if not isinstance(nav, Navigation) or config is None:
        return None
    others = {k: v for k, v in context.items() if k not in ("config", "nav", "page", "build_date_utc")}
    try:
        return digest(
            template.name, template.filename, templates_fingerprint(template.environment),
            per_build(config, "config", lambda: digest(plain(dict(config.items())))),
            nav_fingerprint(nav), active_items(nav), page and page_fingerprint(page), plain(others),
            # the time of the build, only if a template can read it (none of Material's does)
            context.get("build_date_utc") if reads_build_date(template.environment) else None,
        )
    except Unknown as error:
        log.debug("serve cache: %s renders %s every time (%s)", page and page.file.src_uri, template.name, error)
        return None


Reads = frozenset  # of ("page" | "file", attribute name): what a template read of the other pages


def other_pages(context: dict[str, typing.Any], reads: Reads) -> str:
    """The attributes ``reads`` names, of every page of the site and its file (once per build)."""
    pages = [f.page for f in context.get("pages") or [] if getattr(f, "page", None) is not None]
    pages += [p for p in context["nav"].pages if all(p is not q for q in pages)]
    missing = object()

    def value(obj: object, name: str) -> object:
        found = getattr(obj, name, missing)
        return "<none>" if found is missing else plain(found)

    return per_build(context["nav"], repr(sorted(reads)), lambda: digest([
        (p.file.src_uri, [value(p if kind == "page" else p.file, name) for kind, name in sorted(reads)])
        for p in pages
    ]))


def render_recording(original: typing.Callable[..., str], template: jinja2.Template,
                     context: dict[str, typing.Any]) -> tuple[str, Reads]:
    """``template.render(context)``, and what it read of pages and files other than the current."""
    env, page = template.environment, context["page"]
    own_file = page.file if page is not None else None
    reads: set[tuple[str, str]] = set()
    get_attribute, get_item = env.getattr, env.getitem

    def note(obj: object, name: object) -> None:
        if isinstance(obj, Page) and obj is not page and name not in ACTIVE:
            reads.add(("page", str(name)))
        elif isinstance(obj, File) and obj is not own_file:
            reads.add(("file", str(name)))

    def getattr_(obj: typing.Any, attribute: str) -> typing.Any:
        note(obj, attribute)
        return get_attribute(obj, attribute)

    def getitem(obj: typing.Any, argument: typing.Any) -> typing.Any:
        note(obj, argument)
        return get_item(obj, argument)

    env.getattr, env.getitem = getattr_, getitem  # type: ignore[method-assign]
    try:
        return original(template, context), Reads(reads)
    finally:
        del env.getattr, env.getitem


def _template_reused(original: typing.Callable[..., str]) -> typing.Callable[..., str]:
    """jinja2.Template.render: a page's output is reused while its key and what it read of the
    other pages are unchanged."""

    def render(self: jinja2.Template, *args: typing.Any, **kwargs: typing.Any) -> str:
        if not (enabled() and len(args) == 1 and not kwargs and isinstance(args[0], dict)
                and isinstance(args[0].get("nav"), Navigation)
                and (args[0].get("page") is None or isinstance(args[0]["page"], Page))):
            return original(self, *args, **kwargs)  # not a page, the 404 page or the sitemap
        context = args[0]
        key = template_key(self, context)
        if key is None:
            return original(self, context)
        cache = state()
        found = cache.pages.get(key)
        try:
            if found is not None and other_pages(context, found[1]) == found[2]:
                cache.stats["template_hits"] += 1
                cache.pages[key] = (cache.build, *found[1:])
                return found[3]
            output, reads = render_recording(original, self, context)
            cache.stats["template_misses"] += 1
            cache.pages[key] = (cache.build, reads, other_pages(context, reads), output)
            return output
        except Unknown as error:
            log.debug("serve cache: %s renders its template every time (%s)", self.name, error)
            cache.pages.pop(key, None)
            return original(self, context)

    return render


# --------------------------------------------------------------------------------------------------
# Highlighted code (Pygments: about half of a page's Markdown render; an edit changes few blocks)
# --------------------------------------------------------------------------------------------------
def _highlight_reused(original: typing.Callable[..., str]) -> typing.Callable[..., str]:
    """pygments.highlight as pymdownx.highlight calls it: the same code with the same lexer and
    formatter, of the same classes and options, gives the same HTML."""

    def highlight(code: str, lexer: typing.Any, formatter: typing.Any, outfile: typing.Any = None) -> str:
        if not enabled() or outfile is not None:
            return original(code, lexer, formatter, outfile)
        try:
            key = digest(code, type(lexer).__module__, type(lexer).__qualname__, plain(lexer.options),
                         type(formatter).__module__, type(formatter).__qualname__, plain(formatter.options))
        except Unknown:
            return original(code, lexer, formatter, outfile)
        cache = state()
        found = cache.highlighted.get(key)
        if found is None:
            cache.stats["highlight_misses"] += 1
            found = (cache.build, original(code, lexer, formatter, outfile))
        else:
            cache.stats["highlight_hits"] += 1
        cache.highlighted[key] = (cache.build, found[1])
        return found[1]

    return highlight


# --------------------------------------------------------------------------------------------------
# The theme's static files (mkdocs lists every file of every theme folder on each build: Material's
# ~10,000 icons made that a third of a rebuild)
# --------------------------------------------------------------------------------------------------
def theme_folder_key(folder: str, describe: typing.Callable[[str], object]) -> object:
    """A theme folder and what is in it: one inside this Python environment (Material's and mkdocs'
    own) by every installed package's version, any other (custom_dir: overrides/) by the path of
    each of its files and ``describe(path)``."""
    if os.path.abspath(folder).startswith(os.path.abspath(sys.prefix) + os.sep):
        return environment_key()
    return sorted(
        (path, describe(path))
        for root, _, names in os.walk(folder)
        for path in (os.path.join(root, name) for name in names)
    )


def theme_listing_key(config: MkDocsConfig) -> str:
    """The theme folders and the names of the files in them."""
    return digest(
        config.theme.dirs, config.theme.static_templates,
        [theme_folder_key(folder, lambda path: None) for folder in config.theme.dirs],
    )


def _listing_reused(original: typing.Callable[..., None]) -> typing.Callable[..., None]:
    """Files.add_files_from_theme, from :func:`theme_files`."""

    def add_files_from_theme(self: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        if not enabled():
            return original(self, env, config)
        for path, folder in theme_files(env, config, original):
            if self.get_file_from_path(path) is None:  # a docs file of that name wins
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    return add_files_from_theme


def theme_files(env: jinja2.Environment, config: MkDocsConfig,
                original: typing.Callable[..., None]) -> list[tuple[str, str]]:
    """(path, theme folder) of every static file mkdocs' own listing finds, reused by key."""
    cache = state()
    key = theme_listing_key(config)
    found = cache.theme_files.get(key)
    if found is None:
        listed = Files([])
        original(listed, env, config)
        found = [(file.src_uri, file.src_dir) for file in listed]
    cache.theme_files = {key: found}
    return found


# --------------------------------------------------------------------------------------------------
# Compiled templates
# --------------------------------------------------------------------------------------------------
class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache in memory; the key also names the settings that shape compiled code."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self.settings = digest(
            sorted(environment.extensions),
            environment.block_start_string, environment.block_end_string,
            environment.variable_start_string, environment.variable_end_string,
            environment.comment_start_string, environment.comment_end_string,
            environment.line_statement_prefix, environment.line_comment_prefix,
            environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
            environment.keep_trailing_newline, environment.optimized, environment.autoescape,
            environment.is_async, environment.code_generator_class.__qualname__, jinja2.__version__,
        )

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        bucket = jinja2.bccache.Bucket(
            environment, digest(self.settings, name, filename), self.get_source_checksum(source)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        cache = state()
        found = cache.bytecode.get(bucket.key)
        if found is not None and found[1] == bucket.checksum:
            cache.bytecode[bucket.key] = (cache.build, *found[1:])
            bucket.bytecode_from_string(found[2])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        cache = state()
        cache.bytecode[bucket.key] = (cache.build, bucket.checksum, bucket.bytecode_to_string())


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    if enabled() and env.bytecode_cache is None:
        env.bytecode_cache = MemoryBytecodeCache(env)
    return env


def _bytecode_shared(
    original: typing.Callable[..., jinja2.Environment],
) -> typing.Callable[..., jinja2.Environment]:
    """Theme.get_env, every environment with the same cache, not only the build's: Material's
    search plugin makes three more in its on_config (to translate its settings), each compiling
    the language templates again on every rebuild (~0.17 s)."""

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        if enabled() and env.bytecode_cache is None:
            env.bytecode_cache = MemoryBytecodeCache(env)
        return env

    return get_env


def patch_once(owner: type, name: str, wrap: typing.Callable[[typing.Any], typing.Any]) -> None:
    """``owner.name = wrap(owner.name)``, once a process: mkdocs serve imports this hook again on
    every rebuild, and the patch stays. The replaced function is ``owner.name.original``."""
    current = getattr(owner, name)
    if getattr(current, "original", None) is None:
        patched = wrap(current)
        patched.original = current
        setattr(owner, name, patched)


# Here, at import: the plugins' on_config (search's) and the theme's file listing run before any of
# this hook's events.
patch_once(Files, "add_files_from_theme", _listing_reused)
patch_once(Theme, "get_env", _bytecode_shared)
patch_once(jinja2.Template, "render", _template_reused)
patch_once(pymdownx.highlight, "highlight", _highlight_reused)  # type: ignore[arg-type]


def on_post_build(config: MkDocsConfig) -> None:
    cache = state()
    oldest = cache.build - KEEP_BUILDS + 1
    cache.renders = {k: e for k, e in cache.renders.items() if e.used >= oldest}
    cache.search = {k: e for k, e in cache.search.items() if e[0] >= oldest}
    cache.bytecode = {k: e for k, e in cache.bytecode.items() if e[0] >= oldest}
    cache.finished = {k: e for k, e in cache.finished.items() if e[0] >= oldest}
    cache.pages = {k: e for k, e in cache.pages.items() if e[0] >= oldest}
    cache.highlighted = {k: e for k, e in cache.highlighted.items() if e[0] >= oldest}
    cache.fingerprints = (0, {})
    log.debug("serve cache: %s", cache.stats)


# --------------------------------------------------------------------------------------------------
# The file watcher
# --------------------------------------------------------------------------------------------------
def on_serve(server: typing.Any, config: MkDocsConfig, builder: typing.Any) -> typing.Any:
    """mkdocs' watchdog PollingObserver waits 0.5 s between two looks at the watched folders: up
    to half a second between a save and the rebuild. Its emitters are not started yet here; the
    ones scheduled later (``watch:`` in mkdocs.yml) take the observer's timeout."""
    if enabled() and hasattr(server, "build_delay"):
        # mkdocs waits until no change arrived for build_delay (0.1 s) before it rebuilds; an
        # editor's save (write, or write and rename) lands within milliseconds
        server.build_delay = min(server.build_delay, BUILD_DELAY_S)
    observer = getattr(server, "observer", None)
    if enabled() and observer is not None and hasattr(observer, "_timeout"):
        observer._timeout = POLL_S
        for emitter in observer.emitters:
            emitter._timeout = POLL_S
    return server
