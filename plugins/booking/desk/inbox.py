"""`invoke inbox`: booking requests, the coach's answers and clients' changes,
read from the coach's mailbox and handled exactly once.

One run: connect (IMAP down: nothing happens), then under the ledger's lock
decide on each new message in arrival order. Each decision queues its
messages (outgoing.put), then records itself in the ledger under the
message's Message-ID (the commit point). Then the queue is sent (SMTP down:
the rest stays queued, nothing is moved) and the handled messages are moved
to done_folder. A run stopped anywhere leaves ledger, mailbox and queue in
agreement: unrecorded queued messages are dropped and made again, recorded
ones are sent, handled messages are moved by the next run.

Messages without a booking code, or a reply to a summary, or a calendar
reply for one of our bookings, are the coach's own mail: never touched.

A message the desk cannot read or act on (nested beyond the parser's
limits, a code naming a time that does not exist, or anything else that
fails while reading or deciding it) is set aside: one line naming its
Message-ID, nothing recorded, moved to unreadable_folder; the run goes on
with the next. Only a failure of the desk's own settings or of this computer
(SiteError, OSError) stops the run, leaving the message for the next.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from ...common.errors import SiteError
from ...common.zones import iana_zones
from ...config.booking import Session
from .. import tokens
from ..ledger_format import Entry, Ledger
from . import calendar_sync, imap, ledger, outgoing, signing, work
from .clients import retained
from .commands import (
    Desk,
    DeskError,
    _cancelled,
    _check_paths,
    _new_entry,
    _offered,
    _slot_id,
    compose,
    current_plan,
    moved_entry,
    public_origin,
)
from .inbound import Inbound, Unreadable, answer, message_id_of, read_message, request
from .invitations import CANCEL, REQUEST, client_when, when
from .letters import Letters, name_for, written_by_desk
from .mail import MailError
from .work import DONE, PENDING, REFUSED, Item

ALTERNATIVES = 3
CHANGES = {tokens.CANCEL, tokens.MOVE, "calendar-reply"}
BACKOFF_SECONDS = (1, 2, 5, 15, 60, 300)


@dataclass
class Decision:
    item: Item | None  # None: not ours, leave the message where it is
    book: Ledger | None = None  # the ledger after it (None: unchanged)
    messages: list[tuple[str, object]] = field(default_factory=list)  # (name, EmailMessage)
    line: str = ""  # for the coach's log
    later: bool = False  # over the hourly limit: leave it for a later run


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    handled: int = 0
    sent: int = 0
    moved: int = 0
    set_aside: int = 0


class Context:
    def __init__(self, desk: Desk, key: bytes) -> None:
        self.desk = desk
        self.key = key
        ds = desk.desk_settings
        smtp = ds.smtp
        self.letters = Letters(
            desk, smtp.sender if smtp and smtp.sender else desk.settings.organizer.email
        )
        self.coach = desk.settings.organizer.email.lower()
        self.zones = iana_zones()

    def labels(self) -> dict[str, list[str]]:
        """Our request prompts in the site's languages (a request may be
        written from any edition) and in English."""
        codes = {"en", str(self.desk.default_lang), *self.desk.extra_langs}
        langs = [self.desk.language(code) for code in codes]
        keys = {
            "name": "My name:",
            "zone": "My time zone:",
            "note": "Anything you would like to know beforehand:",
        }
        return {key: sorted({lang.gettext(text) for lang in langs}) for key, text in keys.items()}

    def session(self, slug: str) -> Session | None:
        return next((s for s in self.desk.settings.sessions if s.slug == slug), None)

    def open_times(
        self, book: Ledger, slug: str, zone: str, lang_code: str
    ) -> list[tuple[str, str]]:
        """The next open times of the session, as (label, link), in the
        client's zone when the request named it."""
        desk = self.desk
        plan = current_plan(desk, book)
        origin = public_origin(desk)
        lang = desk.language(lang_code)
        times = []
        for sp in plan.sessions:
            if sp.session.slug != slug:
                continue
            for slot in sp.slots[:ALTERNATIVES]:
                label = when(slot.start, slot.end, zone or desk.settings.timezone, lang)
                link = f"{origin}/book/{slug}/{slot.stamp}/" if origin else ""
                times.append((label, link))
        return times

    def coach_when(self, entry: Entry) -> str:
        return when(entry.start, entry.end, self.desk.settings.timezone, self.letters.coach_lang)

    def refusals(self, book: Ledger, sender: str, since: datetime) -> int:
        """Changes refused from `sender` since `since` (forged, stale, unverified)."""
        return sum(
            1
            for i in book.items
            if i.status == REFUSED
            and i.kind in CHANGES
            and i.sender == sender
            and i.created > since
        )

    def rebook_url(self, slug: str) -> str:
        origin = public_origin(self.desk)
        return f"{origin}/book/{slug}/" if origin else ""


