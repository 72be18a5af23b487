"""The Content-Security-Policy and other response headers for the site.

One policy, used twice: as a `<meta http-equiv>` in every page (works on any
host) and in `_headers` (Netlify, Cloudflare Pages) where it can also carry
`frame-ancestors`, which a meta tag cannot.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def content_security_policy(form_action: str | None = None) -> str:
    """No inline script or style anywhere; only this site's own files.

    Audio may come from any https host: a podcast episode hosted elsewhere
    plays only when the visitor presses play (preload="none").
    """
    form_origins = ["'self'", "mailto:"]
    if form_action and (origin := origin_of(form_action)):
        form_origins.append(origin)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src 'self' https:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            f"form-action {' '.join(form_origins)}",
        ]
    )


def headers_file(csp: str, admin_csp: str | None = None) -> str:
    """`_headers` for Netlify and Cloudflare Pages (same syntax on both).

    `admin_csp`: the browser editor's own policy for /admin/ (see
    plugins/editor/policy.py). Both hosts apply every matching rule:
    Cloudflare Pages joins two values of one header, which for a CSP means
    both policies apply, so `! Content-Security-Policy` first detaches the
    site's one there; Netlify's parser skips that line and lets the later
    rule's value replace the earlier one.

    Only /theme/ (fingerprinted names) is cached for a year. HTML, slots and
    calendars keep the hosts' default of revalidating on every visit
    (`public, max-age=0, must-revalidate`); a Cache-Control under `/*` as
    well would be joined with the /theme/ one on Cloudflare Pages.
    """
    admin = ""
    if admin_csp:
        admin = (
            "\n/admin/*\n  ! Content-Security-Policy\n"
            f"  Content-Security-Policy: {admin_csp}; frame-ancestors 'none'\n"
        )
    return f"""/*
  Content-Security-Policy: {csp}; frame-ancestors 'none'
  Referrer-Policy: strict-origin-when-cross-origin
  X-Content-Type-Options: nosniff
  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()

/theme/*
  Cache-Control: public, max-age=31536000, immutable

/*.ics
  Content-Type: text/calendar; charset=utf-8
{admin}"""
