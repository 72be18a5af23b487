"""`invoke init` at the terminal: each answer is checked when given and asked
again after a mistake, and what init understood is read back before
anything is written. Driven here with scripted replies; the integration
test drives the real command through a pseudo-terminal."""

from __future__ import annotations

from sitetools.commands.init import ask
from sitetools.init_site import read_answers
from tests.support.languages import CATALOGS

# The Mexico City coach, each of her mistakes followed by its correction.
REPLIES = [
    "Lucía Hernández",  # name
    "",  # credentials
    "lucia at example.mx",  # email: no @
    "lucia@example.mx",
    "Ciudad de México",  # city
    "México",  # country
    "Chihuahua?",  # timezone: not a zone
    "CDMX",
    "ja",  # language: no catalog
    "es",
    "Coaching de vida y ejecutivo",  # tagline
    "mon wed 10-14 fri 16-19 19-18",  # hours: a range backwards
    "lun mié 10-14 vie 16-19",
    "Sesión de descubrimiento gratuita",  # session title
    "0",  # minutes: out of bounds
    "45",
    "",  # currency: the country's
    "",  # notice
    "",  # horizon
    "no",  # keep the samples
    "yes",  # the read-back is right
]


def _ask(replies: list[str]) -> tuple[dict, list[str]]:
    queue, said = list(replies), []

    def read(prompt: str) -> str:
        said.append(prompt)
        return queue.pop(0)

    data = ask(CATALOGS, read=read, say=said.append)
    assert queue == []
    return data, said


def test_each_mistake_is_said_at_once_and_asked_again_with_nothing_lost():
    data, said = _ask(REPLIES)
    complaints = [line.strip() for line in said if line.startswith("  ") and ":" in line]
    assert [c.split(":")[0] for c in complaints[:5]] == [
        "email",
        "timezone",
        "language",
        "hours",
        "session_minutes",
    ]
    answers = read_answers(data, CATALOGS)
    assert answers.name == "Lucía Hernández" and answers.email == "lucia@example.mx"
    assert answers.timezone == "America/Mexico_City" and answers.currency == "MXN"
    assert answers.weekly_hours == {
        "mon": ["10:00-14:00"],
        "wed": ["10:00-14:00"],
        "fri": ["16:00-19:00"],
    }
    assert answers.session_minutes == 45 and answers.remove_samples is False


def test_what_init_understood_is_read_back_before_it_writes():
    _, said = _ask(REPLIES)
    summary = next(line for line in said if line.startswith("This is what I understood"))
    assert "Lunes 10:00-14:00, Miércoles 10:00-14:00, Viernes 16:00-19:00" in summary
    assert "America/Mexico_City, UTC-6 all year (no daylight saving)" in summary
    assert "book/sesion-de-descubrimiento-gratuita/" in summary and "MXN" in summary
    assert said[-1].startswith("Write your site with this?")


def test_a_no_at_the_read_back_asks_the_hours_and_zone_again():
    replies = [*REPLIES[:-1], "no", "", "lun 9-13", "", "", "yes"]
    data, said = _ask(replies)
    assert read_answers(data, CATALOGS).weekly_hours == {"mon": ["09:00-13:00"]}
    assert sum(line.startswith("This is what I understood") for line in said) == 2


def test_enter_at_a_question_asked_again_keeps_the_first_answer():
    replies = [*REPLIES[:-1], "no", "", "", "", "", "yes"]
    data, _ = _ask(replies)
    answers = read_answers(data, CATALOGS)
    assert answers.weekly_hours["fri"] == ["16:00-19:00"]
    assert answers.timezone == "America/Mexico_City"


def test_a_required_answer_left_empty_is_asked_again_not_lost_at_the_end():
    data, said = _ask(["", *REPLIES])  # Enter at "Your name"
    assert read_answers(data, CATALOGS).name == "Lucía Hernández"
    assert any(line.strip().startswith("name:") for line in said)