# --- deciding on one message ----------------------------------------------------


def decide(ctx: Context, book: Ledger, msg: Inbound) -> Decision:
    desk = ctx.desk
    summary_ids = {i.summary_id: i for i in book.items if i.status == PENDING and i.summary_id}
    answered = next((summary_ids[r] for r in msg.references if r in summary_ids), None)
    base = Item(id=msg.message_id, kind="ignored", status=DONE, created=desk.now, sender=msg.sender)
    if answered is not None:
        return _coach_answer(ctx, book, msg, answered, replace(base, kind="reply"))
    if written_by_desk(msg.message_id, desk.host):
        # The desk's own summary, delivered to the coach's own mailbox: hers to read.
        return Decision(None)
    if msg.calendar_reply is not None:
        return _calendar_answer(ctx, book, msg, base)
    token = msg.token
    if token is None:
        return Decision(None)
    if msg.auto_submitted:
        return Decision(base, line=f"Ignored an automatic reply from {msg.sender or 'nobody'}.")
    if token.action == tokens.BOOK:
        if msg.sender == ctx.coach:
            # Her reply to a summary always names it (In-Reply-To); a request
            # "from" her own address is either a reply without it or forged.
            return Decision(
                replace(base, status=REFUSED, note="from your own address"),
                line="Ignored a booking email from your own address: to confirm a request, "
                "reply to its summary.",
            )
        return _request(ctx, book, msg, token, replace(base, kind="request"))
    return _change(ctx, book, msg, token, replace(base, kind=token.action))


