"""Hostile and broken messages for the desk's fuzz tests (hypothesis
strategies): arbitrary bytes, and bytes built from the pieces real poison
is made of (MIME structure, codes naming impossible times, unknown charsets,
calendar parts, nested comments, terminal escapes)."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = st.sampled_from(
    [
        b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n",
        b'Content-Type: multipart/alternative; boundary=""\r\n\r\n',
        b"Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\n",
        b"Content-Type: message/rfc822\r\n\r\n",
        b"Content-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n",
        b"BEGIN:VEVENT\r\nATTENDEE;PARTSTAT=DECLINED:mailto:x@example.org\r\nUID:u\r\n",
        b"END:VEVENT\r\nEND:VCALENDAR\r\n",
        b"Content-Transfer-Encoding: base64\r\n\r\n=?=\r\n",
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n",
        b"Content-Type: text/html; charset=x-unknown\r\n\r\n<p><br><div",
        b"Content-Type: text/plain; charset*=utf-8''%FF%FE\r\n",
        b"From: ((((((((((((((((a)\r\n",
        b"From: Zo\xc3\xab <zoe@example.org>\r\n",
        b'Reply-To: "\\" <@>\r\n',
        b"Message-ID: <\x1b]0;x\x07@example.org>\r\n",
        b"Subject: =?utf-8?b?W1tib29r?= [[move discovery-20269999T999999Z 0 "
        b"aaaaaaaaaaaaaaaaaaaaaaaaaa discovery-20261340T256099Z]]\r\n",
        b"[[book discovery-20261131T140000Z]]",
        b"[[book discovery-20261123T140000Z xx_YY]]",
        b"[[cancel discovery-20261123T140000Z 999999 aaaaaaaaaaaaaaaaaaaaaaaaaa]]",
        b"[[move discovery-20261123T140000Z 0 aaaaaaaaaaaaaaaaaaaaaaaaaa nope-20261123T150000Z]]",
        b"In-Reply-To: <summary.0@example.org>\r\nAuto-Submitted: auto-replied\r\n",
        b"Authentication-Results: mx; dmarc=fail\r\n",
        b"\r\n--x--\r\n",
        b"\r\n\r\n",
        b"\x1b[31m\xff\xfe\x07",
    ]
)
# Codes and replies that reach deep into the desk's decisions.
_DEEP = st.sampled_from(
    [
        b"[[book discovery-20261123T140000Z]]",
        b"[[book discovery-20261123T143000Z fr]]",
        b"[[book nope-20261123T143000Z]]",
        b"[[book discovery-20261124T140000Z]]",
        b"[[book discovery-20261123T140000Z]]\r\nname: x\r\nemail: \x1b@example.org\r\n",
        b"[[cancel discovery-20261123T140000Z 0 aaaaaaaaaaaaaaaaaaaaaaaaaa]]",
        b"[[move discovery-20261123T140000Z 0 aaaaaaaaaaaaaaaaaaaaaaaaaa "
        b"discovery-20261123T150000Z]]",
        b"No problem, see you then!",
        b"no, \xff\xfe",
        b"yes",
        b"My name: \x1b[2J\r\nMy time zone: Mars/Olympus\r\n",
    ]
)


def junk(extra: tuple[bytes, ...] = ()) -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, noise made of the pieces above (and `extra`, such as
    codes signed with the test's own secret), and noise framed by headers
    well formed enough for the desk to read it as a request or a reply."""
    deep = st.one_of(_DEEP, st.sampled_from(extra)) if extra else _DEEP
    noise = st.lists(st.one_of(PIECES, deep, st.binary(max_size=40)), max_size=20).map(b"".join)
    framed = st.builds(
        lambda subject, headers, body: (
            b"From: Zo\xc3\xab <zoe@example.org>\r\nSubject: "
            + subject.replace(b"\r", b"").replace(b"\n", b"")
            + b"\r\nIn-Reply-To: <summary.0@example.org>\r\n"
            + headers
            + b"\r\n"
            + body
        ),
        noise,
        st.lists(PIECES, max_size=4).map(b"".join),
        noise,
    )
    return st.one_of(
        st.binary(max_size=2_000),
        st.lists(st.one_of(PIECES, st.binary(max_size=40)), max_size=30).map(b"".join),
        framed,
    )


JUNK = junk()


def deliverable(junk: bytes) -> bytes:
    """What IMAP APPEND can carry: 8-bit text (RFC 3501) without NUL, ending
    with a line break."""
    return junk.replace(b"\x00", b"") + b"\r\n"
