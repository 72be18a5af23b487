"""Send a finished message through the coach's SMTP server (optional).

The password comes from the environment variable named by
[booking] smtp.password_env; it is never printed, logged or written, and
error messages name the server and the variable, not the secret.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from email.message import EmailMessage

from ...common.deadline import Deadline
from ...common.errors import first_line
from ...config.desk import SmtpSettings
from ..errors import BookingError

TIMEOUT_SECONDS = 30


class MailError(BookingError):
    def __init__(self, smtp: SmtpSettings, problem: str) -> None:
        self.problem = problem
        super().__init__(f"[booking] smtp <{smtp.host}:{smtp.port}>: {problem}")


def password(smtp: SmtpSettings, environ: Mapping[str, str]) -> str | None:
    if smtp.username is None:
        return None
    value = environ.get(smtp.password_env or "")
    if not value:
        raise MailError(
            smtp,
            f"the environment variable {smtp.password_env} (password_env) is not set; "
            "set it to your mail password",
        )
    return value


def send(
    msg: EmailMessage,
    smtp: SmtpSettings,
    environ: Mapping[str, str],
    timeout: float = TIMEOUT_SECONDS,
) -> None:
    """The whole exchange within `timeout` seconds of wall-clock time, even
    with a server that drips its greeting a byte at a time."""
    secret = password(smtp, environ)
    context = ssl.create_default_context()

    def exchange() -> None:
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.username is not None:
                client.login(smtp.username, secret)
            client.send_message(msg)

    try:
        Deadline(timeout).run(exchange)
    except TimeoutError:
        raise MailError(smtp, f"no complete answer within {timeout:g} s") from None
    except smtplib.SMTPAuthenticationError:
        raise MailError(
            smtp, f"the server refused user {smtp.username!r} and {smtp.password_env}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(exc.recipients)
        raise MailError(smtp, f"the server refused the recipient {refused}") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(smtp, f"the server does not support it ({first_line(exc)})") from None
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(smtp, f"could not send ({first_line(exc)})") from None
