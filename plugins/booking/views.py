"""The template context (BOOKING_VIEW) and slots.json, as plain dicts.

Paths are relative to the site root, without a leading slash, like Pelican's
own `url` attributes; templates prefix them with SITEURL.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from babel.numbers import format_currency

from ..common.language import Language, plain_spaces
from ..config.booking import Question, Session
from .compact import day_times, lists_times
from .labels import day_label, time_label, zone_label
from .links import SessionLinks, mailto
from .model import Slot
from .plan import BookingPlan, SessionPlan
from .tokens import MANAGE_PAGE, request_token

# Slot keys only the slot page needs; slots.json stays a compact list of times.
PAGE_ONLY = {"calendar_links"}


def iso_z(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def booking_view(
    plan: BookingPlan, lang: Language, origin: str = "", prefix: str = ""
) -> list[dict[str, Any]]:
    """`origin` (FEED_DOMAIN) makes the slot page links in calendar entries
    absolute; `prefix` ("fr/") places a second language's pages beside the
    first's, in `lang`."""
    return [session_view(plan, sp, lang, origin, prefix) for sp in plan.sessions]


def session_view(
    plan: BookingPlan, sp: SessionPlan, lang: Language, origin: str = "", prefix: str = ""
) -> dict[str, Any]:
    settings, session = plan.settings, sp.session
    zone_name = zone_label(settings.timezone, lang)
    links = SessionLinks(session.title, session.location)
    by_day = [(day, list(slots)) for day, slots in groupby(sp.slots, key=lambda s: s.day)]
    # Many times (a program's "any" session): one link a day, to that day's
    # page, carrying the day's times for the script (compact.py).
    day_pages = not lists_times(len(sp.slots), len(by_day))
    days = []
    for day, slots in by_day:
        label = day_label(day, lang)
        days.append(
            {
                "date": day.isoformat(),
                "label": label,
                "slots": [
                    slot_view(slot, session, plan, zone_name, lang, origin, prefix, links, label)
                    for slot in slots
                ],
            }
        )
        if day_pages:
            days[-1] |= {
                "url": f"{prefix}book/{session.slug}/{day.isoformat()}/",
                "times": day_times(slots),
            }
    return {
        "slug": session.slug,
        "title": session.title,
        "duration_minutes": session.duration_minutes,
        "description": session.description,
        "location": session.location,
        "price": session.price,
        "price_label": price_label(session.price, settings.currency, lang),
        "currency": settings.currency,
        "url": f"{prefix}book/{session.slug}/",
        "index_url": f"{prefix}book/",
        "minimum_notice_hours": session.minimum_notice_hours,
        "horizon_days": session.horizon_days,
        "timezone": settings.timezone,
        "zone_label": zone_name,
        "generated_at": iso_z(plan.now),
        "generated_label": f"{day_label(plan.now.date(), lang)}, {time_label(plan.now, lang)} UTC",
        "organizer": {"name": settings.organizer.name, "email": settings.organizer.email},
        "slots_json": f"{prefix}book/{session.slug}/slots.json",
        "availability_ics": f"{prefix}book/{session.slug}/availability.ics",
        "slot_count": len(sp.slots),
        "request_form_action": settings.request_form_action,
        "zone_line": zone_line(lang),
        "questions": [question_view(q, i) for i, q in enumerate(session.questions)],
        "consent_page": settings.consent_page,
        "days": days,
        "day_pages": day_pages,
        # A program's: the session an edition belongs to ("" for a listed
        # session), the coach an edition or a one-coach session is with, and
        # the coaches who meet the client together ("all").
        "parent": session.parent,
        # Where the picker's links lead: "" (this session's own slot pages)
        # or, for a coach's edition, the session's ("../first-meeting/") with
        # the query naming her.
        "slot_base": f"../{session.parent}/" if session.parent else "",
        "slot_query": f"?coach={session.coaches[0]}" if session.parent else "",
        # On an "any" session's slot pages: who ?coach= may name.
        "editions": {c: settings.coach(c).name for c in session.coaches}
        if session.shared and session.assign == "any"
        else {},
        "listed": not session.parent,
        "assign": session.assign if session.shared else "",
        "coach": _coach(settings, session.coaches[0], prefix)
        if len(session.coaches) == 1
        else None,
        "together": [_coach(settings, c, prefix) for c in session.coaches]
        if session.shared and session.assign == "all"
        else [],
    }


def _coach(settings, slug: str, prefix: str) -> dict[str, str]:
    """A program's coach as a session names her; her profile is coaches/<slug>/."""
    coach = settings.coach(slug)
    return {"slug": coach.slug, "name": coach.name, "url": f"{prefix}coaches/{coach.slug}/"}


def question_view(question: Question, index: int) -> dict[str, Any]:
    return {
        "field": question.field(index),
        "label": question.label,
        "kind": question.kind,
        "options": list(question.options),
        "required": question.required,
    }


def manage_view(plan: BookingPlan, lang: Language, prefix: str = "") -> dict[str, Any]:
    """The manage page (book/manage/): its script reads the booking's code
    from the link's fragment and writes the cancel or move email."""
    settings = plan.settings
    return {
        "url": f"{prefix}{MANAGE_PAGE}",
        "index_url": f"{prefix}book/",
        "organizer": {"name": settings.organizer.name, "email": settings.organizer.email},
        "cutoff_hours": settings.self_service_cutoff_hours,
    }


