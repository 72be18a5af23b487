"""Fast, safe rebuilds: write only changed files, and skip rendering pages
whose inputs are unchanged since the last build (with the content cache on).

`digest.py`, `keys.py`, `store.py`, `changed_only.py` and `inputs.py` know
nothing of Pelican; `glue.py` is the only module that does.
"""


def register() -> None:
    from .glue import register as _register

    _register()
