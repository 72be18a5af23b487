"""The Pelican side of her photographs.

- `picture(path, alt, sizes, css_class="", first=False)` in every
  template: the theme's own photos (her portrait, a testimonial's face, an
  article's `Image:`).
- Every `<img>` of her Markdown that shows a JPEG, PNG or WebP of this site
  becomes a `<picture>` as its page is written (`content_written`).
- `social_image(title, image)`: the page's link-preview picture (its own
  `Image:`, else a card drawn once per title and kept in `cards/` beside
  `photos/`); `preload_photo(path, sizes)`: the home portrait's preload.
- A photo's renditions are written as soon as a page shows it. The static
  copy never publishes a JPEG, PNG or WebP as she dropped it (camera data
  and all): each is taken out of it, and its address gets the stripped copy.

A photo that cannot be read stops the build with one line naming it.
"""

from __future__ import annotations

import logging
import re
from html import escape, unescape
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from ..common.errors import SiteError
from ..common.files import write_if_changed
from ..common.memo import code_version
from ..site_extras.content_cache import ROOT_KEY
from .cards import HEIGHT, WIDTH, CardStyle, draw_card
from .markup import PublishedPhoto, picture, preload, published
from .photos import PhotoError, renditions
from .store import RenditionStore, digest

log = logging.getLogger(__name__)
KEY = "_PHOTOS"
RASTER = (".jpg", ".jpeg", ".png", ".webp")
# Her Markdown's images sit in the text column: full width on a phone, the
# column's 68 characters (about 42rem) beyond.
CONTENT_SIZES = "(min-width: 48rem) 42rem, calc(100vw - 2rem)"
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_PICTURE = re.compile(r"<picture>.*?</picture>", re.I | re.S)
_ATTR = re.compile(r'([a-zA-Z][\w-]*)="([^"]*)"')


class PhotoFileError(SiteError):
    pass


class Photos:
    """This build's photographs, each encoded once (or read from the store)."""

    def __init__(self, content: Path, cache: Path, output: Path, *, shared: bool = False) -> None:
        self.content = content
        # A store shared between sites (the tests') is in use by other
        # builds at the same time: pruning it would take their files away.
        self.prune = not shared
        self.output = output
        self.store = RenditionStore(cache / "photos", code_version(code=Path(__file__).parent))
        self.published: dict[str, PublishedPhoto] = {}
        self.stripped: set[str] = set()
        self._made: dict[str, PublishedPhoto] = {}
        self.cards_used: set[str] = set()
        self.cards_drawn = 0
        self.card = None  # social_card(title), made with the first template environment

    def __getstate__(self) -> dict:
        # Pelican pickles the settings (the content cache, the parallel
        # readers): the card maker is this build's closure, made again.
        return {**self.__dict__, "card": None}

    def _renditions(self, source: str) -> PublishedPhoto:
        if source not in self._made:
            self._made[source] = self._make(source)
        return self._made[source]

    def _make(self, source: str) -> PublishedPhoto:
        path = (self.content / source).resolve()
        if not path.is_relative_to(self.content.resolve()) or not path.is_file():
            raise PhotoFileError(
                f"{self.content.name}/{source}: no such photo in your content folder"
            )
        data = path.read_bytes()
        try:
            made = self.store.get(data, renditions)
        except PhotoError as error:
            raise PhotoFileError(f"{self.content.name}/{source} {error}") from None
        return published(source, made, digest(data)[:10])

    def publish(self, source: str) -> PublishedPhoto:
        """Every rendition of `source`, written now; its `<picture>` follows."""
        source = source.lstrip("/")
        found = self.published.get(source)
        if found is None:
            found = self.published[source] = self._renditions(source)
            for site_path, rendition in found.files:
                self._write(site_path, rendition.data)
        return found

    def strip(self, source: str) -> None:
        """Only the stripped copy, at the photo's own address (a photo the
        static copy would have published as it is)."""
        photo = self._renditions(source)
        self.stripped.add(source)
        self._write(photo.files[-1][0], photo.fallback.data)

    def _write(self, site_path: str, data: bytes) -> None:
        target = self.output / site_path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(target, data)

    def finish(self) -> None:
        if self.published or self.stripped:
            log.info(
                "photos: %d published, %d encoded by this build",
                len(self.published | dict.fromkeys(self.stripped)),
                self.store.encoded,
            )
            # A build with none (a test's, a first draft) keeps them all.
            if self.prune:
                self.store.forget_unused()
        cards = self.store.folder.parent / "cards"
        if self.cards_used:
            log.info(
                "social cards: %d, %d drawn by this build", len(self.cards_used), self.cards_drawn
            )
        if self.prune and self.cards_used and cards.is_dir():
            for old in cards.glob("*.png"):
                if old.name not in self.cards_used:
                    old.unlink(missing_ok=True)


