"""Slot pages are the booking layout rendered once per session with each
slot's strings filled in (plugins/common/stamp.py). Every one of them must
be byte for byte the page a full rendering gives: two languages, a request
form, intake questions with characters HTML escapes, a consent page."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.support.fixture_site import write_fixture_site
from tests.support.site import run_python, snapshot

LINES = """
BOOKING["request_form_action"] = "https://forms.example.org/f/abc?x=1&y=2"
BOOKING["consent_page"] = "about/"
BOOKING["sessions"][0]["title"] = "Sed & \\"ut\\" <perspiciatis>"
BOOKING["sessions"][0]["questions"] = [
    {"label": "Quis role", "type": "choice", "options": ["Dolor", "Amet <b>"], "required": True},
    {"label": "Ipsum & field"},
    {"label": "Sit primum", "type": "checkbox"},
]
"""

# Builds once as `sitetools.build` does, with the stamp as shipped or
# replaced by the full rendering, and prints how many pages were filled in.
DRIVER = textwrap.dedent(
    """
    import runpy, sys
    import plugins.booking.generator as generator
    import plugins.common.stamp as stamp
    mode = sys.argv[1]
    made = []
    original = stamp.Stamp.__init__
    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)
    stamp.Stamp.__init__ = init
    if mode == "full":
        stamp.Stamp.render = lambda self, context: self.template.render(context)
    write = generator.BookingGenerator.generate_output
    def generate_output(self, writer):
        write(self, writer)
        print("filled", sum(s.filled for s in made), "stamps", len(made), flush=True)
    generator.BookingGenerator.generate_output = generate_output
    sys.argv = ["sitetools.build", *sys.argv[2:]]
    runpy.run_module("sitetools.build", run_name="__main__")
    """
)


def _build(mode: str, settings: Path, content: Path, out: Path) -> tuple[int, int]:
    proc = run_python(DRIVER, mode, str(content), "-s", str(settings), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("filled "))
    _, filled, _, stamps = line.split()
    return int(filled), int(stamps)


def _pages(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(out).items() if k.endswith(".html")}


def test_every_slot_page_is_the_full_rendering_byte_for_byte(tmp_path):
    settings, content = write_fixture_site(tmp_path, extra_languages=("fr",), lines=LINES)
    filled, stamps = _build("stamped", settings, content, tmp_path / "stamped")
    full, _ = _build("full", settings, content, tmp_path / "full")
    stamped_pages, full_pages = _pages(tmp_path / "stamped"), _pages(tmp_path / "full")
    slot_pages = [p for p in full_pages if p.count("/") >= 3 and "/book/" in f"/{p}"]
    assert len(slot_pages) > 40  # two sessions, two weeks, two languages
    assert stamped_pages == full_pages
    assert full == 0
    assert stamps == 4  # one per session and language
    # Nearly every page was filled in, not rendered: the first of each stamp
    # is rendered, and so may be a slot whose strings are not plain.
    assert filled >= len(slot_pages) - 2 * stamps
