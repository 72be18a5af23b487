"""The coach's booking desk: turns requests into confirmed appointments.

    python -m plugins.booking.desk confirm --slot discovery-20261124T140000Z \\
        --name "Ada Lovelace" --email ada@example.org [--note "..."]

    python -m plugins.booking.desk inbox [--watch]    (invoke inbox, remind, desk-run)

(or `invoke confirm ...`; see docs/desk.md). The desk imports the engine
(plugins.booking) to re-check every time with the same rules as the site;
the engine never imports the desk.

  commands.py       confirm, cancel, reschedule, bookings, sync-calendar
  cli.py            the command line (reads the settings file without importing Pelican)
                    (its keys of [booking], smtp, inbox..., are checked in plugins.config.desk)
  ledger.py         the ledger's store: lock, atomic write, .bak
  work.py           the desk's work records (VTODOs in the ledger): each message handled once
  invitations.py    REQUEST/CANCEL iTIP objects, the emails that carry them, headers
  letters.py        the desk's other emails: summary, unavailable, reminder, notice
  mail.py           SMTP delivery
  outgoing.py       the queue of messages to send (outbox/queue -> outbox/sent)
  imap.py           the coach's mailbox (IMAPClient): fetch, move, IDLE
  inbound.py        one email read: its code, fields, answers, the provider's verdict
  inbox.py          `inbox`: decide on each email once, record, send, move; --watch
  reminders.py      `remind`: reminders at BOOKING["reminder_hours"]
  signing.py        the HMAC on clients' cancel and move links
  video.py          each booking's video room
  calendar_sync.py  the CalDAV calendar brought in line with the ledger
"""
