"""`python -m plugins.booking.desk ...`: see cli.py."""

from .cli import main

raise SystemExit(main())
