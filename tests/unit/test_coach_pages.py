"""What the coaches index and a coach's profile show (plugins/coaches/profiles.py):
plain dicts from [[coaches]] and the booking views, in one language."""

from __future__ import annotations

from plugins.coaches.profiles import (
    coach_view,
    coaches_view,
    index_url,
    paragraphs,
    spoken,
    summary,
)
from plugins.config.coaches import parse_coaches
from tests.support.languages import ENGLISH, language

HOURS = {"mon": ["09:00-12:00"]}


def _coaches():
    return parse_coaches(
        [
            {
                "slug": "amara",
                "name": "Amara Okafor",
                "email": "amara@program.example",
                "timezone": "America/Chicago",
                "weekly_hours": HOURS,
                "credentials": "MD, PCC",
                "photo": "images/amara.jpg",
                "photo_alt": {"en": "Amara at her desk", "fr": "Amara à son bureau"},
                "bio": {
                    "en": "I coach residents. Ten years in the ICU taught me how.\n\n"
                    "Second paragraph.",
                    "fr": "J'accompagne les internes. Dix ans en réanimation.",
                },
                "languages": ["en", "fr", "pt-BR"],
            },
            {
                "slug": "lea",
                "name": "Léa Martin",
                "email": "lea@program.example",
                "timezone": "Europe/Paris",
                "weekly_hours": HOURS,
            },
        ],
        ("en", "fr"),
    )


def _person(slug, name, prefix=""):
    return {"slug": slug, "name": name, "url": f"{prefix}coaches/{slug}/"}


def _view(slug, title, *, parent="", coach=None, together=(), prefix=""):
    """A booking view (plugins/booking/views.py) with the keys a profile reads."""
    return {
        "slug": slug,
        "title": title,
        "duration_minutes": 30,
        "price_label": "Complimentary",
        "description": f"About {title}.",
        "location": "Zoom",
        "url": f"{prefix}book/{slug}/",
        "parent": parent,
        "listed": not parent,
        "assign": "all" if together else ("any" if parent else ""),
        "coach": coach,
        "together": list(together),
        "organizer": {"name": "The Program", "email": "desk@program.example"},
        "days": [],
    }


def _sessions(prefix=""):
    amara, lea = _person("amara", "Amara Okafor", prefix), _person("lea", "Léa Martin", prefix)
    return [
        _view("intro", "Intro call", prefix=prefix),  # "any" over both: booked via editions
        _view("review", "Joint review", together=[amara, lea], prefix=prefix),
        _view("deep-dive", "Deep dive", coach=amara, prefix=prefix),  # hers alone
        _view("intro-with-amara", "Intro call", parent="intro", coach=amara, prefix=prefix),
        _view("intro-with-lea", "Intro call", parent="intro", coach=lea, prefix=prefix),
    ]


def test_a_card_shows_her_first_sentence():
    assert summary("I coach residents. Ten years in the ICU.") == "I coach residents."
    assert summary("Plans that hold!\nNext line.") == "Plans that hold!"
    assert summary("No full stop at all") == "No full stop at all"
    assert summary("") == ""
    # Version numbers and the like are not a sentence's end.
    assert summary("Uses v2.5 daily. Then more.") == "Uses v2.5 daily."


def test_a_long_first_sentence_is_cut_at_a_word():
    long = "word " * 60 + "end."
    cut = summary(long, limit=40)
    assert cut.endswith("…") and len(cut) <= 40
    assert cut.removesuffix("…").endswith("word")


def test_her_bio_is_kept_in_paragraphs():
    text = "First line\nsame paragraph.\n\n  \nSecond one.\n"
    assert paragraphs(text) == ["First line same paragraph.", "Second one."]
    assert paragraphs("") == []


def test_languages_are_named_in_the_page_language():
    en = spoken(["en", "fr", "pt-BR"], ENGLISH.locale)
    assert en == [
        {"tag": "en", "name": "English"},
        {"tag": "fr", "name": "French"},
        {"tag": "pt-BR", "name": "Brazilian Portuguese"},
    ]
    fr = spoken(["en", "fr"], language("fr").locale)
    assert [lang["name"] for lang in fr] == ["anglais", "français"]
    # A name CLDR lacks in that language is made from its parts.
    de = spoken(["pt_BR"], language("de").locale)
    assert de[0]["tag"] == "pt-BR" and de[0]["name"].startswith("Portugiesisch")


def test_a_coach_in_english():
    amara = _coaches()[0]
    view = coach_view(amara, ENGLISH, "", _sessions())
    assert view["name"] == "Amara Okafor" and view["credentials"] == "MD, PCC"
    assert view["url"] == "coaches/amara/" and view["index_url"] == index_url() == "coaches/"
    assert view["photo"] == "images/amara.jpg" and view["photo_alt"] == "Amara at her desk"
    assert view["bio"] == [
        "I coach residents. Ten years in the ICU taught me how.",
        "Second paragraph.",
    ]
    assert view["summary"] == "I coach residents."
    assert view["languages_label"] == "English, French, and Brazilian Portuguese"
    # Booked with her alone: the session she alone gives and her edition of
    # the "any" session; never the "any" session itself, nor Léa's edition.
    assert [s["url"] for s in view["sessions"]] == [
        "book/deep-dive/",
        "book/intro-with-amara/",
    ]
    assert view["sessions"][1] == {
        "slug": "intro-with-amara",
        "title": "Intro call",
        "duration_minutes": 30,
        "price_label": "Complimentary",
        "description": "About Intro call.",
        "location": "Zoom",
        "url": "book/intro-with-amara/",
    }
    # With others: the "all" session, naming the others only.
    [review] = view["together"]
    assert review["url"] == "book/review/"
    assert review["others"] == [_person("lea", "Léa Martin")]


def test_a_coach_in_a_second_language_under_its_prefix():
    amara = _coaches()[0]
    view = coach_view(amara, language("fr"), "fr/", _sessions("fr/"))
    assert view["url"] == "fr/coaches/amara/" and view["index_url"] == "fr/coaches/"
    assert view["bio"] == ["J'accompagne les internes. Dix ans en réanimation."]
    assert view["summary"] == "J'accompagne les internes."
    assert view["photo_alt"] == "Amara à son bureau"
    assert view["languages_label"] == "anglais, français et portugais brésilien"
    assert [s["url"] for s in view["sessions"]] == [
        "fr/book/deep-dive/",
        "fr/book/intro-with-amara/",
    ]


def test_a_coach_with_only_the_required_keys():
    lea = _coaches()[1]
    view = coach_view(lea, ENGLISH, "", [])
    assert view["credentials"] == view["photo"] == view["summary"] == ""
    assert view["bio"] == view["languages"] == view["sessions"] == view["together"] == []
    assert view["languages_label"] == ""


def test_every_coach_in_order_and_no_email_or_hours():
    views = coaches_view(_coaches(), ENGLISH, "", _sessions())
    assert [v["slug"] for v in views] == ["amara", "lea"]
    assert [s["slug"] for s in views[1]["sessions"]] == ["intro-with-lea"]
    shown = repr(views)
    for private in ("@program.example", "America/Chicago", "Europe/Paris", "09:00"):
        assert private not in shown, private
