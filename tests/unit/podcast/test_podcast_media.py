"""Audio facts with mutagen; cover-art checks with Pillow; both kept in the
build memo while the file is unchanged."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from PIL import Image

from plugins.common.memo import Memo
from plugins.podcast import media
from plugins.podcast.errors import MediaError
from plugins.podcast.media import MediaFacts, check_cover, probe_audio, probe_image

ROOT = Path(__file__).resolve().parents[3]
EP1 = ROOT / "tests/fixtures/podcast/audio/ep1-why-doctors-hire-coaches.mp3"
COVER = ROOT / "tests/fixtures/podcast/cover.png"


def test_sample_audio_size_and_duration():
    info = probe_audio(EP1)
    assert info.length == EP1.stat().st_size
    assert 20 <= info.duration <= 60  # the sample is a short spoken clip


def test_missing_and_non_audio_files_are_errors(tmp_path):
    with pytest.raises(MediaError, match="not found"):
        probe_audio(tmp_path / "nope.mp3")
    fake = tmp_path / "fake.mp3"
    fake.write_text("this is not audio", encoding="utf-8")
    with pytest.raises(MediaError, match="not"):
        probe_audio(fake)


def test_sample_cover_meets_apple_rules():
    info = probe_image(COVER)
    assert (info.width, info.height, info.format, info.mode) == (1400, 1400, "PNG", "RGB")
    assert info.mime == "image/png"
    check_cover(info)


def _image(tmp_path: Path, size, mode="RGB", fmt="PNG", name="c.png") -> Path:
    path = tmp_path / name
    Image.new(mode, size).save(path, fmt)
    return path


@pytest.mark.parametrize(
    ("size", "mode", "fmt", "name", "words"),
    [
        ((1400, 1200), "RGB", "PNG", "c.png", "square"),
        ((1000, 1000), "RGB", "PNG", "c.png", "1400-3000"),
        ((3200, 3200), "RGB", "PNG", "c.png", "1400-3000"),
        ((1400, 1400), "CMYK", "JPEG", "c.jpg", "RGB"),
        ((1400, 1400), "RGBA", "PNG", "c.png", "RGB"),
    ],
)
def test_cover_rules(tmp_path, size, mode, fmt, name, words):
    with pytest.raises(MediaError, match=words):
        check_cover(probe_image(_image(tmp_path, size, mode, fmt, name)))


def test_jpeg_cover_at_the_maximum_is_fine(tmp_path):
    info = probe_image(_image(tmp_path, (3000, 3000), "RGB", "JPEG", "c.jpg"))
    check_cover(info)
    assert info.mime == "image/jpeg"


def test_non_jpeg_png_and_unreadable_images(tmp_path):
    with pytest.raises(MediaError, match="JPEG or PNG"):
        probe_image(_image(tmp_path, (1400, 1400), "RGB", "GIF", "c.png"))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    with pytest.raises(MediaError, match="readable"):
        probe_image(broken)
    with pytest.raises(MediaError, match="not found"):
        probe_image(tmp_path / "missing.png")


def test_the_name_must_match_the_format(tmp_path):
    with pytest.raises(MediaError, match="holds a JPEG image"):
        probe_image(_image(tmp_path, (1400, 1400), "RGB", "JPEG", "c.png"))


def test_audio_is_read_by_the_format_its_name_calls_for(tmp_path):
    misnamed = tmp_path / "ep.m4a"
    misnamed.write_bytes(EP1.read_bytes())  # an MP3 under an M4A name
    with pytest.raises(MediaError, match=r"ep\.m4a"):
        probe_audio(misnamed)


def _memo_facts(tmp_path: Path) -> tuple[Path, MediaFacts]:
    return tmp_path / "media.pickle", MediaFacts(Memo(tmp_path / "media.pickle", "v"))


def test_facts_come_back_from_the_memo_without_reading_the_file(tmp_path, monkeypatch):
    audio = tmp_path / "ep.mp3"
    audio.write_bytes(EP1.read_bytes())
    path, facts = _memo_facts(tmp_path)
    first = facts.audio(audio), facts.image(COVER)
    facts.memo.save()
    assert first == (probe_audio(audio), probe_image(COVER))

    def unread(path):
        raise AssertionError(f"{path} read again")

    monkeypatch.setattr(media, "probe_audio", unread)
    monkeypatch.setattr(media, "probe_image", unread)
    again = MediaFacts(Memo(path, "v"))
    assert (again.audio(audio), again.image(COVER)) == first
    assert again.memo.made == 0


def test_a_changed_file_is_read_again_and_a_failure_is_never_kept(tmp_path):
    audio = tmp_path / "ep.mp3"
    audio.write_bytes(EP1.read_bytes())
    path, facts = _memo_facts(tmp_path)
    facts.audio(audio)
    facts.memo.save()
    audio.write_text("this is not audio", encoding="utf-8")
    later = MediaFacts(Memo(path, "v"))
    for _ in range(2):
        with pytest.raises(MediaError, match=r"ep\.mp3"):
            later.audio(audio)
    assert later.memo.made == 0
    with pytest.raises(MediaError, match="not found"):
        later.audio(tmp_path / "gone.mp3")


def test_a_fresh_checkout_still_finds_a_small_file_and_reads_a_large_one_again(
    tmp_path, monkeypatch
):
    audio = tmp_path / "ep.mp3"
    audio.write_bytes(EP1.read_bytes())
    path, facts = _memo_facts(tmp_path)
    facts.audio(audio)
    facts.memo.save()
    os.utime(audio, ns=(0, 0))  # what a checkout does: same bytes, another time
    again = MediaFacts(Memo(path, "v"))
    again.audio(audio)
    assert again.memo.made == 0  # known by its bytes
    monkeypatch.setattr(media, "HASHED_UP_TO", 10)  # now it is a "large" file
    large = MediaFacts(Memo(path, "v"))
    large.audio(audio)
    large.memo.save()
    os.utime(audio, ns=(10**9, 10**9))
    later = MediaFacts(Memo(path, "v"))
    later.audio(audio)
    assert (large.memo.made, later.memo.made) == (1, 1)  # known by its time: read again


def test_a_damaged_memo_entry_is_read_again(tmp_path):
    audio = tmp_path / "ep.mp3"
    audio.write_bytes(EP1.read_bytes())
    path, facts = _memo_facts(tmp_path)
    first = facts.audio(audio)
    facts.memo.save()
    kept = pickle.loads(path.read_bytes())
    kept["entries"] = {key: b"not a pickle" for key in kept["entries"]}
    path.write_bytes(pickle.dumps(kept))
    again = MediaFacts(Memo(path, "v"))
    assert again.audio(audio) == first
    assert again.memo.made == 1
