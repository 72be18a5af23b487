"""The only Pelican-aware module of render_memo: a Writer that

* writes a file only when its bytes change (always on), and
* when Pelican's content cache is on, skips rendering a page whose key (see
  keys.py) matches the last build's and whose file is intact, reusing the
  text on disk. A no-change rebuild then renders nothing.

`SITE_PREVIOUS_OUTPUT` names the last good output when a build writes into
a fresh folder (sitetools.build.build_into), so pages can be reused from it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from pelican import signals
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import FileOverwriteFailedError, Writer

from ..common.files import write_if_changed
from .changed_only import ChangedOnlyFile
from .digest import StateDigest, Undigestible
from .inputs import TemplateReads, code_digest, environment_digest
from .keys import PageKeys
from .store import RenderMemo

log = logging.getLogger(__name__)
MEMO_FILE = "RenderMemo"
SETTINGS_FILE = "SettingsDigest"
SESSION = "_RENDER_MEMO"
# BOOKING_VIEW holds the open slots, which change as the build clock moves;
# only templates that name it (the booking pages) depend on it.
TEMPLATE_ONLY = ("BOOKING_VIEW",)
# Pelican lists static files in the order it found them, which varies.
UNORDERED = ("staticfiles",)
# How the cache is used, not what it holds.
CACHE_CONTROLS = frozenset(
    {"LOAD_CONTENT_CACHE", "CACHE_CONTENT", "CACHE_PATH", "GZIP_CACHE", "OUTPUT_PATH"}
)
DIGEST_KEY = "_CACHE_SETTINGS_DIGEST"


def _identity(obj: object) -> str | None:
    """Stable names for Pelican's shared objects (see digest.StateDigest)."""
    if isinstance(obj, Content):
        return f"{type(obj).__name__}:{obj.source_path}"
    if isinstance(obj, URLWrapper):
        # Pelican makes one Category per article; equal ones share a name.
        return f"{type(obj).__name__}:{obj.slug}:{obj.name}"
    return None


class MemoSession:
    """The memo of one build: loaded at the first page, saved when it ends."""

    def __init__(self, settings: dict, output_path: str) -> None:
        self.settings = settings
        cache = Path(settings["CACHE_PATH"])
        self.path = cache / MEMO_FILE
        self.memo = RenderMemo.load(self.path) if settings["LOAD_CONTENT_CACHE"] else RenderMemo()
        previous = os.environ.get("SITE_PREVIOUS_OUTPUT")
        self.roots = [Path(output_path)] + ([Path(previous)] if previous else [])
        self._keys: PageKeys | None = None
        self._code: dict[int, bytes] = {}
        self._reads: dict[int, TemplateReads] = {}
        self._template_reads: dict[tuple[int, str], frozenset[str] | None] = {}
        self._files = code_digest(settings["THEME"])
        self.disabled = False
        self.reused = 0
        self.rendered = 0

    def key(self, template, context: dict, local: dict) -> bytes | None:
        if self.disabled:
            return None
        try:
            if self._keys is None:
                digester = StateDigest(_identity, skip_attrs=("_context", "settings"))
                digester.know(self.settings, "settings")
                self._keys = PageKeys(
                    context, digester, TEMPLATE_ONLY, UNORDERED, CACHE_CONTROLS - {"OUTPUT_PATH"}
                )
            env = template.environment
            if id(env) not in self._code:
                self._code[id(env)] = self._files + environment_digest(env)
                known = self.memo.extras.setdefault("template_reads", {})
                self._reads[id(env)] = TemplateReads(env, known)
            reads_key = (id(env), template.name)
            if reads_key not in self._template_reads:
                self._template_reads[reads_key] = self._reads[id(env)](template.name)
            reads = self._template_reads[reads_key]
            return self._keys.key(self._code[id(env)], template.name, reads, local)
        except Undigestible as error:
            log.info("render_memo: rendering every page this build (%s)", error)
            self.disabled = True
            return None

    def save(self) -> None:
        log.info("render_memo: %d pages reused, %d rendered", self.reused, self.rendered)
        if not self.disabled:
            self.memo.save(self.path)


class MemoTemplate:
    """Stands in for a Jinja template inside Writer.write_file."""

    def __init__(self, template, session: MemoSession, context: dict) -> None:
        self._template = template
        self._session = session
        self._context = context

    def __getattr__(self, name: str):
        return getattr(self._template, name)

    def render(self, local: dict) -> str:
        name = local["output_file"]
        key = self._session.key(self._template, self._context, local)
        if key is not None:
            text = self._session.memo.recall(name, key, self._session.roots)
            if text is not None:
                self._session.reused += 1
                return text
        self._session.rendered += 1
        text = self._template.render(local)
        if key is not None:
            self._session.memo.remember(name, key, text)
        return text


class MemoWriter(Writer):
    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self._session = None
        if self.settings.get("CACHE_CONTENT"):
            self._session = MemoSession(self.settings, output_path)
            self.settings[SESSION] = self._session

    def write_file(self, name, template, context, *args, **kwargs):
        if self._session is not None and name:
            template = MemoTemplate(template, self._session, context)
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        # Pelican's bookkeeping, unchanged (refuse a second write to one file
        # unless it is an override); only the returned handle differs.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            log.info('Skipping "%s", not overwriting', filename)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files:
            if not override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
            log.info('Overwriting "%s"', filename)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return ChangedOnlyFile(filename, encoding)


def _settings_digest(settings: dict) -> bytes:
    values = {
        k: v for k, v in settings.items() if not k.startswith("_") and k not in CACHE_CONTROLS
    }
    code = code_digest(settings["THEME"])
    return StateDigest(lambda _obj: None).digest(values) + code


def guard_content_cache(pelican) -> None:
    """Pelican trusts its content cache as long as a file's mtime is the
    same, even after a setting that changes how files are read (MARKDOWN,
    a reader plugin) changed: ignore the cache when settings or code differ
    from the build that wrote it."""
    settings = pelican.settings
    if not (settings.get("LOAD_CONTENT_CACHE") or settings.get("CACHE_CONTENT")):
        return
    try:
        settings[DIGEST_KEY] = _settings_digest(settings)
    except Undigestible as error:
        settings[DIGEST_KEY] = None
        log.info("render_memo: cannot digest the settings (%s)", error)
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    try:
        same = Path(settings["CACHE_PATH"], SETTINGS_FILE).read_bytes() == settings[DIGEST_KEY]
    except OSError:
        same = False
    if not same:
        log.info("render_memo: settings or code changed; content cache not used this build")
        settings["LOAD_CONTENT_CACHE"] = False


def save_settings_digest(pelican) -> None:
    data = pelican.settings.get(DIGEST_KEY)
    if pelican.settings.get("CACHE_CONTENT") and data:
        path = Path(pelican.settings["CACHE_PATH"], SETTINGS_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, data)


def template_bytecode_cache(generator) -> None:
    """With the content cache on, keep compiled templates too: Jinja checks
    each against its source's checksum before using it."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") and getattr(generator, "env", None) is not None:
        folder = Path(settings["CACHE_PATH"], "jinja")
        folder.mkdir(parents=True, exist_ok=True)
        generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def writer_class(_pelican) -> type[Writer]:
    return MemoWriter


def save_memo(pelican) -> None:
    session = pelican.settings.get(SESSION)
    if session is not None:
        session.save()


def register() -> None:
    signals.initialized.connect(guard_content_cache)
    signals.generator_init.connect(template_bytecode_cache)
    signals.get_writer.connect(writer_class)
    signals.finalized.connect(save_memo)
    signals.finalized.connect(save_settings_digest)
