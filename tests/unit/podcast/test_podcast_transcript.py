"""Transcripts (WebVTT, SRT, HTML) become plain text; markup never survives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.podcast.errors import MediaError
from plugins.podcast.transcript import (
    PARAGRAPH_WORDS,
    Cue,
    parse_transcript,
    read_transcript,
    timestamp_seconds,
)

VTT = """\ufeffWEBVTT - interview

NOTE written by hand
over two lines

STYLE
::cue { color: red }

intro-1
00:00.000 --> 00:04.500 align:start
<v.loud Dr. Priya Raman>Welcome to <i>Rounds</i> &amp; Reflections.

00:04.600 --> 00:09.000
<v Dr. Eleanor Hart>Thank you. <c.yellow>Neurophobia</c> is real,
and it starts <00:07.000>early.

01:02:03.250 --> 01:02:05.000
<v Dr. Eleanor Hart>Later on.
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
{\\an8}<i>Hello</i> there

2
00:00:05,500 --> 00:00:08,000
Second &lt;line&gt;
continues here
"""

HTML = """<!doctype html><html><head><title>Not text</title>
<style>p { color: red }</style><script>alert("x")</script></head>
<body><cite>Kevin:</cite><time>0:00</time><p>Hello <b>everyone</b>.</p>
<cite>Alice:</cite><time>00:00:05</time><p>Hi<br>there</p><p onclick="x()">More &amp; more</p>
</body></html>"""


def test_webvtt_voices_timings_and_markup():
    transcript = parse_transcript(VTT, "text/vtt")
    assert transcript.timed
    assert transcript.cues == (
        Cue(0.0, "Dr. Priya Raman", "Welcome to Rounds & Reflections."),
        Cue(4.6, "Dr. Eleanor Hart", "Thank you. Neurophobia is real, and it starts early."),
        Cue(3723.25, "Dr. Eleanor Hart", "Later on."),
    )


def test_paragraphs_join_one_speakers_cues():
    paragraphs = parse_transcript(VTT, "text/vtt").paragraphs()
    assert [p.speaker for p in paragraphs] == ["Dr. Priya Raman", "Dr. Eleanor Hart"]
    assert paragraphs[1].start == 4.6
    assert paragraphs[1].text.endswith("starts early. Later on.")


def test_long_monologues_are_split():
    cues = "\n\n".join(
        f"00:{i:02d}.000 --> 00:{i:02d}.900\n<v Ann>{'word ' * 40}" for i in range(6)
    )
    paragraphs = parse_transcript("WEBVTT\n\n" + cues, "text/vtt").paragraphs()
    assert len(paragraphs) > 1
    assert all(len(p.text.split()) <= PARAGRAPH_WORDS + 40 for p in paragraphs)


def test_srt():
    transcript = parse_transcript(SRT.replace("\n", "\r\n"), "application/x-subrip")
    assert transcript.timed
    assert transcript.cues == (
        Cue(1.0, None, "Hello there"),
        Cue(5.5, None, "Second <line> continues here"),
    )


def test_html_keeps_text_speakers_and_times_only():
    transcript = parse_transcript(HTML, "text/html")
    assert not transcript.timed
    assert transcript.cues == (
        Cue(0.0, "Kevin", "Hello everyone."),
        Cue(5.0, "Alice", "Hi"),
        Cue(None, "Alice", "there"),
        Cue(None, "Alice", "More & more"),
    )
    text = " ".join(c.text for c in transcript.cues)
    assert "alert" not in text and "color" not in text and "Not text" not in text


@pytest.mark.parametrize(
    ("text", "mime", "words"),
    [
        ("00:00.000 --> 00:01.000\nHi", "text/vtt", "WEBVTT"),
        ("WEBVTTX\n\n00:00.000 --> 00:01.000\nHi", "text/vtt", "WEBVTT"),
        ("WEBVTT\n\nHello without timing", "text/vtt", "timing"),
        ("WEBVTT\n\n0:0 --> 00:01.000\nHi", "text/vtt", "bad cue timing"),
        ("WEBVTT\n", "text/vtt", "no text"),
        ("<p>   </p>", "text/html", "no text"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi", "text/plain", "unsupported"),
    ],
)
def test_bad_transcripts(text, mime, words):
    with pytest.raises(MediaError, match=words):
        parse_transcript(text, mime)


def test_read_transcript_by_suffix(tmp_path):
    path = tmp_path / "t.srt"
    path.write_text(SRT, encoding="utf-8")
    assert read_transcript(path).mime == "application/x-subrip"
    with pytest.raises(MediaError, match="not found"):
        read_transcript(tmp_path / "missing.vtt")
    with pytest.raises(MediaError, match=r"\.vtt"):
        read_transcript(tmp_path / "t.txt")
    latin = tmp_path / "latin.vtt"
    latin.write_bytes("WEBVTT\n\n00:00.000 --> 00:01.000\ncaf\xe9".encode("latin-1"))
    with pytest.raises(MediaError, match="UTF-8"):
        read_transcript(latin)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("00:05.000", 5.0), ("01:02:03.5", 3723.5), ("00:00:01,250", 1.25), ("12:34", 754.0)],
)
def test_timestamps(value, seconds):
    assert timestamp_seconds(value) == seconds


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_cue_text_never_keeps_tags(payload):
    # The x first: a tag the payload leaves open runs to the cue's end.
    vtt = f"WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>x{payload.replace('-->', '')}"
    for cue in parse_transcript(vtt, "text/vtt").cues:
        assert "\n" not in cue.text
        # What remains is text for |e in the template; a literal tag can only
        # come from an escaped entity the author wrote on purpose.
        if "&" not in payload:
            assert "<v" not in cue.text


def test_a_tag_left_open_at_the_end_of_a_cue_is_not_shown():
    vtt = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann>Hello there <c.loud\n"
    (cue,) = parse_transcript(vtt, "text/vtt").cues
    assert (cue.speaker, cue.text) == ("Ann", "Hello there")