def slot_view(
    slot: Slot,
    session: Session,
    plan: BookingPlan,
    zone_name: str,
    lang: Language,
    origin: str,
    prefix: str,
    links: SessionLinks,
    day_text: str,
) -> dict[str, Any]:
    """`links` and `day_text`: the session's calendar links and the day's
    label, made once for all the slots they serve."""
    local = slot.start.astimezone(plan.settings.zone)
    time_text = time_label(local, lang)
    full = full_label(day_text, time_text, zone_name, lang)
    path = f"{prefix}book/{slot.session}/{slot.stamp}/"
    # The link to the slot's page from its session's page. A coach's edition
    # of an "any" session has no slot pages of its own: its times open the
    # session's page for that time with ?coach=<slug>, where the script
    # turns the request into one for her (one page per distinct time,
    # however many coaches; see docs/programs.md).
    href = f"{slot.stamp}/"
    if session.parent:
        href = f"../{session.parent}/{slot.stamp}/?coach={session.coaches[0]}"
        path = f"{prefix}book/{session.parent}/{slot.stamp}/"
    page = f"{origin.rstrip('/')}/{path}" if origin else ""
    token = request_token(slot.id, lang.code)
    subject = request_subject(full, token, lang)
    return {
        "id": slot.id,
        "stamp": slot.stamp,
        "start": iso_z(slot.start),
        "end": iso_z(slot.end),
        "local_start": local.isoformat(),
        "date": slot.day.isoformat(),
        "time_label": time_text,
        "full_label": full,
        "url": path,
        "href": href,
        "ics": f"{prefix}book/{slot.session}/{slot.stamp}.ics",
        "token": token,
        "request_subject": subject,
        "request_mailto": mailto(
            plan.settings.organizer.email,
            subject,
            request_body(plan, session, slot, full, token, lang, origin),
        ),
        "calendar_links": links.links(slot.start, slot.end, _details(plan, page, lang)),
    }


def full_label(day_text: str, time_text: str, zone_name: str, lang: Language) -> str:
    """ "Monday, November 23, 2026, 9:00 AM Eastern Time": the one way a slot
    is named, from its day_label, time_label and zone_label."""
    return lang.gettext("{day}, {time} {zone}").format(day=day_text, time=time_text, zone=zone_name)


def _details(plan: BookingPlan, page: str, lang: Language) -> str:
    """The calendar entry's notes: short, as the link carries them four times."""
    organizer = plan.settings.organizer
    _ = lang.gettext
    lines = [_("Tentative: {name} confirms this time by email.").format(name=organizer.name), ""]
    if page:
        lines.append(_("Request it: {url}").format(url=page))
    lines.append(_("Questions: {email}").format(email=organizer.email))
    return "\n".join(lines)


def zone_line(lang: Language) -> str:
    """The request email's line booking.js completes with the visitor's zone."""
    return lang.gettext("My time zone:")


def request_subject(full: str, token: str, lang: Language) -> str:
    """The request's subject: the time in words, then the code the desk reads."""
    return lang.gettext("Booking request: {time}").format(time=full) + " " + token


def request_body(
    plan: BookingPlan,
    session: Session,
    slot: Slot,
    full: str,
    token: str,
    lang: Language,
    origin: str = "",
) -> str:
    """The request email's text: the time, a line per question for the
    visitor to answer after its colon, and the code again at the end (a
    mail program may drop or rewrite a subject; the desk reads either)."""
    settings = plan.settings
    _ = lang.gettext
    lines = [
        _("Hello {name},").format(name=settings.organizer.name),
        "",
        _("I would like to book the {session} on {time} ({utc}).").format(
            session=session.title, time=full, utc=iso_z(slot.start)
        ),
        "",
        zone_line(lang),
        _("My name:"),
        *(question_prompt(q, lang) for q in session.questions),
        _("Anything you would like to know beforehand:"),
        "",
    ]
    if settings.consent_page:
        # After a blank line: the desk reads an answer down to the next blank.
        url = f"{origin.rstrip('/')}/{settings.consent_page}"
        lines += [_("I agree to the privacy notice ({url}): yes").format(url=url), ""]
    lines += [
        _("Thank you."),
        "",
        _("Please keep this code: it tells the booking desk which time you chose."),
        token,
    ]
    return "\n".join(lines)


def question_prompt(question: Question, lang: Language) -> str:
    """ "Your role: (Resident / Attending)": the visitor answers after the colon."""
    if question.kind == "choice":
        return f"{question.label}: ({' / '.join(question.options)})"
    if question.kind == "checkbox":
        return f"{question.label}: " + lang.gettext("yes or no")
    return f"{question.label}:"


def price_label(price: float, currency: str, lang: Language) -> str:
    if price == 0:
        return lang.gettext("Complimentary")
    return plain_spaces(format_currency(price, currency, locale=lang.locale))


def slots_document(view: dict[str, Any]) -> dict[str, Any]:
    """slots.json: the session, the zone, the build time and a flat list of slots."""
    session_keys = (
        "slug",
        "title",
        "duration_minutes",
        "description",
        "location",
        "price",
        "minimum_notice_hours",
    )
    return {
        "session": {key: view[key] for key in (*session_keys, "price_label", "url")},
        "timezone": view["timezone"],
        "zone_label": view["zone_label"],
        "generated_at": view["generated_at"],
        "slots": [
            {key: value for key, value in slot.items() if key not in PAGE_ONLY}
            for day in view["days"]
            for slot in day["slots"]
        ],
    }
