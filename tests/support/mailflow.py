"""The desk's mail world for tests: a fixture project whose BOOKING reads a
real Dovecot mailbox and sends through a real aiosmtpd sink, and the emails
visitors, clients and the coach send into it, made the way mail programs
make them (a mailto link opened, a reply, a calendar's decline)."""

from __future__ import annotations

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar

from tests.support.desk import desk_env, make_project, run_desk, smtp_sink
from tests.support.desk_sample import NOW
from tests.support.imap import Dovecot, dovecot, require_dovecot

COACH = "hello@hartcoaching.example"
VISITOR = "zoe.obrien@example.org"
IMAP_PASSWORD_ENV = "DESK_TEST_IMAP_PASSWORD"
LINK_SECRET = "a-long-test-secret-for-signing-links"
PUBLIC_SITE = "https://hartcoaching.example"


@dataclass
class World:
    project: Path
    imap: Dovecot
    smtp_port: int
    sent: list  # (mail_from, rcpt_tos, bytes) as aiosmtpd received them
    env: dict[str, str] = field(default_factory=dict)

    def desk(self, *args: str, env: dict[str, str] | None = None):
        return run_desk(self.project, *args, env={**self.env, **(env or {})})

    def outgoing(self, since: int = 0) -> list[EmailMessage]:
        return [parse(raw) for _from, _to, raw in self.sent[since:]]

    def ledger(self):
        from plugins.booking.desk import work

        return work.read(self.project / "bookings/bookings.ics")


def parse(raw: bytes) -> EmailMessage:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def booking(imap_port: int, smtp_port: int, **changes: object) -> dict:
    return {
        "inbox": {
            "host": "127.0.0.1",
            "port": imap_port,
            "security": "none",
            "username": "coach",
            "password_env": IMAP_PASSWORD_ENV,
        },
        "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none"},
        "video": {"rooms_at": "https://meet.example.org/"},
        **changes,
    }


@contextmanager
def mail_world(root: Path, **changes: object):
    """Dovecot + aiosmtpd + a project whose desk uses both."""
    require_dovecot()
    with ExitStack() as stack:
        server = stack.enter_context(dovecot(root / "imap"))
        _host, port, sent = stack.enter_context(smtp_sink())
        project = make_project(root / "project", **booking(server.port, port, **changes))
        env = desk_env(
            **{IMAP_PASSWORD_ENV: server.password},
            BOOKING_LINK_SECRET=LINK_SECRET,
            SITEURL=PUBLIC_SITE,
        )
        world = World(project, server, port, sent, env)
        yield world
        for msg in world.outgoing():
            assert_well_formed(msg)


def assert_well_formed(msg: EmailMessage) -> None:
    """Every message the desk writes: parsed by `email` without a defect,
    a text body, and each calendar part read by icalendar and vobject."""
    import vobject

    assert msg.defects == [], msg.defects
    assert msg["Message-ID"] and msg["Date"] and msg["From"] and msg["To"]
    assert msg.get_body(("plain",)).get_content().strip()
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            text = part.get_content()
            icalendar.Calendar.from_ical(text)
            assert vobject.readOne(text).vevent.uid.value


def rewrite_booking(world: World, **changes: object) -> None:
    """Change the project's BOOKING (keeping the mail servers)."""
    make_project(world.project, **booking(world.imap.port, world.smtp_port, **changes))


def email(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    name: str = "",
    in_reply_to: str = "",
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = f"{name} <{sender}>" if name else sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(NOW)
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[1])
    if "Authentication-Results" not in (headers or {}):
        # What the coach's provider writes on mail that passed its checks.
        msg["Authentication-Results"] = provider_verdict(sender)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for key, value in (headers or {}).items():
        msg[key] = value
    msg.set_content(body)
    return msg


def provider_verdict(sender: str, result: str = "pass") -> str:
    """The coach's provider's Authentication-Results for mail from `sender`."""
    domain = sender.rsplit("@", 1)[1]
    return (
        f"mx.hartcoaching.example; dkim={result} header.d={domain} header.s=mail; "
        f"spf={result} smtp.mailfrom={sender}; dmarc={result} header.from={domain}"
    )


