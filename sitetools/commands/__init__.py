"""What each invoke task does, without invoke: `tasks.py` only declares the
tasks (names, options, help) and calls one function here, the way mkdocs'
`__main__.py` sits over its `commands/` package. A command that cannot go on
raises `Abort` with the one line the coach reads and the exit status;
`tasks.py` turns it into invoke's `Exit` in one place.

Modules: `abort` (the one exception), `project` (the folders, settings files
and deploy settings a command works on), `shell` (running another program),
`build` (clean, build, regenerate, preview), `serve` (serve, reserve,
livereload), `edit` (the browser editor), `publish` (rsync, gh-pages),
`desk` (the booking desk's tasks and the scheduled round), `init` (make the
site yours), `check`, `develop` (lint, test, translations), `bench`."""