def _card_maker(settings: dict, photos: Photos):
    """social_card(title): the site path, width and height of the page's
    card, drawn once per title (and look, name, portrait) and kept."""
    from ..config import of
    from ..design.looks import LOOKS
    from ..design.publish import FULL_FONTS, palettes

    checked = of(settings)
    look = LOOKS[checked.design.style]
    light, _ = palettes(look, checked.design.accent)
    style = CardStyle(
        background=light.bg,
        text=light.text,
        muted=light.muted,
        accent=light.accent,
        heading_font=FULL_FONTS / look.heading.file,
        body_font=FULL_FONTS / look.body.file,
        heading_weight=max(look.heading_weight, 650),
    )
    name, site = checked.coach.name, str(settings.get("SITENAME") or "")
    portrait = checked.coach.photo
    face = None
    if portrait.lower().endswith(RASTER) and (photos.content / portrait).is_file():
        face = photos.publish(portrait).files[0][1].data  # a small rendition is enough
    version = photos.store.version
    face_key = digest(face) if face else ""
    made: dict[str, tuple[str, int, int]] = {}

    def social_card(title: str) -> tuple[str, int, int]:
        if title not in made:
            key = digest("\x1f".join((title, name, site, repr(style), face_key, version)).encode())
            site_path = f"social/{key[:16]}.png"
            kept = photos.store.folder.parent / "cards" / f"{key[:32]}.png"
            try:
                data = kept.read_bytes()
            except OSError:
                data = draw_card(title, name, site, style, face)
                photos.cards_drawn += 1
                kept.parent.mkdir(parents=True, exist_ok=True)
                write_if_changed(kept, data)
            photos.cards_used.add(kept.name)
            photos._write(site_path, data)
            made[title] = (site_path, WIDTH, HEIGHT)
        return made[title]

    return social_card


def start(pelican) -> None:
    """One Photos per build, in the build's own settings (no module state),
    made before Pelican copies them into the templates' context, so every
    page written shares it."""
    _photos(pelican.settings)


def _photos(settings: dict) -> Photos:
    if KEY not in settings:
        # The cache folder as configured (CACHE_PATH itself may be this
        # build's private copy, which keeps no folders: content_cache.py).
        # PHOTOS_CACHE_PATH: where the renditions and cards are kept when not
        # in the cache folder (the tests share one between their sites).
        shared = settings.get("PHOTOS_CACHE_PATH")
        root = shared or settings.get(ROOT_KEY) or settings["CACHE_PATH"]
        settings[KEY] = Photos(
            Path(settings["PATH"]), Path(root), Path(settings["OUTPUT_PATH"]), shared=bool(shared)
        )
    return settings[KEY]


def _stop(error: SiteError) -> None:
    log.critical("photos: %s", error)
    raise SystemExit(1) from None


def template_function(generator) -> None:
    settings = generator.settings
    photos = _photos(settings)
    site_url = settings.get("SITEURL", "")

    @pass_context
    def picture_of(_context, path, alt="", sizes="100vw", css_class="", first=False, box=None):
        """`box`: (width, height) for a drawing (SVG), which needs no renditions."""
        if not str(path).lower().endswith(RASTER):
            width, height = box or (None, None)
            size = f' width="{width}" height="{height}"' if width else ""
            css = f' class="{escape(css_class)}"' if css_class else ""
            loading = ' fetchpriority="high"' if first else ' loading="lazy"'
            return Markup(
                f'<img{css} src="{escape(site_url)}/{escape(str(path))}" '
                f'alt="{escape(str(alt))}"{size}{loading}>'
            )
        try:
            photo = photos.publish(str(path))
        except SiteError as error:
            _stop(error)
        return Markup(
            picture(photo, str(alt), sizes, site_url=site_url, css_class=css_class, first=first)
        )

    generator.env.globals["picture"] = picture_of

    def preload_of(path, sizes="100vw"):
        if not str(path).lower().endswith(RASTER):
            return ""
        try:
            return Markup(preload(photos.publish(str(path)), sizes, site_url=site_url))
        except SiteError as error:
            _stop(error)

    generator.env.globals["preload_photo"] = preload_of
    if photos.card is None:  # one per build: every generator's pages share it
        photos.card = _card_maker(settings, photos)
    card = photos.card

    @pass_context
    def social_image(_context, title, image=None):
        """(absolute URL, width, height, MIME type) of the page's picture
        for link previews: its own `Image:` when it has one (its stripped
        copy), else its card."""
        origin = settings.get("FEED_DOMAIN") or site_url
        try:
            if image and str(image).lower().endswith(RASTER):
                fallback = photos.publish(str(image)).fallback
                kind = "png" if fallback.format == "png" else "jpeg"
                url = f"{origin}/{str(image).lstrip('/')}"
                return url, fallback.width, fallback.height, f"image/{kind}"
            path, width, height = card(str(title))
        except SiteError as error:
            _stop(error)
        return f"{origin}/{path}", width, height, "image/png"

    generator.env.globals["social_image"] = social_image