def _request(ctx: Context, book: Ledger, msg: Inbound, token, item: Item) -> Decision:
    desk, ds = ctx.desk, ctx.desk.desk_settings
    try:
        slot_id = _slot_id(desk.settings, token.slot_id)
    except DeskError as error:
        return Decision(replace(item, note=str(error)), line=f"Ignored a request: {error}.")
    session = ctx.session(slot_id.rsplit("-", 1)[0])
    assert session is not None
    fields = request(msg, session.questions, ctx.labels(), ctx.zones)
    language = token.language if _known_language(desk, token.language) else ""
    item = replace(
        item,
        slot_id=slot_id,
        name=fields.name or fields.email,
        email=fields.email,
        language=language,
        zone=fields.zone,
        note=fields.note,
        answers="\n".join(f"{label}: {value}" for label, value in fields.answers),
    )
    if fields.honeypot:
        return Decision(
            replace(item, status=REFUSED, note="honeypot"),
            line=f"Ignored a robot's request for {slot_id} (the hidden form field was filled).",
        )
    if not fields.email:
        return Decision(
            replace(item, status=REFUSED, note="no address"),
            line=f"Ignored a request for {slot_id}: it has no reply address.",
        )
    limited = _over_hourly_limits(ds.limits, book, fields.email, desk.now)
    if limited == "address":
        return Decision(
            replace(item, status=REFUSED, note="over the hourly limit"),
            line=f"Ignored a request from {fields.email}: more than "
            f"{ds.limits.requests_per_hour} from that address in the last hour "
            "([booking.limits] requests_per_hour).",
        )
    if limited == "domain":
        domain = fields.email.rpartition("@")[2]
        return Decision(
            item,
            later=True,
            line=f"Left a request for {slot_id} for later: "
            f"{ds.limits.requests_per_hour_per_domain} requests from {domain} in the last hour "
            "([booking.limits] requests_per_hour_per_domain).",
        )
    # Waiting for the coach, or (with "auto") already booked and still ahead:
    # one address cannot take every open time.
    waiting = [i for i in book.items if i.status == PENDING and i.email == fields.email]
    waiting += [
        e for e in book.entries if e.confirmed and e.start > desk.now and e.email == fields.email
    ]
    if len(waiting) >= ds.limits.pending_per_sender:
        return Decision(
            replace(item, status=REFUSED, note="too many pending"),
            line=f"Ignored a request from {fields.email}: {len(waiting)} of theirs already "
            "wait for your answer or are booked ([booking.limits] pending_per_sender).",
        )
    warnings = _doubts(ctx, msg, fields)
    code = tokens.request_token(slot_id, language)
    try:
        slot, session, assigned = _offered(desk, book, slot_id)
    except DeskError:
        if ds.policy == "auto" and not warnings:
            return _unavailable(ctx, book, item, slot_id, msg.message_id)
        # Nothing goes to the visitor before the coach has answered: she
        # learns the time is gone, and her yes sends the next open times.
        _ = ctx.letters.coach_lang.gettext
        warnings.insert(
            0,
            _(
                "This time is no longer free. Reply yes to send them the next open times, "
                "or no and a reason to decline."
            ),
        )
        start = _start(slot_id)
        end = start + timedelta(minutes=session.duration_minutes)
        return _held(ctx, item, (start, end), session.title, code, warnings, fields.answers)
    if ds.policy == "auto" and not warnings:
        entry = replace(
            _new_entry(desk, book, slot, session, item.name, item.email, "", language),
            answers=_kept(item),
            request_id=msg.message_id,
            zone=item.zone,
            assigned=assigned,
        )
        return _confirmed(ctx, book, item, entry, code, msg.message_id)
    return _held(ctx, item, (slot.start, slot.end), session.title, code, warnings, fields.answers)


def _held(
    ctx: Context,
    item: Item,
    times: tuple[datetime, datetime],
    title: str,
    code: str,
    warnings: list[str],
    answers,
) -> Decision:
    """A request that waits for the coach's yes or no: her summary, nothing else."""
    summary = ctx.letters.summary(
        item, *times, title, code, confirmed=False, warning=" ".join(warnings), answers=answers
    )
    item = replace(item, status=PENDING, summary_id=summary["Message-ID"])
    held = " (held: " + " ".join(warnings) + ")" if ctx.desk.desk_settings.policy == "auto" else ""
    return Decision(
        item,
        None,
        [(name_for(item.id, "summary"), summary)],
        f"Request for {item.slot_id} from {item.name} <{item.email}>: summary sent to you"
        f"{held}; reply yes or no.",
    )


def _doubts(ctx: Context, msg: Inbound, fields) -> list[str]:
    """What the coach should know before anything is sent to this address;
    any of them holds a request for her answer even with confirm = "auto"."""
    _ = ctx.letters.coach_lang.gettext
    doubts = []
    if fields.email != msg.sender:
        doubts.append(
            _(
                "The address {email} was typed into the request form: nobody has shown "
                "that it is theirs. Confirm only if you expect them."
            ).format(email=fields.email)
        )
    elif msg.reply_to and msg.reply_to != msg.sender:
        doubts.append(
            _(
                "This email asks that answers go to {other}, not to {email}, the address "
                "it came from. The desk only ever answers {email}."
            ).format(other=msg.reply_to, email=msg.sender)
        )
    if msg.auth_failures:
        checks = ", ".join(f.upper() for f in msg.auth_failures)
        doubts.append(
            _(
                "Your mail provider says this sender failed {checks}: the address may not "
                "be theirs. Confirm only if you trust it."
            ).format(checks=checks)
        )
    elif fields.email == msg.sender and not msg.authenticated:
        doubts.append(
            _(
                "Your mail provider did not confirm that {email} sent this: the address "
                "may not be theirs. Confirm only if you trust it."
            ).format(email=msg.sender)
        )
    if fields.missing:
        doubts.append(_("Not answered: {questions}.").format(questions=", ".join(fields.missing)))
    return doubts


