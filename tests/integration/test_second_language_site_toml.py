"""A second language from site.toml alone: a Spanish coach's site with
English beside it, no line of pelicanconf.py changed. Translations live
under /en/, and a translation with tags of its own builds."""

from __future__ import annotations

import shutil

from tests.support.site import ROOT, build_site

SITE_TOML = """
[site]
language = "es"
extra_languages = ["en"]

[coach]
name = "Lucía Hernández"
email = "lucia@example.mx"
timezone = "America/Mexico_City"

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
    (note,) = [line for line in done.stdout.splitlines() if line.startswith("note")]
    assert note.startswith(
        "note  the en pages show your es words for: [booking] sessions, item 1, location ("
    ), note
