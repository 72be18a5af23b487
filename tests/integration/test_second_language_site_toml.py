"""A second language from site.toml alone: a Spanish coach's site with
English beside it, no line of pelicanconf.py changed. Translations live
under /en/, and a translation with tags of its own builds."""

from __future__ import annotations

import re
import shutil

from tests.support.site import ROOT, build_site


def _png() -> bytes:
    """A small portrait stand-in (a PNG Pillow and browsers read)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (180, 150, 120)).save(out, "PNG")
    return out.getvalue()


PNG = _png()

SITE_TOML = """
[site]
language = "es"
extra_languages = ["en"]

[coach]
name = "Lucía Hernández"
email = "lucia@example.mx"
timezone = "America/Mexico_City"
tagline = { es = "Decisiones con calma", en = "Decisions made calmly" }
photo = "images/lucia.png"
photo_alt = { es = "Lucía sonríe junto a una ventana", en = "Lucía smiles by a window" }
disclaimer = { es = "El coaching no es terapia.", en = "Coaching is not therapy." }

[[menu]]
label = { es = "Artículos", en = "Articles" }
link = "archives/"

[booking.weekly_hours]
mon = ["10:00-14:00"]

[[booking.sessions]]
slug = "descubrimiento"
title = { es = "Sesión de descubrimiento", en = "Discovery session" }
description = { es = "Una conversación sin compromiso.", en = "A talk, no strings attached." }
location = "Zoom"
duration_minutes = 30
"""


def _project(tmp_path):
    project = tmp_path / "project"
    (project / "content/articles").mkdir(parents=True)
    (project / "content/pages").mkdir()
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    (project / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (project / "content/images").mkdir()
    (project / "content/images/lucia.png").write_bytes(PNG)
    pages = project / "content/pages"
    (pages / "home.md").write_text(
        "Title: Inicio\nSlug: home\nStatus: hidden\nSave_as:\n"
        "Summary: Acompaño a profesionales que deciden su siguiente paso.\n\n"
        "## Cómo trabajo\n\nEscucho primero.\n",
        encoding="utf-8",
    )
    articles = project / "content/articles"
    (articles / "decidir.md").write_text(
        "Title: Decidir sin prisa\nDate: 2026-11-20 09:00\nCategory: Carrera\nTags: carrera\n"
        "Slug: decidir-sin-prisa\n\nUna decisión tomada con calma.\n",
        encoding="utf-8",
    )
    (articles / "decidir-en.md").write_text(
        "Title: Deciding without hurry\nDate: 2026-11-20 09:00\nCategory: Career\nTags: career\n"
        "Slug: decidir-sin-prisa\nLang: en\n\nA decision made calmly.\n",
        encoding="utf-8",
    )
    return project


def test_english_beside_spanish_from_site_toml_alone(tmp_path):
    project = _project(tmp_path)
    result = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
    )
    out = result.output
    english = (out / "en/articles/decidir-sin-prisa/index.html").read_text("utf-8")
    assert '<html lang="en">' in english and "Deciding without hurry" in english
    spanish_article = (out / "articles/decidir-sin-prisa/index.html").read_text("utf-8")
    # Her menu label in each page's language.
    assert '/archives/">Articles</a>' in english and "Artículos" not in english
    assert '/archives/">Artículos</a>' in spanish_article
    # The translation's own tag and category have their pages, listing it.
    assert "Deciding without hurry" in (out / "tag/career/index.html").read_text("utf-8")
    assert "Deciding without hurry" in (out / "category/career/index.html").read_text("utf-8")
    # Her session in each language's words; what she did not translate
    # (the location) is the same in both.
    spanish = (out / "book/descubrimiento/index.html").read_text("utf-8")
    english = (out / "en/book/descubrimiento/index.html").read_text("utf-8")
    assert "Sesión de descubrimiento" in spanish and "Discovery session" not in spanish
    assert "Discovery session" in english and "Sesión de descubrimiento" not in english
    assert "A talk, no strings attached." in english and "Zoom" in english
    invites = sorted((out / "en/book/descubrimiento").glob("2*.ics"))
    assert invites and "SUMMARY:Discovery session" in invites[0].read_text("utf-8")
    spanish_invite = out / "book/descubrimiento" / invites[0].name
    assert "SUMMARY:Sesión de descubrimiento" in spanish_invite.read_text("utf-8")


def _home_english(project, tmp_path):
    (project / "content/pages/home-en.md").write_text(
        "Title: Home\nSlug: home\nLang: en\nStatus: hidden\nSave_as:\n"
        "Summary: I work with professionals deciding their next step.\n\n"
        "## How I work\n\nI listen first.\n",
        encoding="utf-8",
    )


def test_each_language_has_its_home_page_in_her_words(tmp_path):
    project = _project(tmp_path)
    _home_english(project, tmp_path)
    out = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
    ).output
    spanish = (out / "index.html").read_text("utf-8")
    english = (out / "en/index.html").read_text("utf-8")
    assert '<html lang="en">' in english
    for words in (
        "Decisions made calmly",
        'alt="Lucía smiles by a window"',
        "I work with professionals deciding their next step.",
        "How I work",
        "Coaching is not therapy.",
        "Discovery session",
        "Deciding without hurry",
    ):
        assert words in english, words
        assert words not in spanish, words
    for words in ("Decisiones con calma", "Escucho primero.", "Sesión de descubrimiento"):
        assert words in spanish and words not in english, words
    # Only this language's articles are listed.
    assert "Decidir sin prisa" not in english
    # Each home page names the other as its translation, and the header's
    # site name leads to the home page of the page's language.
    for page in (english, spanish):
        assert re.search(r'hreflang="es" href="https?://[^/"]+/"', page)
        assert re.search(r'hreflang="en" href="https?://[^/"]+/en/"', page)
    article = (out / "en/articles/decidir-sin-prisa/index.html").read_text("utf-8")
    assert re.search(r'class="site-name" href="[^"]*/en/"', article)
    assert '<meta name="description" content="Decisions made calmly">' in english
    assert "Coaching is not therapy." in article
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "/en/</loc>" in sitemap


def test_a_home_text_not_yet_translated_is_shown_marked_as_spanish(tmp_path):
    project = _project(tmp_path)
    out = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
    ).output
    english = (out / "en/index.html").read_text("utf-8")
    assert '<p class="lead" lang="es">Acompaño a profesionales' in english
    assert re.search(r'<section class="[^"]*prose" lang="es">\s*<h2[^>]*>Cómo trabajo', english)
    assert "Decisions made calmly" in english


def test_the_bilingual_site_passes_invoke_check(tmp_path):
    import subprocess
    import sys

    project = _project(tmp_path)
    command = [sys.executable, "-m", "sitetools.check", "--content", str(project / "content")]
    command += ["--settings", str(project / "pelicanconf.py")]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    assert "FIX" not in done.stdout, done.stdout
    assert done.returncode == 0, done.stdout + done.stderr
    # What the English pages show in Spanish is listed, not failed.
    notes = [line for line in done.stdout.splitlines() if line.startswith("note")]
    assert notes[0].startswith(
        "note  the en pages show your es words for: [booking] sessions, item 1, location ("
    ), notes
    assert notes[1:] == [
        "note  the en home page shows your es home text "
        "(add its translation: a page with Slug: home, Lang: en, Status: hidden)"
    ]


def test_the_editor_starts_an_empty_home_translation_that_counts_as_untranslated(tmp_path):
    from sitetools.commands.edit import start_home_translations
    from sitetools.commands.project import Project

    project = _project(tmp_path)
    (project / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    started = start_home_translations(Project.at(project))
    assert started == ["home-en.md"]
    assert start_home_translations(Project.at(project)) == []  # left alone once there
    out = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
    ).output
    english = (out / "en/index.html").read_text("utf-8")
    assert '<p class="lead" lang="es">Acompaño a profesionales' in english
    assert not (out / "en/home/index.html").exists()