def pictures_in_page(path: str, context: dict) -> None:
    """Her Markdown's `<img>` of a photo of this site, as `<picture>`."""
    if not path.endswith(".html"):
        return
    file = Path(path)
    html = file.read_text(encoding="utf-8")
    if "<img" not in html:
        return
    settings = context
    photos = _photos(settings)
    site_url = settings.get("SITEURL", "")
    first = ['fetchpriority="high"' not in html]

    def convert(match: re.Match) -> str:
        attrs = dict(_ATTR.findall(match.group(0)))
        src = unescape(attrs.get("src", ""))
        local = src.removeprefix(site_url) if site_url else src
        if not local.startswith("/") or "://" in local or not local.lower().endswith(RASTER):
            return match.group(0)
        if not (photos.content / local.lstrip("/")).is_file():
            return match.group(0)  # the link check names her file that shows it
        try:
            photo = photos.publish(local)
        except SiteError as error:
            _stop(error)
        made = picture(
            photo,
            unescape(attrs.get("alt", "")),
            CONTENT_SIZES,
            site_url=site_url,
            css_class=unescape(attrs.get("class", "")),
            first=first[0],
        )
        first[0] = False
        return made

    pieces, last = [], 0
    for block in _PICTURE.finditer(html):  # a <picture> already made is left alone
        pieces.append(_IMG.sub(convert, html[last : block.start()]))
        pieces.append(block.group(0))
        last = block.end()
    pieces.append(_IMG.sub(convert, html[last:]))
    changed = "".join(pieces)
    if changed != html:
        file.write_text(changed, encoding="utf-8")


def check_images(generator) -> None:
    """Each `Image:` names a file of her content folder: else one line
    naming her file (the article's, not only the photo's)."""
    content = Path(generator.settings["PATH"])
    items = [
        *getattr(generator, "articles", ()),
        *getattr(generator, "translations", ()),
        *getattr(generator, "drafts", ()),
        *getattr(generator, "pages", ()),
        *getattr(generator, "hidden_pages", ()),
    ]
    for item in items:
        image = item.metadata.get("image")
        if not image:
            continue
        path = (content / str(image).lstrip("/")).resolve()
        if not path.is_relative_to(content.resolve()) or not path.is_file():
            where = Path(item.source_path).resolve()
            shown = (
                where.relative_to(content.parent.resolve())
                if where.is_relative_to(content.parent.resolve())
                else where
            )
            _stop(
                PhotoFileError(
                    f"{shown}, Image: {image} is not a file in your content folder "
                    "(write it like images/room.jpg)"
                )
            )


def out_of_the_static_copy(generator) -> None:
    """Her photos leave the static copy (which would publish them with
    their camera data); each gets its stripped copy at its address now."""
    photos = _photos(generator.settings)
    kept = []
    for item in generator.staticfiles:
        if str(item.save_as).lower().endswith(RASTER):
            source = Path(generator.path, item.source_path).relative_to(Path(generator.path))
            try:
                photos.strip(source.as_posix())
            except SiteError as error:
                _stop(error)
        else:
            kept.append(item)
    generator.staticfiles[:] = kept


def finish(pelican) -> None:
    photos = pelican.settings.get(KEY)
    if photos is not None:
        photos.finish()


def register() -> None:
    signals.initialized.connect(start)
    signals.generator_init.connect(template_function)
    signals.content_written.connect(pictures_in_page)
    signals.article_generator_finalized.connect(check_images)
    signals.page_generator_finalized.connect(check_images)
    signals.static_generator_finalized.connect(out_of_the_static_copy)
    signals.finalized.connect(finish)
