"""libical's RFC 5546 check (`icalrestriction_check`): for each iTIP METHOD
(PUBLISH, REQUEST, CANCEL...) which properties a component must, may and
must not have, the rules the Python parsers do not apply.

libical is reached through its GObject bindings (Debian `gir1.2-ical-3.0`
and `python3-gi`). Those install into the system Python, and PyGObject is
not on PyPI as a wheel that builds without a C toolchain and the GLib
headers, so the check runs in a `/usr/bin/python3` subprocess rather than
in the tests' virtual environment.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

SYSTEM_PYTHON = Path("/usr/bin/python3")

# Parse, apply the restrictions, report every X-LIC-ERROR libical attached
# (its parse errors and the failed restrictions) anywhere in the tree.
_CHECK = """
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

def errors(component, found):
    kind = I.PropertyKind.XLICERROR_PROPERTY
    prop = component.get_first_property(kind)
    while prop is not None:
        found.append(f"{component.kind_to_string(component.isa())}: {prop.get_xlicerror()}")
        prop = component.get_next_property(kind)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child is not None:
        errors(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

results = []
for text in json.load(sys.stdin):
    component = I.Component.new_from_string(text)
    if component is None:
        results.append({"passed": False, "errors": ["libical could not parse it"]})
        continue
    passed = bool(I.restriction_check(component))
    results.append({"passed": passed, "errors": errors(component, [])})
print(json.dumps(results))
"""


def available() -> bool:
    """Whether the system Python can load libical's bindings."""
    if not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run(
        [
            str(SYSTEM_PYTHON),
            "-c",
            "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib",
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    return probe.returncode == 0


def restriction_check(texts: list[str]) -> list[dict[str, object]]:
    """For each iCalendar text: {"passed": icalrestriction_check's verdict,
    "errors": every error libical attached}."""
    proc = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", _CHECK],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout)
