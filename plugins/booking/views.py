"""The template context (BOOKING_VIEW) and slots.json, as plain dicts.

Paths are relative to the site root, without a leading slash, like Pelican's
own `url` attributes; templates prefix them with SITEURL.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from babel.numbers import format_currency

from .labels import LOCALE, day_label, time_label, zone_label
from .links import CalendarEvent, calendar_links, mailto
from .model import Slot
from .plan import BookingPlan, SessionPlan
from .settings import Session

# Slot keys only the slot page needs; slots.json stays a compact list of times.
PAGE_ONLY = {"calendar_links"}


def iso_z(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def booking_view(plan: BookingPlan, origin: str = "") -> list[dict[str, Any]]:
    """`origin` (FEED_DOMAIN) makes the slot page links in calendar entries absolute."""
    return [session_view(plan, sp, origin) for sp in plan.sessions]


def session_view(plan: BookingPlan, sp: SessionPlan, origin: str = "") -> dict[str, Any]:
    settings, session = plan.settings, sp.session
    zone_name = zone_label(settings.timezone)
    days = [
        {
            "date": day.isoformat(),
            "label": day_label(day),
            "slots": [slot_view(slot, session, plan, zone_name, origin) for slot in slots],
        }
        for day, slots in groupby(sp.slots, key=lambda s: s.day)
    ]
    return {
        "slug": session.slug,
        "title": session.title,
        "duration_minutes": session.duration_minutes,
        "description": session.description,
        "location": session.location,
        "price": session.price,
        "price_label": price_label(session.price, settings.currency),
        "currency": settings.currency,
        "url": f"book/{session.slug}/",
        "minimum_notice_hours": session.minimum_notice_hours,
        "horizon_days": session.horizon_days,
        "timezone": settings.timezone,
        "zone_label": zone_name,
        "generated_at": iso_z(plan.now),
        "generated_label": f"{day_label(plan.now.date())}, {time_label(plan.now)} UTC",
        "organizer": {"name": settings.organizer.name, "email": settings.organizer.email},
        "slots_json": f"book/{session.slug}/slots.json",
        "availability_ics": f"book/{session.slug}/availability.ics",
        "slot_count": len(sp.slots),
        "request_form_action": settings.request_form_action,
        "days": days,
    }


def slot_view(
    slot: Slot, session: Session, plan: BookingPlan, zone_name: str, origin: str = ""
) -> dict[str, Any]:
    local = slot.start.astimezone(plan.settings.zone)
    time_text = time_label(local)
    full = f"{day_label(slot.day)}, {time_text} {zone_name}"
    page = f"{origin.rstrip('/')}/book/{slot.session}/{slot.stamp}/" if origin else ""
    event = CalendarEvent(
        title=session.title,
        start=slot.start,
        end=slot.end,
        details=_details(plan, page),
        location=session.location,
    )
    return {
        "id": slot.id,
        "stamp": slot.stamp,
        "start": iso_z(slot.start),
        "end": iso_z(slot.end),
        "local_start": local.isoformat(),
        "date": slot.day.isoformat(),
        "time_label": time_text,
        "full_label": full,
        "url": f"book/{slot.session}/{slot.stamp}/",
        "ics": f"book/{slot.session}/{slot.stamp}.ics",
        "request_mailto": _request(plan, session, slot, full),
        "calendar_links": calendar_links(event),
    }


def _details(plan: BookingPlan, page: str) -> str:
    """The calendar entry's notes: short, as the link carries them four times."""
    organizer = plan.settings.organizer
    lines = [f"Tentative: {organizer.name} confirms this time by email.", ""]
    if page:
        lines.append(f"Request it: {page}")
    lines.append(f"Questions: {organizer.email}")
    return "\n".join(lines)


def _request(plan: BookingPlan, session: Session, slot: Slot, full_label: str) -> str:
    organizer = plan.settings.organizer
    title = session.title
    body = (
        f"Hello {organizer.name},\n\n"
        f"I would like to book the {title} on {full_label} ({iso_z(slot.start)}).\n\n"
        f"Slot: {slot.id}\n"
        # booking.js fills in the visitor's zone and their own time on this line.
        "My time zone:\n"
        "My name:\nAnything you would like to know beforehand:\n\n"
        "Thank you."
    )
    return mailto(organizer.email, f"Booking request: {full_label}", body)


def price_label(price: float, currency: str) -> str:
    if price == 0:
        return "Complimentary"
    return format_currency(price, currency, locale=LOCALE)


def slots_document(view: dict[str, Any]) -> dict[str, Any]:
    """slots.json: the session, the zone, the build time and a flat list of slots."""
    session_keys = ("slug", "title", "duration_minutes", "description", "location", "price")
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
