"""The looks a coach chooses from with `[design] style`, each a typography
pairing, two palettes (light and dark, every text pair at least 4.5:1:
tests/unit/test_looks.py measures them) and its shapes.

- calm: clinical and quiet. Source Serif 4 headings over Source Sans 3,
  a deep teal on warm white, thin borders. For a physician coach, a
  medical school's program.
- warm: personal and soft. Fraunces headings over Nunito Sans, terracotta
  on cream, round corners and soft shadows. For a life coach.
- bold: executive and direct. Manrope headings (extra bold) over Inter,
  royal navy on white, square corners, strong type. For a leadership or
  career coach.

The fonts are variable fonts under the SIL Open Font License, shipped in
theme/fonts/ (from the Fontsource packages; licences beside them).
"""

from __future__ import annotations

from dataclasses import dataclass

COLOURS = (
    "bg",
    "surface",
    "text",
    "muted",
    "accent",
    "accent_strong",
    "on_accent",
    "border",
    "notice_bg",
    "focus",
)


@dataclass(frozen=True)
class Palette:
    bg: str
    surface: str
    text: str
    muted: str
    accent: str
    accent_strong: str
    on_accent: str
    border: str
    notice_bg: str
    focus: str


@dataclass(frozen=True)
class Font:
    family: str  # the CSS family name
    file: str  # under theme/fonts/
    weights: str  # the variable font's weight range, as @font-face says it


@dataclass(frozen=True)
class Look:
    name: str
    heading: Font
    body: Font
    heading_weight: int
    heading_tracking: str  # letter-spacing of headings
    radius: str
    body_size: str  # the text's size: each typeface reads best at its own
    light: Palette
    dark: Palette
    card_shadow: str  # "none" or a box-shadow

    @property
    def fonts(self) -> tuple[Font, ...]:
        return (self.heading, self.body)


LOOKS = {
    "calm": Look(
        name="calm",
        heading=Font("Source Serif 4", "source-serif-4.woff2", "200 900"),
        body=Font("Source Sans 3", "source-sans-3.woff2", "200 900"),
        heading_weight=650,
        heading_tracking="0",
        radius=".75rem",
        body_size="1.125rem",
        light=Palette(
            bg="#fbfaf7",
            surface="#ffffff",
            text="#1d1f23",
            muted="#555b64",
            accent="#0b5a7a",
            accent_strong="#08465f",
            on_accent="#ffffff",
            border="#dcd8cf",
            notice_bg="#e7f0f4",
            focus="#0b5a7a",
        ),
        dark=Palette(
            bg="#121417",
            surface="#1b1e22",
            text="#e8e6e3",
            muted="#a7adb5",
            accent="#7cc4e4",
            accent_strong="#a6d9ef",
            on_accent="#0d1b22",
            border="#353a41",
            notice_bg="#16262e",
            focus="#7cc4e4",
        ),
        card_shadow="none",
    ),
    "warm": Look(
        name="warm",
        heading=Font("Fraunces", "fraunces.woff2", "100 900"),
        body=Font("Nunito Sans", "nunito-sans.woff2", "200 1000"),
        heading_weight=600,
        heading_tracking="-.01em",
        radius="1.25rem",
        body_size="1.0625rem",
        light=Palette(
            bg="#fbf6ef",
            surface="#fffdf9",
            text="#2b211c",
            muted="#6b5a50",
            accent="#9a3b1e",
            accent_strong="#772b14",
            on_accent="#ffffff",
            border="#e6d6c4",
            notice_bg="#f7e8da",
            focus="#9a3b1e",
        ),
        dark=Palette(
            bg="#1d1714",
            surface="#28201b",
            text="#f3ebe3",
            muted="#c4b4a7",
            accent="#f2a583",
            accent_strong="#f7c6ae",
            on_accent="#2b150b",
            border="#4a3c33",
            notice_bg="#34251d",
            focus="#f2a583",
        ),
        card_shadow="0 1px 2px rgb(60 40 20 / 6%), 0 6px 20px rgb(60 40 20 / 7%)",
    ),
    "bold": Look(
        name="bold",
        heading=Font("Manrope", "manrope.woff2", "200 800"),
        body=Font("Inter", "inter.woff2", "100 900"),
        heading_weight=800,
        heading_tracking="-.02em",
        radius=".375rem",
        body_size="1.0625rem",
        light=Palette(
            bg="#ffffff",
            surface="#f4f6f9",
            text="#0f172a",
            muted="#475467",
            accent="#1d3f8f",
            accent_strong="#132c66",
            on_accent="#ffffff",
            border="#cfd6e0",
            notice_bg="#e7eefb",
            focus="#1d3f8f",
        ),
        dark=Palette(
            bg="#0b1020",
            surface="#141b2d",
            text="#e8edf5",
            muted="#a3afc2",
            accent="#8fb3ff",
            accent_strong="#bcd1ff",
            on_accent="#0a1633",
            border="#2b3550",
            notice_bg="#132040",
            focus="#8fb3ff",
        ),
        card_shadow="none",
    ),
}
DEFAULT = "calm"
