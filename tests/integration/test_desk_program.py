"""A program's hands-free desk against a real IMAP server (Dovecot) and SMTP
sink (aiosmtpd): "any" requests are shared fairly between the coaches free
at the time, a busy coach is never chosen, the same time goes to a second
coach while one is free and is refused when none is, and the assigned
coach gets her copy of the invitation."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from plugins.booking import tokens
from tests.support.desk import SETTINGS_NAME
from tests.support.desk_sample import BOOKING
from tests.support.mailflow import booking, email, mail_world
from tests.support.site import layered_settings

COACHES = ("amara", "ben", "chen")
# Monday 23 November 2026, 09:00-15:00 in New York: twelve half hours.
TWELVE = [f"20261123T{14 + k // 2:02d}{30 * (k % 2):02d}00Z" for k in range(12)]
CHEN_BUSY = "20261123T210000Z"  # 16:00 in New York: chen has an appointment


def coach(slug: str, weight: int = 1) -> dict:
    return {
        "slug": slug,
        "name": f"Coach {slug.title()}",
        "email": f"{slug}@program.example",
        "timezone": "America/New_York",
        "weekly_hours": {"mon": ["09:00-17:00"]},
        "busy_calendars": [f"calendars/{slug}.ics"],
        "weight": weight,
    }


BUSY_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n"
EVENT = (
    "BEGIN:VEVENT\r\nUID:private-{slug}@program.example\r\nDTSTAMP:20261101T000000Z\r\n"
    "DTSTART:{start}\r\nDTEND:20261123T220000Z\r\nSUMMARY:Private: {slug}'s dentist\r\n"
    "END:VEVENT\r\n"
)


def program(world, weights=(1, 1, 1)) -> None:
    """The world's project as a program of three coaches with one "any" session."""
    session = {**BOOKING["sessions"][0], "max_per_day": None}
    raw = {
        **{k: v for k, v in BOOKING.items() if k not in {"weekly_hours", "date_overrides"}},
        **booking(world.imap.port, world.smtp_port, confirm="auto"),
        "busy_calendars": [],
        "sessions": [session],
        "ledger": str(world.project / "bookings/bookings.ics"),
        "outbox": str(world.project / "outbox"),
    }
    coaches = [coach(s, w) for s, w in zip(COACHES, weights, strict=True)]
    for slug in COACHES:
        events = EVENT.format(slug=slug, start=CHEN_BUSY) if slug == "chen" else ""
        (world.project / f"content/calendars/{slug}.ics").write_text(
            BUSY_ICS.format(events=events), encoding="utf-8", newline=""
        )
    layered_settings(
        world.project / SETTINGS_NAME,
        without=("podcast",),
        lines=(
            f"BOOKING = json.loads({json.dumps(raw)!r})",
            f"COACHES = json.loads({json.dumps(coaches)!r})",
        ),
    )


def request(stamp: str, k: int):
    slot = f"discovery-{stamp}"
    code = tokens.request_token(slot, "en")
    sender = f"student{k}@school{k}.example"
    body = (
        f"Hello,\n\nI would like to book this time.\n\nMy name: Student {k}\n"
        f"My time zone: America/New_York\n\nPlease keep this code: it tells the booking "
        f"desk which time you chose.\n{code}\n"
    )
    return email(
        sender=sender,
        to="hello@hartcoaching.example",
        subject=f"Booking {code}",
        body=body,
        name=f"Student {k}",
    )


def assigned(world) -> dict[str, str]:
    """Slot time -> the coach whose edition was booked, for confirmed bookings."""
    return {
        e.slot_id.rsplit("-", 1)[1]: e.session.rsplit("-with-", 1)[1]
        for e in world.ledger().entries
        if e.confirmed
    }


@pytest.mark.parametrize(
    ("weights", "expected"),
    [((1, 1, 1), (4, 4, 4)), ((2, 1, 1), (6, 3, 3))],
    ids=["equal", "2:1:1"],
)
def test_twelve_any_requests_follow_the_weights(tmp_path, weights, expected):
    # chen is busy at 16:00 only, after these twelve times: all three are free.
    with mail_world(tmp_path) as world:
        program(world, weights)
        for k, stamp in enumerate(TWELVE):
            world.imap.append(request(stamp, k).as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        counts = Counter(assigned(world).values())
        assert tuple(counts[c] for c in COACHES) == expected, result.stdout
        entries = world.ledger().entries
        assert all(
            e.assigned.startswith(f"assigned to {e.session.rsplit('-with-')[1]}:") for e in entries
        )
        invitations = [m for m in world.outgoing() if m.get_content_type() == "multipart/mixed"]
        assert len(invitations) == 12
        for msg in invitations:
            # Her copy goes to the coach who takes it, and to no other.
            coach = msg["Message-ID"].split("-with-", 1)[1].split("-", 1)[0]
            assert [a.addr_spec for a in msg["Cc"].addresses] == [f"{coach}@program.example"]
            assert f"mailto:{coach}@program.example" in msg.as_string().replace("\r\n ", "")
        # The program's summaries say who takes each booking.
        summaries = [m for m in world.outgoing() if m.get_content_type() != "multipart/mixed"]
        assert len(summaries) == 12
        assert all("(Coach " in m.get_body(("plain",)).get_content() for m in summaries)


def test_the_same_time_goes_to_two_coaches_then_is_refused_and_the_busy_one_is_never_chosen(
    tmp_path,
):
    with mail_world(tmp_path) as world:
        program(world)
        for k in range(3):
            world.imap.append(request(CHEN_BUSY, k).as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        confirmed = [e for e in world.ledger().entries if e.confirmed]
        coaches = sorted(e.session.rsplit("-with-", 1)[1] for e in confirmed)
        assert coaches == ["amara", "ben"], result.stdout
        assert "no longer free" in result.stdout
        # The third student is told the time is gone, and nobody else is written to.
        refused = [
            m
            for m in world.outgoing()
            if m["To"].addresses[0].addr_spec == "student2@school2.example"
        ]
        assert len(refused) == 1
        assert refused[0]["Cc"] is None
        everything = "".join(m.as_string() for m in world.outgoing())
        assert "dentist" not in everything
        assert "chen@program.example" not in everything
