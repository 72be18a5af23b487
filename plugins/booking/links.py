"""Links a visitor follows from a slot page (mailto now; add-to-calendar later)."""

from __future__ import annotations

from urllib.parse import quote


def mailto(address: str, subject: str, body: str) -> str:
    """RFC 6068: every header value percent-encoded (spaces as %20, never "+"),
    line breaks in the body as %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"