def from_mailto(href: str, *, sender: str = VISITOR, name: str = "Zoë O'Brien", edit=None):
    """What a mail program sends for a mailto: link (RFC 6068), after the
    visitor fills in the body (`edit(body) -> body`)."""
    parts = urlsplit(href)
    query = parse_qs(parts.query, keep_blank_values=True)
    body = query["body"][0].replace("\r\n", "\n")
    return email(
        sender=sender,
        to=unquote(parts.path),
        subject=query["subject"][0],
        body=edit(body) if edit else body,
        name=name,
    )


def reply(to: EmailMessage, *, sender: str, text: str) -> EmailMessage:
    """A reply from a mail program: "Re:", In-Reply-To, References (the
    original's References and its Message-ID, RFC 5322 3.6.4), the original
    quoted."""
    quoted = "\n".join("> " + line for line in to.get_body(("plain",)).get_content().splitlines())
    msg = email(
        sender=sender,
        to=str(to["From"]),
        subject=f"Re: {to['Subject']}",
        body=f"{text}\n\nOn Sunday, someone wrote:\n{quoted}\n",
        in_reply_to=str(to["Message-ID"]),
    )
    earlier = str(to["References"] or to["In-Reply-To"] or "")
    if earlier:
        del msg["References"]
        msg["References"] = f"{earlier} {to['Message-ID']}"
    return msg


def calendar_reply(invitation: EmailMessage, *, sender: str, partstat: str = "DECLINED"):
    """What Apple Calendar, Google or Outlook send when the client declines (RFC 5546 REPLY)."""
    part = next(p for p in invitation.walk() if p.get_content_type() == "text/calendar")
    request = icalendar.Calendar.from_ical(part.get_content())
    event = next(iter(request.walk("VEVENT")))
    answer = icalendar.Calendar()
    answer.add("prodid", "-//Test Calendar//EN")
    answer.add("version", "2.0")
    answer.add("method", "REPLY")
    vevent = icalendar.Event()
    for key in ("UID", "SEQUENCE", "DTSTART", "DTEND", "ORGANIZER", "DTSTAMP"):
        vevent[key] = event[key]
    attendee = icalendar.vCalAddress(f"mailto:{sender}")
    attendee.params["PARTSTAT"] = partstat
    vevent.add("attendee", attendee)
    answer.add_component(vevent)
    msg = email(
        sender=sender,
        to=str(invitation["From"]),
        subject=f"Declined: {invitation['Subject']}",
        body="Declined.",
    )
    msg.add_alternative(answer.to_ical().decode(), subtype="calendar", params={"method": "REPLY"})
    return msg


def links(msg: EmailMessage) -> dict[str, str]:
    """The self-service links in a confirmation or reminder, by what they do."""
    body = msg.get_body(("plain",)).get_content()
    found = {}
    for word in body.split():
        if "/book/manage/#" in word:
            action = word.split("#", 1)[1].split(".", 1)[0]
            found[action] = word
    return found


def change_request(link: str, *, sender: str = VISITOR, to_slot: str = "") -> EmailMessage:
    """The email booking_manage.js writes for a manage link (tokens.manage_fragment)."""
    from plugins.booking.tokens import MOVE, Token, manage_fragment

    token = manage_fragment(link.split("#", 1)[1])
    assert token is not None, link
    if token.action == MOVE:
        token = Token(
            MOVE, token.slot_id, sequence=token.sequence, signature=token.signature, to=to_slot
        )
    return email(
        sender=sender,
        to=COACH,
        subject=f"Please change my booking {token.text()}",
        body=token.text(),
    )


def calendar_text(msg: EmailMessage) -> str:
    """The message's text/calendar part, unfolded (RFC 5545 3.1)."""
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    return part.get_content().replace("\r\n ", "").replace("\n ", "")
