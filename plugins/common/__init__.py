"""What every plugin and the desk share: setting names and the one
configuration error, the email rule, the build clock, atomic writes and
the start of every iCalendar document. Nothing here imports Pelican or
any other part of the project."""