def _over_hourly_limits(limits, book: Ledger, address: str, now: datetime) -> str:
    """ "address" or "domain" when that one has sent its hourly share of
    requests, else "": a flood from a few senders never holds up others."""
    hour_ago = now - timedelta(hours=1)
    domain = address.rpartition("@")[2]
    from_address = from_domain = 0
    for i in book.items:
        if i.kind == "request" and i.created > hour_ago and i.email:
            from_address += i.email == address
            from_domain += i.email.rpartition("@")[2] == domain
    if from_address >= limits.requests_per_hour:
        return "address"
    if from_domain >= limits.requests_per_hour_per_domain:
        return "domain"
    return ""


def _confirmed(
    ctx: Context, book: Ledger, item: Item, entry: Entry, code: str, answers_to: str
) -> Decision:
    desk = ctx.desk
    stem, _ics, invitation = compose(desk, entry, REQUEST)
    messages = [(stem, invitation)]
    if item.kind == "request":  # auto: the coach learns of it, with the answers
        answers = [tuple(line.split(": ", 1)) for line in item.answers.splitlines() if ": " in line]
        title = entry.summary
        if entry.organizer_email != desk.settings.organizer.email:
            title = f"{title} ({entry.organizer_name})"  # a program's: who takes it
        summary = ctx.letters.summary(
            item, entry.start, entry.end, title, code, confirmed=True, answers=answers
        )
        messages.append((name_for(answers_to, "summary"), summary))
    return Decision(
        replace(item, status=DONE),
        book.put(entry),
        messages,
        f"Confirmed {entry.slot_id}: {entry.name} <{entry.email}>; invitation queued.",
    )


def _unavailable(
    ctx: Context,
    book: Ledger,
    item: Item,
    slot_id: str,
    answers_to: str,
    *,
    declined: bool = False,
    reason: str = "",
) -> Decision:
    slug = slot_id.rsplit("-", 1)[0]
    session = ctx.session(slug)
    start = _start(slot_id)
    end = start + timedelta(minutes=session.duration_minutes if session else 30)
    times = ctx.open_times(book, slug, item.zone, item.language)
    letter = ctx.letters.unavailable(
        replace(item, id=answers_to),
        start,
        end,
        session.title if session else slug,
        times,
        ctx.rebook_url(slug),
        answers_to,
        declined=declined,
        reason=reason,
    )
    what = "declined" if declined else "no longer free"
    return Decision(
        replace(item, status=DONE, note=what),
        book,
        [(name_for(answers_to, "unavailable"), letter)],
        f"{slot_id} for {item.name} <{item.email}>: {what}; sent {len(times)} other times.",
    )


def _coach_answer(ctx: Context, book: Ledger, msg: Inbound, pending: Item, item: Item) -> Decision:
    desk = ctx.desk
    if written_by_desk(msg.message_id, desk.host):
        # The desk's own question about this summary (_ask_again), delivered
        # to her own mailbox: hers to read, never an answer to read again.
        return Decision(None)
    if msg.sender != ctx.coach or msg.auth_failures:
        why = (
            "not from your address"
            if msg.sender != ctx.coach
            else "your provider says it failed " + ", ".join(msg.auth_failures)
        )
        return Decision(
            replace(item, status=REFUSED, note=why),
            line=f"Ignored a reply about {pending.slot_id}: {why}.",
        )
    word, reason = answer(msg.text)
    if not word:
        return _ask_again(ctx, msg, pending, replace(item, slot_id=pending.slot_id))
    book = book.record(
        replace(pending, status=DONE, note="declined" if word == "no" else "approved")
    )
    if word == "no":
        decision = _unavailable(
            ctx, book, pending, pending.slot_id, pending.id, declined=True, reason=reason
        )
        decision.item = replace(item, slot_id=pending.slot_id, note="declined")
        return decision
    try:
        slot, session, assigned = _offered(desk, book, pending.slot_id)
    except DeskError:
        decision = _unavailable(ctx, book, pending, pending.slot_id, pending.id)
        decision.item = replace(item, slot_id=pending.slot_id, note="no longer free")
        return decision
    entry = replace(
        _new_entry(desk, book, slot, session, pending.name, pending.email, "", pending.language),
        answers=_kept(pending),
        request_id=pending.id,
        zone=pending.zone,
        assigned=assigned,
    )
    decision = _confirmed(ctx, book, item, entry, "", pending.id)
    decision.item = replace(item, slot_id=pending.slot_id, note="approved")
    return decision


