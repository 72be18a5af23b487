"""Each mistake in the desk's part of [booking] (SMTP, the inbox, video,
reminders, limits, the confirmation policy) as the exact line the coach
reads, and what each key becomes when right, defaults included."""

from __future__ import annotations

import pytest

from plugins.config.load import SettingsError, from_tables

COACH = {"name": "Noor Haddad", "email": "noor@haddad.example", "timezone": "Asia/Amman"}
BASE = {
    "weekly_hours": {"mon": ["09:00-12:00"]},
    "sessions": [{"slug": "intro", "title": "Intro", "duration_minutes": 30}],
}
INBOX = {"host": "imap.example.org", "username": "noor", "password_env": "IMAP_PASSWORD"}
SMTP = {"host": "smtp.example.org", "username": "noor", "password_env": "SMTP_PASSWORD"}
B = "site.toml, [booking]"
HTTPS = "must be an https:// address, not"


def desk(**booking):
    return from_tables({"coach": COACH, "booking": {**BASE, **booking}}).desk


def inbox(**changes) -> dict:
    return {k: v for k, v in {**INBOX, **changes}.items() if v is not None}


def smtp(**changes) -> dict:
    return {k: v for k, v in {**SMTP, **changes}.items() if v is not None}


CASES = {
    "policy": (
        {"confirm": "always"},
        f'{B} confirm: must be "coach" (you approve each request by replying) or "auto", '
        "not 'always'",
    ),
    "inbox not a table": (
        {"inbox": "imap.example.org"},
        f'{B} inbox: must be a dict like {{"host": ..., "username": ..., "password_env": ...}}',
    ),
    "inbox unknown key": ({"inbox": inbox(pasword="x")}, f"{B} inbox.pasword: "),
    "inbox without host": (
        {"inbox": inbox(host=None)},
        f"{B} inbox.host: missing (it is required)",
    ),
    "inbox host not text": (
        {"inbox": inbox(host=5)},
        f"{B} inbox.host: must be non-empty text, not 5",
    ),
    "inbox security": (
        {"inbox": inbox(security="tls")},
        f'{B} inbox.security: must be "ssl", "starttls" or "none", not \'tls\'',
    ),
    "inbox plain elsewhere": (
        {"inbox": inbox(security="none")},
        f'{B} inbox.security: "none" would send your password unencrypted; use "ssl" or "starttls"',
    ),
    "inbox port text": (
        {"inbox": inbox(port="993")},
        f"{B} inbox.port: must be a port number, not '993'",
    ),
    "inbox port true": (
        {"inbox": inbox(port=True)},
        f"{B} inbox.port: must be a port number, not True",
    ),
    "inbox port zero": ({"inbox": inbox(port=0)}, f"{B} inbox.port: must be a port number, not 0"),
    "inbox port too big": (
        {"inbox": inbox(port=65536)},
        f"{B} inbox.port: must be a port number, not 65536",
    ),
    "inbox without username": (
        {"inbox": inbox(username=None)},
        f"{B} inbox.username: missing (it is required)",
    ),
    "inbox without password variable": (
        {"inbox": inbox(password_env=None)},
        f"{B} inbox.password_env: missing (it is required)",
    ),
    "inbox folder not text": (
        {"inbox": inbox(folder=3)},
        f"{B} inbox.folder: must be non-empty text, not 3",
    ),
    "inbox done is the inbox": (
        {"inbox": inbox(done_folder="/inbox/")},
        f"{B} inbox.done_folder: must not be the folder the desk reads",
    ),
    "inbox set-aside is the inbox": (
        {"inbox": inbox(unreadable_folder="INBOX")},
        f"{B} inbox.unreadable_folder: must be a folder of its own, not the one the desk reads "
        "nor done_folder",
    ),
    "inbox set-aside is done": (
        {"inbox": inbox(done_folder="Bookings/Done", unreadable_folder="bookings/done/")},
        f"{B} inbox.unreadable_folder: must be a folder of its own, not the one the desk reads "
        "nor done_folder",
    ),
    "video not a table": (
        {"video": "https://meet.example.org"},
        f'{B} video: must be {{"rooms_at": "https://meet.jit.si/"}} or {{"room": "https://..."}}',
    ),
    "video both": (
        {"video": {"room": "https://a.example/r", "rooms_at": "https://b.example/"}},
        f'{B} video: must be {{"rooms_at": "https://meet.jit.si/"}} or {{"room": "https://..."}}',
    ),
    "video unknown key": ({"video": {"url": "https://a.example/r"}}, f"{B} video.url: "),
    "video room http": (
        {"video": {"room": "http://a.example/r"}},
        f"{B} video.room: {HTTPS} 'http://a.example/r'",
    ),
    "video room no host": (
        {"video": {"room": "https:///r"}},
        f"{B} video.room: {HTTPS} 'https:///r'",
    ),
    "video room with a quote": (
        {"video": {"room": 'https://a.example/r"x'}},
        f"{B} video.room: {HTTPS} 'https://a.example/r\"x'",
    ),
    "video rooms at not text": (
        {"video": {"rooms_at": 5}},
        f"{B} video.rooms_at: must be non-empty text, not 5",
    ),
    "reminders not a list": (
        {"reminder_hours": 24},
        f"{B} reminder_hours: must be a list of at most 5 lead times in hours, like [24, 1]",
    ),
    "six reminders": (
        {"reminder_hours": [48, 24, 12, 6, 2, 1]},
        f"{B} reminder_hours: must be a list of at most 5 lead times in hours, like [24, 1]",
    ),
    "reminder zero": (
        {"reminder_hours": [24, 0]},
        f"{B} reminder_hours, item 2: must be a number greater than 0, not 0",
    ),
    "reminder beyond a month": (
        {"reminder_hours": [24 * 30 + 1]},
        f"{B} reminder_hours, item 1: must be at most 720, not 721",
    ),
    "reminder twice": (
        {"reminder_hours": [24, 1, 24]},
        f"{B} reminder_hours: lists a lead time twice: [24, 1, 24]",
    ),
    "link secret variable": ({"link_secret_env": "my secret"}, f"{B} link_secret_env: "),
    "limits not a table": (
        {"limits": 3},
        f'{B} limits: must be a dict like {{"pending_per_sender": 2}}',
    ),
    "limits unknown key": ({"limits": {"per_sender": 2}}, f"{B} limits.per_sender: "),
    "limit zero": (
        {"limits": {"pending_per_sender": 0}},
        f"{B} limits.pending_per_sender: must be a whole number greater than 0, not 0",
    ),
    "limit fraction": (
        {"limits": {"requests_per_hour": 2.5}},
        f"{B} limits.requests_per_hour: must be a whole number greater than 0, not 2.5",
    ),
    "limit domain zero": (
        {"limits": {"requests_per_hour_per_domain": 0}},
        f"{B} limits.requests_per_hour_per_domain: must be a whole number greater than 0, not 0",
    ),
    "smtp not a table": (
        {"smtp": "smtp.example.org"},
        f'{B} smtp: must be a dict like {{"host": ..., "username": ..., "password_env": ...}}',
    ),
    "smtp unknown key": ({"smtp": smtp(user="x")}, f"{B} smtp.user: "),
    "smtp host not text": ({"smtp": smtp(host=7)}, f"{B} smtp.host: must be non-empty text, not 7"),
    "smtp port just too big": (
        {"smtp": smtp(port=65536)},
        f"{B} smtp.port: must be a port number, not 65536",
    ),
    "inbox password variable not a name": (
        {"inbox": inbox(password_env="my password")},
        f"{B} inbox.password_env: ",
    ),
    "smtp without host": ({"smtp": smtp(host=None)}, f"{B} smtp.host: missing (it is required)"),
    "smtp security": (
        {"smtp": smtp(security="tls")},
        f'{B} smtp.security: must be "starttls", "ssl" or "none", not \'tls\'',
    ),
    "smtp port text": (
        {"smtp": smtp(port="587")},
        f"{B} smtp.port: must be a port number, not '587'",
    ),
    "smtp port false": (
        {"smtp": smtp(port=False)},
        f"{B} smtp.port: must be a port number, not False",
    ),
    "smtp port zero": ({"smtp": smtp(port=0)}, f"{B} smtp.port: must be a port number, not 0"),
    "smtp port too big": (
        {"smtp": smtp(port=70000)},
        f"{B} smtp.port: must be a port number, not 70000",
    ),
    "smtp username not text": (
        {"smtp": smtp(username=3)},
        f"{B} smtp.username: must be non-empty text, not 3",
    ),
    "smtp user without password variable": (
        {"smtp": smtp(password_env=None)},
        f"{B} smtp.password_env: missing (it is required)",
    ),
    "smtp plain elsewhere": (
        {"smtp": smtp(security="none")},
        f'{B} smtp.security: "none" would send your password unencrypted; use "starttls" or "ssl"',
    ),
    "smtp password without user": (
        {"smtp": smtp(username=None)},
        f"{B} smtp.username: missing (password_env needs it)",
    ),
    "smtp from": ({"smtp": smtp(**{"from": "not an address"})}, f"{B} smtp.from: "),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_desk_mistake_is_its_own_line(case):
    booking, line = CASES[case]
    with pytest.raises(SettingsError) as caught:
        desk(**booking)
    found = caught.value.lines
    assert len(found) == 1, found
    if line.endswith(": "):  # the key named; the validator's own words are tested elsewhere
        assert found[0].startswith(line), found
    else:
        assert found[0] == line


def test_the_defaults_of_a_desk_with_nothing_set():
    found = desk()
    assert found.smtp is None and found.inbox is None
    assert found.policy == "coach"
    assert (found.video.room, found.video.rooms_at) == (None, None)
    assert found.reminder_hours == (24, 1)
    assert found.link_secret_env == "BOOKING_LINK_SECRET"
    limits = found.limits
    assert (limits.pending_per_sender, limits.requests_per_hour) == (2, 5)
    assert limits.requests_per_hour_per_domain == 30


def test_an_inbox_as_written_and_its_defaults():
    found = desk(inbox=INBOX, confirm="auto").inbox
    assert (found.host, found.port, found.security) == ("imap.example.org", 993, "ssl")
    assert (found.username, found.password_env) == ("noor", "IMAP_PASSWORD")
    assert (found.folder, found.done_folder, found.unreadable_folder) == (
        "INBOX",
        "Bookings/Done",
        "Bookings/Unreadable",
    )
    starttls = desk(inbox=inbox(security="starttls", folder="Requests")).inbox
    assert (starttls.port, starttls.folder) == (143, "Requests")
    local = desk(inbox=inbox(host="127.0.0.1", security="none", port=1143)).inbox
    assert (local.security, local.port) == ("none", 1143)
    folders = desk(inbox=inbox(done_folder="Done", unreadable_folder="Odd")).inbox
    assert (folders.done_folder, folders.unreadable_folder) == ("Done", "Odd")
    assert desk(inbox=inbox(port=1)).inbox.port == 1
    assert desk(inbox=inbox(port=65535)).inbox.port == 65535
    assert desk(inbox=INBOX, confirm="auto").policy == "auto"


def test_smtp_as_written_and_its_defaults():
    found = desk(smtp=SMTP).smtp
    assert (found.host, found.port, found.security) == ("smtp.example.org", 587, "starttls")
    assert (found.username, found.password_env, found.sender) == ("noor", "SMTP_PASSWORD", None)
    assert desk(smtp=smtp(security="ssl")).smtp.port == 465
    relay = desk(smtp={"host": "localhost", "security": "none", "from": "desk@haddad.example"})
    assert (relay.smtp.port, relay.smtp.username, relay.smtp.password_env) == (25, None, None)
    assert relay.smtp.sender == "desk@haddad.example"
    assert desk(smtp=smtp(port=1)).smtp.port == 1
    assert desk(smtp=smtp(port=65535)).smtp.port == 65535
    local = desk(smtp=smtp(host="127.0.0.1", security="none", port=2525)).smtp
    assert (local.security, local.port, local.username) == ("none", 2525, "noor")


def test_video_reminders_limits_and_the_link_secret_as_written():
    assert desk(video={"rooms_at": "https://meet.example.org"}).video.rooms_at == (
        "https://meet.example.org/"
    )
    assert desk(video={"rooms_at": "https://meet.example.org/x/"}).video.rooms_at == (
        "https://meet.example.org/x/"
    )
    room = desk(video={"room": "https://call.example.com/noor"}).video
    assert (room.room, room.rooms_at) == ("https://call.example.com/noor", None)
    assert desk(reminder_hours=[1, 48, 0.5]).reminder_hours == (48, 1, 0.5)
    assert desk(reminder_hours=[]).reminder_hours == ()
    assert desk(reminder_hours=[1, 2, 3, 4, 5]).reminder_hours == (5, 4, 3, 2, 1)
    assert desk(reminder_hours=[720]).reminder_hours == (720,)
    limits = desk(limits={"requests_per_hour": 9}).limits
    assert (limits.pending_per_sender, limits.requests_per_hour) == (2, 9)
    assert desk(link_secret_env="MY_SECRET").link_secret_env == "MY_SECRET"
