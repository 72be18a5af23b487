"""How a session page carries its times: the list form or the day form.

The list form is every time a link (`<stamp>/`) under its day's heading:
complete without JavaScript, and the data js/booking.js reads. It costs
about TIME_BYTES a time and DAY_BYTES a day, so the page grows with the
number of times. A program's "any" session offers the union of its coaches'
free times: with coaches in five zones that is every half hour of every
day, 1,000 to 1,344 times over 28 days, 45 to 60 KB of links, where the
whole page (HTML, site.css and booking.js) has 45 KB.

So a session whose list would take more than LIST_BYTES gets the day form
instead: one link a day, to `book/<slug>/<YYYY-MM-DD>/` (that day's time
links, for visitors without JavaScript: one page more on their way), which
carries the day's times for the script in `data-times` (`day_times`).
Starts on a grid (every coach's hours step by the session's interval) are
a few runs of equal steps, so a day costs about 120 bytes however many
times it offers and however many coaches offer them: the page grows with
its open days (some 130 fit the budget), not with its times. Below
LIST_BYTES the page is the list form, byte for byte what it has been.

Why not always the day form: it costs a visitor without JavaScript one page
more, and a small list is the better page. Why not a shorter list (fewer
bytes a link): at about 45 bytes a link, no markup makes 1,344 links fit.

LIST_BYTES: 45 KB, less site.css (15 KB) and booking.js at its own budget
(8 KB), less the page's frame (header, the session's words, the notes, the
footer: 6 to 7 KB) leaves about 14 KB for the list. TIME_BYTES and
DAY_BYTES are measured on built pages (`<li><a href="20261123T140000Z/">9:00
AM</a>` is 44 bytes with its newline; a day's heading and list about 105,
in English; other languages' labels are about as long). The decision counts
times and days, not a language's words, so every language edition of a
session has the same form.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from itertools import groupby, pairwise

from .model import Slot

LIST_BYTES = 14 * 1024
TIME_BYTES = 45
DAY_BYTES = 105
MINUTE = timedelta(minutes=1)


def lists_times(times: int, days: int) -> bool:
    """Whether a session page lists its `times` (over `days` open days) as links."""
    return times * TIME_BYTES + days * DAY_BYTES <= LIST_BYTES


def day_times(slots: Sequence[Slot]) -> str:
    """One day's starts for booking.js: the first's stamp, then the minutes
    from each start to the next, a run of equal steps as `step*count`.

    Every half hour from 9:00 to 11:00 UTC, then 14:00:
    "20261123T090000Z 30*4 180". Starts are whole minutes apart (hours,
    intervals and zone offsets are whole minutes).
    """
    steps = [(b.start - a.start) // MINUTE for a, b in pairwise(slots)]
    runs = ((step, len(list(run))) for step, run in groupby(steps))
    return " ".join([slots[0].stamp, *(f"{s}*{n}" if n > 1 else f"{s}" for s, n in runs)])