def _ask_again(ctx: Context, msg: Inbound, pending: Item, item: Item) -> Decision:
    """Her reply says neither yes nor no clearly: ask her once more (once per
    reply: the reply is recorded), and tell the client nothing. The question
    refers to the summary, so her mail program's reply to it names the
    summary too (References) and counts as her answer."""
    _ = ctx.letters.coach_lang.gettext
    slug = pending.slot_id.rsplit("-", 1)[0]
    session = ctx.session(slug)
    start = _start(pending.slot_id)
    end = start + timedelta(minutes=session.duration_minutes if session else 30)
    time = when(start, end, ctx.desk.settings.timezone, ctx.letters.coach_lang)
    name = name_for(msg.message_id, "unclear")
    question = ctx.letters.notice(
        name,
        _("Yes or no? {client}, {time}").format(client=pending.name, time=time),
        _(
            "Your reply about the request of {client} for {time} does not say clearly "
            "yes or no, so nothing was sent to them. Reply to this email with yes to "
            "confirm, or no and a reason to decline."
        ).format(client=f"{pending.name} <{pending.email}>", time=time),
        in_reply_to=pending.summary_id,
    )
    return Decision(
        replace(item, note="unclear"),
        None,
        [(name, question)],
        f"A reply about {pending.slot_id} says neither yes nor no clearly; "
        "asked you again by email.",
    )


def _calendar_answer(ctx: Context, book: Ledger, msg: Inbound, item: Item) -> Decision:
    reply = msg.calendar_reply
    assert reply is not None
    entry = book.by_uid(reply.uid)
    if entry is None or not entry.confirmed:
        return Decision(None)
    item = replace(item, kind="calendar-reply", slot_id=entry.slot_id)
    if reply.attendee != entry.email.lower() or msg.sender != entry.email.lower():
        return _refused_change(
            ctx, book, msg, replace(item, note="not the client"), entry, "not from the client"
        )
    if reply.partstat != "DECLINED":
        return Decision(
            replace(item, note=reply.partstat.lower()),
            line=f"{entry.name} answered {entry.slot_id}: {reply.partstat.lower()}.",
        )
    if not msg.authenticated:
        return _refused_change(ctx, book, msg, item, entry, "unverified")
    return _cancel(ctx, book, msg, entry, replace(item, note="declined in their calendar"))


# How many refused changes from one address in an hour are each told to the
# coach; beyond it they are set aside with no letter and no line, so forged
# mail costs the desk a lookup, never a flood of notices.
REFUSALS_TOLD_PER_HOUR = 5


