"""The coach's booking desk: turns requests into confirmed appointments.

    python -m plugins.booking.desk confirm --slot discovery-20261124T140000Z \\
        --name "Ada Lovelace" --email ada@example.org [--note "..."]

(or `invoke confirm ...`; see docs/desk.md). The desk imports the engine
(plugins.booking) to re-check every time with the same rules as the site;
the engine never imports the desk.

  commands.py       confirm, cancel, reschedule, bookings, sync-calendar
  cli.py            the command line (reads pelicanconf.py through Pelican)
  settings.py       BOOKING["smtp"], on top of the engine's settings
  ledger.py         the ledger's store: lock, atomic write, .bak
  invitations.py    REQUEST/CANCEL iTIP objects and the emails that carry them
  mail.py           SMTP delivery
  calendar_sync.py  the CalDAV calendar brought in line with the ledger
"""
