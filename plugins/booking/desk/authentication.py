"""What the coach's mail provider says about who sent a message.

Anyone can write any `From:`. What the desk can trust is the verdict the
coach's own provider wrote when the message arrived: the topmost
`Authentication-Results` header (RFC 8601; headers further down may have been
written by the sender). A message *passed* when DMARC, DKIM or SPF passed for
the domain of its `From` address (or a parent of it, as DMARC's relaxed
alignment allows); a header that cannot be read, or names another domain,
passes nothing. The header is parsed by `authres`, the RFC 8601 parser
dkimpy uses, rather than by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import authres

CHECKS = ("dmarc", "dkim", "spf")
FAILED = {"fail", "permerror"}
# Where each check names the domain it vouched for (RFC 8601 2.7, 7208, 6376).
DOMAIN_PROPERTIES = {
    "dmarc": {("header", "from")},
    "dkim": {("header", "d"), ("header", "i")},
    "spf": {("smtp", "mailfrom")},
}


@dataclass(frozen=True)
class Verdict:
    passed: bool  # DMARC, DKIM or SPF passed for the sender's domain
    failures: tuple[str, ...] = ()  # e.g. ("dmarc", "spf"), sorted


def verdict(headers: list[str], sender: str) -> Verdict:
    """The provider's verdict on `sender` (the From address, lowercased)
    from the message's Authentication-Results headers, topmost first."""
    if not headers:
        return Verdict(False)
    try:
        parsed = authres.AuthenticationResultsHeader.parse_value(" ".join(headers[0].split()))
    except (authres.AuthResError, ValueError, IndexError, AttributeError):
        return Verdict(False)
    results = [r for r in parsed.results if str(r.method).lower() in CHECKS]
    failures = tuple(
        sorted({str(r.method).lower() for r in results if str(r.result).lower() in FAILED})
    )
    domain = sender.rpartition("@")[2]
    passed = (
        bool(domain)
        and "dmarc" not in failures
        and any(str(r.result).lower() == "pass" and _vouches_for(r, domain) for r in results)
    )
    return Verdict(passed, failures)


def _vouches_for(result, domain: str) -> bool:
    wanted = DOMAIN_PROPERTIES[str(result.method).lower()]
    for prop in result.properties:
        if (str(prop.type).lower(), str(prop.name).lower()) not in wanted:
            continue
        named = str(prop.value).strip().strip("<>").lower().rpartition("@")[2].rstrip(".")
        if "." in named and (domain == named or domain.endswith("." + named)):
            return True
    return False