def _refused_change(
    ctx: Context, book: Ledger, msg: Inbound, item: Item, entry: Entry | None, why: str
) -> Decision:
    """A cancel, a move or a calendar's decline the desk will not act on:
    nothing changes, and the coach hears of it (up to the hourly share)."""
    item = replace(item, status=REFUSED, note=why if not item.note else item.note)
    hour_ago = ctx.desk.now - timedelta(hours=1)
    earlier = ctx.refusals(book, msg.sender, hour_ago)
    if earlier >= REFUSALS_TOLD_PER_HOUR:
        return Decision(item)
    what = {
        "forged": "the link's signature is wrong (forged or altered)",
        "stale": "that booking has changed since the link was sent",
        "unverified": "your mail provider did not confirm the sender's address",
        "not from the client": "it did not come from the client's address",
    }[why]
    sender = msg.sender or "nobody"
    line = f"Refused a {item.kind} of {item.slot_id} from {sender}: {what}; nothing changed."
    if why not in {"unverified", "not from the client"} or entry is None:
        return Decision(item, line=line)
    _ = ctx.letters.coach_lang.gettext
    name = name_for(msg.message_id, "refused")
    notice = ctx.letters.notice(
        name,
        _("Not changed: {client}, {session}").format(client=entry.name, session=entry.summary),
        _(
            "An email from {sender} asks to cancel or move the booking of {client} at "
            "{time}, but {why}. Nothing was changed. If the client really wants the change, "
            "please make it yourself."
        ).format(
            sender=sender,
            client=f"{entry.name} <{entry.email}>",
            time=ctx.coach_when(entry),
            why=_("your mail provider did not confirm that it came from them")
            if why == "unverified"
            else _("it did not come from the client's own address"),
        ),
    )
    return Decision(item, book, [(name, notice)], line)


def _change(ctx: Context, book: Ledger, msg: Inbound, token, item: Item) -> Decision:
    desk = ctx.desk
    item = replace(item, slot_id=token.slot_id)
    if not signing.verify(ctx.key, token):
        return _refused_change(ctx, book, msg, item, None, "forged")
    entry = book.find(token.slot_id)
    if entry is None or not entry.confirmed or entry.sequence != token.sequence:
        return _refused_change(ctx, book, msg, item, None, "stale")
    if msg.sender != entry.email.lower():
        return _refused_change(ctx, book, msg, item, entry, "not from the client")
    if not msg.authenticated:
        return _refused_change(ctx, book, msg, item, entry, "unverified")
    cutoff = timedelta(hours=desk.settings.self_service_cutoff_hours)
    if entry.start - desk.now < cutoff:
        hours = f"{desk.settings.self_service_cutoff_hours:g}"
        _ = ctx.letters.coach_lang.gettext
        action = _("cancel") if token.action == tokens.CANCEL else _("move")
        notice = ctx.letters.notice(
            name_for(msg.message_id, "referred"),
            _("{client} asks to change a booking").format(client=entry.name),
            _(
                "{client} asked to {action} their booking less than {hours} hours before "
                "it. Nothing was changed: please answer them yourself."
            ).format(client=f"{entry.name} <{entry.email}>", action=action, hours=hours),
        )
        return Decision(
            replace(item, note="inside the cut-off"),
            book,
            [(name_for(msg.message_id, "referred"), notice)],
            f"Referred a {token.action} of {entry.slot_id} to you: "
            f"it is less than {hours} hours away.",
        )
    if token.action == tokens.CANCEL:
        return _cancel(ctx, book, msg, entry, item)
    return _move(ctx, book, msg, entry, token.to, item)


def _cancel(ctx: Context, book: Ledger, msg: Inbound, entry: Entry, item: Item) -> Decision:
    _ = ctx.letters.coach_lang.gettext
    cancelled = _cancelled(ctx.desk, entry, "")
    stem, _ics, letter = compose(ctx.desk, cancelled, CANCEL)
    notice = ctx.letters.notice(
        name_for(msg.message_id, "notice"),
        _("Cancelled by {client}: {session}").format(client=entry.name, session=entry.summary),
        _("{client} cancelled {time}. The time is offered again after the next build.").format(
            client=f"{entry.name} <{entry.email}>", time=ctx.coach_when(entry)
        ),
    )
    return Decision(
        replace(item, status=DONE),
        book.put(cancelled),
        [(stem, letter), (name_for(msg.message_id, "notice"), notice)],
        f"Cancelled {entry.slot_id} for {entry.name} <{entry.email}> at their request.",
    )


