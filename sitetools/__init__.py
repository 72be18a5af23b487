"""Project tooling that is not part of the published site: the build wrapper
(`python -m sitetools.build`), the local web server, the guard in front
of the browser editor's local backend (`backend_guard.py`, its rules in
`backend_rules.py`), and what each invoke task does (`commands/`, called by
the thin `tasks.py`)."""
