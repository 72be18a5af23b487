"""The gettext catalogs: extraction finds every string, the template (.pot)
is current, every shipped catalog is complete, and no template prints words
of its own outside the catalog."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from jinja2 import Environment, nodes

from plugins.common.language import LanguageError, load_language, shipped
from tests.support.languages import CATALOGS, SHIPPED, catalog, placeholders
from tests.support.site import ROOT

TEMPLATES = ROOT / "theme/templates"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


# babel.cfg reads only these folders; walking node_modules and the build's
# output to find that out would take most of this test's time.
SOURCES = ("plugins", "theme")


def _in_sources(folder: str) -> bool:
    parts = Path(folder).relative_to(ROOT).parts
    return parts[0] in SOURCES and not any(p.startswith((".", "_")) for p in parts)


def _extracted() -> set[str]:
    with (CATALOGS / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    assert {pattern.split("/")[0] for pattern, _ in method_map} <= set(SOURCES)
    found = extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        strip_comment_tags=True,
        directory_filter=_in_sources,
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, *_ in found}


def _ids(po) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in po if m.id}


def test_the_catalog_template_holds_exactly_what_the_code_and_theme_say():
    with (CATALOGS / "messages.pot").open("rb") as source:
        template = _ids(read_po(source))
    found = _extracted()
    assert len(found) > 150
    missing, stale = found - template, template - found
    assert not missing and not stale, (
        f"run `invoke translations` (new: {sorted(missing)[:5]}, gone: {sorted(stale)[:5]})"
    )


def test_the_shipped_languages_are_the_seven_we_promise():
    assert shipped(CATALOGS) == ["en", "de", "es", "fr", "it", "nl", "pt_BR"]
    assert set(shipped(CATALOGS)) == set(SHIPPED)


@pytest.mark.parametrize("code", [c for c in SHIPPED if c != "en"])
def test_every_catalog_is_complete_and_safe_to_print(code):
    po = catalog(code)
    with (CATALOGS / "messages.pot").open("rb") as source:
        assert _ids(po) == _ids(read_po(source))
    header = (CATALOGS / code / "LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert "native" in header.split("msgid")[0], "the header invites a native-speaker review"
    plurals = Locale.parse(code).plural_form.tags
    assert po.num_plurals == 2 or po.num_plurals == len(plurals)
    for message in po:
        if not message.id:
            assert not message.fuzzy
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if isinstance(message.id, tuple):
            assert len(strings) == po.num_plurals, message.id
        for text in strings:
            assert text.strip(), f"untranslated: {ids[0]!r}"
            assert placeholders(text) in (placeholders(ids[0]), placeholders(ids[-1])), text
            # Printed into HTML text and attributes without another escape.
            assert not re.search(r"[\"<>&]", text), text
            assert text == text.strip() or ids[0] != ids[0].strip(), text


def test_an_unsupported_language_names_the_ones_there_are():
    for value in ("ja", "xx", "", None, "english"):
        with pytest.raises(LanguageError) as error:
            load_language(value, CATALOGS)
        message = str(error.value)
        assert message.startswith("[site] language: ")
        assert '"en", "de", "es", "fr", "it", "nl", "pt_BR"' in message
        assert "\n" not in message


@pytest.mark.parametrize(
    ("value", "code", "tag"),
    [
        ("fr", "fr", "fr"),
        ("fr-CA", "fr", "fr-CA"),
        ("pt_BR", "pt_BR", "pt-BR"),
        ("pt-BR", "pt_BR", "pt-BR"),
        ("pt", "pt_BR", "pt-BR"),
        ("en_GB", "en", "en-GB"),
        ("DE", "de", "de"),
    ],
)
def test_region_forms_choose_the_catalog_and_keep_their_formats(value, code, tag):
    lang = load_language(value, CATALOGS)
    assert (lang.code, lang.tag) == (code, tag)


def test_french_words_and_plurals_come_from_the_catalog():
    lang = load_language("fr", CATALOGS)
    assert lang.gettext("Book a session") != "Book a session"
    one = lang.ngettext("%(num)d min read", "%(num)d min read", 1) % {"num": 1}
    two = lang.ngettext("%(num)d min read", "%(num)d min read", 2) % {"num": 2}
    assert one == "1 min de lecture" and two == "2 min de lecture"


# --- no words of a template's own ------------------------------------------------

_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_SPOKEN = re.compile(r'\b(?:alt|title|aria-label|placeholder|content)="([^"]*)"')
_TAG = re.compile(r"<[^>]*>", re.S)
# Machine words, not prose: og:type ("website", "article", also as the
# og_type block's text), robots "noindex", the color-scheme values.
_MACHINE = {"website", "article", "noindex", "summary", "summary_large_image", "light dark"}


def _templates() -> list[Path]:
    return sorted([*TEMPLATES.rglob("*.html"), *TEMPLATES.rglob("*.txt")])


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.relative_to(TEMPLATES).as_posix())
def test_a_template_prints_no_words_outside_the_catalog(path):
    source = path.read_text(encoding="utf-8")
    markup = _JINJA.sub("\0", source)
    spoken = [v.replace("\0", "").strip() for v in _SPOKEN.findall(markup)]
    spoken = [v for v in spoken if v and v not in _MACHINE and not v.startswith("width=")]
    text = _TAG.sub(" ", markup).replace("\0", " ")
    words = [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in _MACHINE]
    assert words == [] and [v for v in spoken if re.search(r"[^\W\d_]{2,}", v)] == []
    # Strings printed straight from an expression ({{ 'Word' }}) count too.
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(source)
    printed = [
        node.value
        for output in tree.find_all(nodes.Output)
        for node in output.nodes
        if isinstance(node, nodes.Const) and isinstance(node.value, str)
    ]
    assert [p for p in printed if re.search(r"[^\W\d_]{2,}", p)] == []