def _move(ctx: Context, book: Ledger, msg: Inbound, old: Entry, to: str, item: Item) -> Decision:
    desk = ctx.desk
    try:
        new_id = _slot_id(desk.settings, to)
        if new_id.rsplit("-", 1)[0] != old.session:
            raise DeskError(f"{new_id} is another kind of session")
        slot, session, _ = _offered(desk, book, new_id, moving=old)
    except DeskError:
        pending = replace(item, name=old.name, email=old.email, language=old.language)
        decision = _unavailable(ctx, book, pending, to if to else old.slot_id, msg.message_id)
        decision.item = replace(item, note="new time not free")
        return decision
    new = moved_entry(desk, book, slot, session, old)
    _ = ctx.letters.coach_lang.gettext
    moved = desk.language(old.language).gettext("Moved to {time}.")
    cancelled = _cancelled(
        desk,
        old,
        moved.format(
            time=client_when(
                new.start, new.end, new.zone, desk.settings.timezone, desk.language(old.language)
            )
        ),
    )
    old_stem, _a, cancel_letter = compose(desk, cancelled, CANCEL)
    new_stem, _b, invitation = compose(desk, new, REQUEST)
    notice = ctx.letters.notice(
        name_for(msg.message_id, "notice"),
        _("Moved by {client}: {session}").format(client=old.name, session=old.summary),
        _("{client} moved their booking to {time}.").format(
            client=f"{old.name} <{old.email}>", time=ctx.coach_when(new)
        ),
    )
    return Decision(
        replace(item, status=DONE, note=f"moved to {new.slot_id}"),
        book.put(cancelled).put(new),
        [
            (old_stem, cancel_letter),
            (new_stem, invitation),
            (name_for(msg.message_id, "notice"), notice),
        ],
        f"Moved {old.name} <{old.email}> from {old.slot_id} to {new.slot_id} at their request.",
    )


def _kept(item: Item) -> str:
    """What the ledger keeps of a request for the coach: the answers and the
    visitor's own message (never published, never in an invitation)."""
    message = f"Message: {item.note}" if item.note else ""
    return "\n".join(part for part in (item.answers, message) if part)


def _known_language(desk: Desk, code: str) -> bool:
    if not code:
        return False
    try:
        desk.language(code)
    except DeskError:
        return False
    return True


# --- a whole run ----------------------------------------------------------------


def check_ready(desk: Desk) -> bytes:
    """What every inbox run needs, checked before connecting."""
    ds = desk.desk_settings
    if ds.inbox is None:
        raise DeskError(
            "[booking] inbox is not set: add your mailbox's IMAP settings (docs/desk.md)"
        )
    if ds.smtp is None:
        raise DeskError(
            "[booking] smtp is not set: the desk sends its answers through it (docs/desk.md)"
        )
    _check_paths(desk)
    return signing.required_secret(desk.environ, ds.link_secret_env)


def run(desk: Desk, report: Callable[[str], object] = print, mailbox=None) -> Report:
    """One pass over the inbox; `mailbox` (an open imap.Mailbox) for --watch."""
    key = check_ready(desk)
    if mailbox is None:
        with imap.opened(desk.desk_settings.inbox, desk.environ) as box:
            return _run(desk, key, box, report)
    return _run(desk, key, mailbox, report)


