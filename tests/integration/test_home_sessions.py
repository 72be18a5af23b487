"""The home page offers her sessions: with more than one, each is a card
with its length, its price in her currency (CLDR) or "complimentary", and
the way to its times; with one, the hero's button is the offer."""

from __future__ import annotations

import re
import shutil

from tests.support.site import ROOT, build_site

SITE_TOML = """
[site]
language = "fr"

[coach]
name = "Margaux Martin"
email = "bonjour@margaux.example"
timezone = "Europe/Paris"

[booking]
currency = "EUR"

[booking.weekly_hours]
tue = ["09:00-12:00"]

[[booking.sessions]]
slug = "decouverte"
title = "Séance découverte"
duration_minutes = 30
description = "Un premier échange, sans engagement."

[[booking.sessions]]
slug = "accompagnement"
title = "Séance d’accompagnement"
duration_minutes = 60
price = 120
description = "Une heure pour avancer sur votre projet."
"""


def _build(tmp_path, site_toml: str, check: bool = True):
    project = tmp_path / "project"
    (project / "content/articles").mkdir(parents=True, exist_ok=True)
    (project / "content/pages").mkdir(exist_ok=True)
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    (project / "site.toml").write_text(site_toml, encoding="utf-8")
    result = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
        check=check,
    )
    return result.output if check else result


def _cards(home: str) -> list[str]:
    section = re.search(r'<section[^>]*aria-labelledby="sessions">(.*?)</section>', home, re.S)
    assert section, "no sessions section"
    return re.findall(r'<li class="card[^"]*">(.*?)</li>', section.group(1), re.S)


def test_each_session_is_a_card_with_its_price_in_her_currency(tmp_path):
    home = (_build(tmp_path, SITE_TOML) / "index.html").read_text("utf-8")
    assert '<h2 id="sessions">Travailler ensemble</h2>' in home
    free, paid = _cards(home)
    assert "Séance découverte" in free and "30 minutes · Offert" in free
    assert "Un premier échange, sans engagement." in free
    assert (
        "Séance d’accompagnement" in paid and "60 minutes · 120,00\u00a0€" in paid
    )  # CLDR: a no-break space
    assert 'href="/book/accompagnement/"' in paid
    assert re.search(r'<h3 class="card-title"><a href="/book/decouverte/">', free)


def test_with_one_session_the_hero_is_the_offer(tmp_path):
    one = SITE_TOML[: SITE_TOML.index('[[booking.sessions]]\nslug = "accompagnement"')]
    home = (_build(tmp_path, one) / "index.html").read_text("utf-8")
    assert 'aria-labelledby="sessions"' not in home
    assert re.search(r'<a class="button" href="/book/decouverte/">Séance découverte</a>', home)


def _with_testimonials(tmp_path, files: dict[str, str], check: bool = True):
    project = tmp_path / "project"
    (project / "content/testimonials").mkdir(parents=True)
    for name, text in files.items():
        (project / "content/testimonials" / name).write_text(text, encoding="utf-8")
    return _build(tmp_path, SITE_TOML, check)


def test_her_clients_words_on_the_home_page_and_their_sessions_page(tmp_path):
    out = _with_testimonials(
        tmp_path,
        {
            "a.md": "Author: Claire D.\nRole: Cadre, Lyon\nSessions: accompagnement\n\n"
            "J’ai retrouvé du **sens** à mon travail.\n",
            "b.md": "Author: Julien R.\n\nUne séance a suffi pour y voir clair.\n",
        },
    )
    home = (out / "index.html").read_text("utf-8")
    section = re.search(r'aria-labelledby="testimonials">(.*?)</section>', home, re.S)
    assert section and "Ce qu’en disent mes clients" in section.group(1)
    quotes = re.findall(r"<figure class=\"testimonial[^>]*>(.*?)</figure>", section.group(1), re.S)
    assert len(quotes) == 2
    assert "<strong>sens</strong>" in quotes[0] and "Claire D." in quotes[0]
    assert "Cadre, Lyon" in quotes[0] and "sample-note" not in home
    tagged = (out / "book/accompagnement/index.html").read_text("utf-8")
    assert "Claire D." in tagged and "Julien R." not in tagged
    untagged = (out / "book/decouverte/index.html").read_text("utf-8")
    assert 'aria-labelledby="testimonials"' not in untagged


def test_a_testimonial_for_a_session_that_does_not_exist_stops_the_build(tmp_path):
    result = _with_testimonials(
        tmp_path, {"a.md": "Author: C.\nSessions: coaching\n\nMerci.\n"}, check=False
    )
    assert result.returncode != 0
    assert (
        "content/testimonials/a.md, Sessions: 'coaching' is not a session "
        "(decouverte, accompagnement)" in result.log
    )
    assert not (tmp_path / "output/index.html").exists()
