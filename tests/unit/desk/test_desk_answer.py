"""How the desk reads the coach's reply to a summary: a "no" only when it is
unmistakable, a "yes" only when nothing in it doubts, anything else unclear
(she is asked again). The replies are the kind coaches type on a phone, in
the seven languages the site ships."""

from __future__ import annotations

import pytest

from plugins.booking.desk.inbound import answer

YES, NO, UNCLEAR = "yes", "no", ""

REPLIES = [
    # English
    ("Yes", YES),
    ("yes, see you then", YES),
    ("Yes, no problem", YES),
    ("No problem, see you then!", YES),
    ("No worries - booked.", YES),
    ("OK!\n\nSent from my iPhone", YES),
    ("Sure thing, go ahead", YES),
    ("No", NO),
    ("No, I am away that week.", NO),
    ("no - fully booked that day, sorry", NO),
    ("Yes but not on Monday, could we do Tuesday?", UNCLEAR),
    ("Let me check my calendar first", UNCLEAR),
    ("Yes?", UNCLEAR),
    ("No, sorry... actually yes, that works", UNCLEAR),
    ("Not sure yet", UNCLEAR),
    # French
    ("Oui, parfait", YES),
    ("Pas de souci, à bientôt !", YES),
    ("D'accord", YES),
    ("Non, je suis en congé cette semaine-là.", NO),
    ("Non merci", NO),
    ("Non, pas de souci", UNCLEAR),
    ("Oui mais plutôt à 15 h", UNCLEAR),
    # German
    ("Ja, gerne", YES),
    ("Kein Problem, bis dann!", YES),
    ("Nein, leider nicht.", NO),
    ("Nein", NO),
    ("Ja, aber erst nächste Woche", UNCLEAR),
    ("Vielleicht", UNCLEAR),
    # Spanish
    ("Sí, claro", YES),
    ("No hay problema, nos vemos", YES),
    ("No, ese día no puedo.", NO),
    ("No pasa nada", YES),
    ("Sí, pero a las cinco", UNCLEAR),
    # Portuguese
    ("Sim, combinado", YES),
    ("Não tem problema, até lá", YES),
    ("Não, infelizmente estarei viajando.", NO),
    ("Talvez na semana que vem", UNCLEAR),
    # Dutch
    ("Ja, prima", YES),
    ("Geen probleem, tot dan", YES),
    ("Nee, helaas niet.", NO),
    ("Nee, geen probleem", UNCLEAR),
    ("Misschien, ik laat het nog weten", UNCLEAR),
    # Italian
    ("Sì, va bene", YES),
    ("Nessun problema, a presto", YES),
    ("Non c'è problema, ci vediamo", YES),
    ("No, purtroppo sono in ferie.", NO),
    ("Sì, ma non alle dieci", UNCLEAR),
    ("Forse", UNCLEAR),
]


@pytest.mark.parametrize(("reply", "expected"), REPLIES)
def test_the_coachs_reply_is_read_conservatively(reply, expected):
    quoted = "\n\nOn Sunday, the booking desk wrote:\n> Reply with yes to confirm, or no.\n"
    assert answer(reply + quoted)[0] == expected


def test_the_table_covers_the_seven_languages_and_all_three_readings():
    assert len(REPLIES) >= 30
    assert {expected for _, expected in REPLIES} == {YES, NO, UNCLEAR}


def test_a_no_keeps_her_reason_for_the_client():
    assert answer("No, I am away that week.\n\nOn Monday you wrote:\n> yes") == (
        "no",
        "I am away that week",
    )
    assert answer("Nein.") == ("no", "")


def test_a_disclaimer_below_her_answer_does_not_make_it_unclear():
    text = "Yes\n\nThis email is confidential. If you are not the intended recipient, delete it."
    assert answer(text) == ("yes", "")
