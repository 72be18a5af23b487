"""Regenerate the sample podcast media under content/podcast/ (a developer
tool; the plugin never imports it, and the generated files are committed).

    apt-get install -y espeak-ng sox lame
    .venv/bin/python -m plugins.podcast.make_samples

Writes two short spoken MP3s (32 kbps mono, 22.05 kHz: speech stays clear
and each file stays well under 200 kB), the first episode's WebVTT
transcript and JSON chapters, timed from the real segment lengths, and
a 1400×1400 RGB PNG cover.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "content" / "podcast"
GAP = 0.45  # seconds of silence between spoken lines
RATE = 22050

HART = ("Dr. Eleanor Hart", "en-us+f3", 150)
RAMAN = ("Dr. Priya Raman", "en-gb+f4", 155)

EPISODE_1 = [
    (
        HART,
        "Welcome to Second Opinions, a short podcast for physicians about the working "
        "life you actually want. I'm Eleanor Hart.",
        "Welcome",
    ),
    (
        HART,
        "I practiced cardiology for twenty-six years before I trained as a coach, so let "
        "me answer the question colleagues ask me most: why would a doctor hire a coach?",
        None,
    ),
    (
        HART,
        "Not because something is broken. Most of the physicians I work with are very "
        "good at their jobs.",
        "Why doctors hire coaches",
    ),
    (
        HART,
        "They come because the work has slowly taken over, and they want help deciding "
        "what to keep, what to change, and how to say it out loud.",
        None,
    ),
    (
        HART,
        "A coach does not hand you answers. We ask better questions, and we hold you to "
        "the plan you made yourself.",
        "What a coach does",
    ),
    (
        HART,
        "If that sounds useful, book a free discovery session on my website. Thank you "
        "for listening.",
        "Your next step",
    ),
]

GUEST = [
    (
        RAMAN,
        "Welcome back to Rounds and Reflections. Today I'm talking with Doctor Eleanor "
        "Hart about neurophobia, the fear of neurology that so many students carry.",
        None,
    ),
    (
        HART,
        "It is real, and it starts early. Students meet the nervous system as a wall of "
        "pathways and eponyms, and decide they are simply not neurology people.",
        None,
    ),
    (RAMAN, "So how do we fight it?", None),
    (
        HART,
        "Teach it at the bedside, one patient at a time. Start with the examination, let "
        "the anatomy answer a clinical question, and let learners be wrong safely. Confidence "
        "follows competence.",
        None,
    ),
    (RAMAN, "Eleanor Hart, thank you.", None),
]


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _speak(lines, work: Path) -> tuple[Path, list[tuple[float, str, str, str | None]]]:
    """One WAV of all lines with gaps; returns it and (start, speaker, text, chapter)."""
    parts, timeline, clock = [], [], 0.0
    gap = work / "gap.wav"
    _run("sox", "-n", "-r", str(RATE), "-c", "1", str(gap), "trim", "0", str(GAP))
    for i, ((speaker, voice, speed), text, chapter) in enumerate(lines):
        raw, seg = work / f"raw{i}.wav", work / f"seg{i}.wav"
        _run("espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text)
        _run("sox", str(raw), "-r", str(RATE), "-c", "1", str(seg))
        timeline.append((clock, speaker, text, chapter))
        clock += float(_run("soxi", "-D", str(seg))) + GAP
        parts += [seg, gap]
    out = work / "all.wav"
    _run("sox", *map(str, parts), str(out), "norm", "-1")
    return out, timeline


def _mp3(wav: Path, target: Path, title: str, album: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    _run(
        "lame", "--quiet", "-m", "m", "-b", "32", "--resample", "22.05",
        "--tt", title, "--ta", "Dr. Eleanor Hart", "--tl", album, "--ty", "2026",
        str(wav), str(target),
    )  # fmt: skip


def _vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _write_vtt(timeline, end: float, target: Path) -> None:
    lines = ["WEBVTT", ""]
    for i, (start, speaker, text, _chapter) in enumerate(timeline):
        stop = timeline[i + 1][0] - 0.05 if i + 1 < len(timeline) else end
        lines += [f"{_vtt_time(start)} --> {_vtt_time(stop)}", f"<v {speaker}>{text}", ""]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")


def _write_chapters(timeline, target: Path) -> None:
    chapters = [
        {"startTime": round(start, 1), "title": chapter}
        for start, _speaker, _text, chapter in timeline
        if chapter
    ]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"version": "1.2.0", "chapters": chapters}, indent=2) + "\n")


def _cover(target: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    size, ink, paper, accent = 1400, (255, 255, 255), (17, 70, 84), (242, 184, 75)
    image = Image.new("RGB", (size, size), paper)
    draw = ImageDraw.Draw(image)
    # A stylised ECG trace: the cardiologist's own handwriting.
    trace = [(120, 560), (470, 560), (530, 470), (590, 660), (650, 300), (720, 760),
             (780, 560), (1280, 560)]  # fmt: skip
    draw.line(trace, fill=accent, width=22, joint="curve")
    fonts = Path("/usr/share/fonts/truetype/dejavu")
    bold = ImageFont.truetype(str(fonts / "DejaVuSans-Bold.ttf"), 124)
    regular = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 72)
    draw.text((size // 2, 930), "Second Opinions", font=bold, fill=ink, anchor="mm")
    draw.text((size // 2, 1100), "with Dr. Eleanor Hart", font=regular, fill=ink, anchor="mm")
    draw.text((size // 2, 1220), "coaching for physicians", font=regular, fill=accent, anchor="mm")
    image.quantize(colors=16).convert("RGB").save(target, optimize=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        wav, timeline = _speak(EPISODE_1, work)
        end = float(_run("soxi", "-D", str(wav)))
        slug = "ep1-why-doctors-hire-coaches"
        _mp3(wav, OUT / "audio" / f"{slug}.mp3", "Ep. 1: Why doctors hire coaches",
             "Second Opinions")  # fmt: skip
        _write_vtt(timeline, end, OUT / "transcripts" / f"{slug}.vtt")
        _write_chapters(timeline, OUT / "chapters" / f"{slug}.json")

        wav, _ = _speak(GUEST, work)
        _mp3(wav, OUT / "audio" / "rounds-and-reflections-neurophobia.mp3",
             "Combating neurophobia", "Rounds & Reflections")  # fmt: skip
    _cover(OUT / "cover.png")
    for path in sorted(OUT.rglob("*.*")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