def _run(desk: Desk, key: bytes, box: imap.Mailbox, report: Callable[[str], object]) -> Report:
    result = Report()
    known = {i.id for i in work.read(desk.ledger_path, desk.vault).items}
    fetched = box.messages(known)
    ctx = Context(desk, key)
    done: list[int] = []
    aside: list[int] = []
    changed = unwritten = False
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        ledger.remove_leftovers(desk.ledger_path, desk.outbox)
        book = retained(desk, _tidied(work.read(desk.ledger_path, desk.vault), desk.now), report)
        for name in outgoing.drop_unrecorded(desk.outbox, _recorded(book)):
            report(
                f"Dropped {name}: a stopped run queued it without recording it; "
                "made again if still due."
            )
        for message in fetched:
            if not message.raw:  # handled by an earlier run that was stopped before moving it
                done.append(message.uid)
                continue
            try:
                inbound = read_message(message.raw)
                if book.item(inbound.message_id) is not None:
                    done.append(message.uid)
                    continue
                decision = decide(ctx, book, inbound)
            except (SiteError, OSError):
                raise  # the settings or this computer, not this message: stop, record nothing
            except Exception as error:  # the last resort: one message never stops the desk
                why = str(error) if isinstance(error, Unreadable) else _unexpected(error)
                report(
                    f"Set aside {message_id_of(message.raw)} in "
                    f"{desk.desk_settings.inbox.unreadable_folder}: {why}."
                )
                aside.append(message.uid)
                continue
            if decision.item is None or decision.later:
                if decision.line:
                    report(decision.line)
                continue
            for name, msg in decision.messages:
                outgoing.put(desk.outbox, name, msg, desk.vault)
            new_book = (decision.book or book).record(
                replace(decision.item, outgoing=tuple(name for name, _ in decision.messages))
            )
            effect = bool(decision.messages) or new_book.entries != book.entries
            changed |= new_book.entries != book.entries
            # A decision that sends or books is written at once (its queued
            # mail is sent only once recorded). One without effect (ignored,
            # refused) waits for the next write: a stop before it only means
            # the same message is decided again. So a flood of junk costs one
            # write, not one whole-ledger write per message.
            if effect:
                ledger.write(new_book)
            unwritten = not effect
            book = new_book
            result.handled += 1
            done.append(message.uid)
            if decision.line:
                report(decision.line)
        if unwritten:
            ledger.write(book)
        result.sent = outgoing.flush(desk.outbox, desk.smtp, desk.environ, report, desk.vault)
    box.move(done)
    result.moved = len(done)
    box.set_aside(aside)
    result.set_aside = len(aside)
    if changed and desk.settings.caldav is not None:
        try:
            calendar_sync.sync(desk.settings, book, desk.now, desk.environ)
        except DeskError as error:
            report(f"The calendar was not updated: {error}; run `invoke sync-calendar`.")
    return result


KEEP_DAYS = 180


def _tidied(book: Ledger, now: datetime) -> Ledger:
    """Requests still waiting when their time has come are over; finished
    work older than KEEP_DAYS is forgotten (its emails left the look-back
    window long ago; the bookings themselves stay)."""
    horizon = now - timedelta(days=KEEP_DAYS)
    items = []
    for item in book.items:
        if item.status == PENDING and item.slot_id and _start(item.slot_id) <= now:
            item = replace(item, status=DONE, note="expired: no answer before the time")
        if item.status == PENDING or item.created > horizon:
            items.append(item)
    return replace(book, items=tuple(items))


def _start(slot_id: str) -> datetime:
    return datetime.strptime(slot_id.rsplit("-", 1)[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def _unexpected(error: Exception) -> str:
    """The reason line for an error nobody foresaw: its kind only, since an
    exception's text may quote the message."""
    return f"the desk could not read or answer it ({type(error).__name__}); nothing was recorded"


def _recorded(book: Ledger) -> Iterable[str]:
    for item in book.items:
        yield from item.outgoing


def watch(
    load: Callable[[], Desk],
    report: Callable[[str], object] = print,
    *,
    rounds: int | None = None,
    sleep: Callable[[float], object] = time.sleep,
    idle_seconds: float = imap.IDLE_SECONDS,
    after: Callable[[Desk], object] = lambda desk: None,
) -> None:
    """Stay connected and handle each message as it arrives (IMAP IDLE);
    reconnect after a failure, waiting a little longer each time, up to
    five minutes. `after` runs after every pass (the reminders)."""
    failures = 0
    done = 0
    while rounds is None or done < rounds:
        try:
            desk = load()
            key = check_ready(desk)
            with imap.opened(desk.desk_settings.inbox, desk.environ) as box:
                failures = 0
                while rounds is None or done < rounds:
                    desk = load()
                    _run(desk, key, box, report)
                    after(desk)
                    done += 1
                    if rounds is not None and done >= rounds:
                        return
                    box.wait(idle_seconds)
        except (imap.ImapError, MailError) as error:
            wait = BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)]
            failures += 1
            report(f"booking desk: {error}; trying again in {wait} s")
            sleep(wait)
