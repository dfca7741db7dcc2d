"""Keeping secrets secret: private keys, tokens and known secret values scrubbed from text, exceptions and logs.

`scrub(text)` removes what looks like a credential (a PEM private key, `Bearer …`, a JWT, a Google
access or refresh token, `private_key=…`/`"client_secret": "…"` pairs, OAuth codes in a query
string) and every value registered with `remember_secrets` (the adapter registers the secrets'
keys, client secrets and cookie secret at start). `install_log_scrubber()` makes every log record
pass through `scrub`, its traceback included, whichever handler writes it.

Pure Python: no Streamlit.
"""

from __future__ import annotations

import logging
import re
import threading
import traceback
from collections.abc import Iterable, Mapping

REMOVED = "[removed]"
MIN_SECRET_CHARS = 8  # shorter values would scrub ordinary words
# Names whose values are secret wherever they appear (secrets.toml, key files, URLs, JSON).
SECRET_NAMES = ("private_key", "private_key_id", "client_secret", "cookie_secret", "access_token", "refresh_token",
                "id_token", "assertion", "password", "api_key", "secret", "token")

_PATTERNS = (
    # A PEM private key, with real or escaped ("\n") line breaks, up to its END line (or the end of the text).
    (re.compile(r"-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----.*?(?:-----END[A-Z0-9 ]*PRIVATE KEY-----|\Z)", re.S),
     "[private key " + REMOVED + "]"),
    # Its body alone, as a traceback might quote it: long runs of base64 broken by (escaped) new lines.
    (re.compile(r"(?:[A-Za-z0-9+/]{40,}={0,2}(?:\\n|\n)){2,}[A-Za-z0-9+/]*={0,2}"), "[key material " + REMOVED + "]"),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*"), r"\1 " + REMOVED),
    (re.compile(r"\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"), "[token " + REMOVED + "]"),
    (re.compile(r"\bya29\.[A-Za-z0-9_\-.]+"), "[token " + REMOVED + "]"),
    (re.compile(r"\b1//[A-Za-z0-9_\-]{20,}"), "[token " + REMOVED + "]"),
    # name = value / "name": "value" / name=value& for the secret names above.
    (re.compile(r"(?i)((?<![A-Za-z0-9])[\"']?(?:" + "|".join(SECRET_NAMES) + r")[\"']?\s*[:=]\s*)"
                r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\s,;&}\])]+)"), r"\1" + REMOVED),
    # OAuth codes and state in a callback URL.
    (re.compile(r"([?&](?:code|state)=)[^&\s\"'#]+"), r"\1" + REMOVED),
)

_known: set[str] = set()
_known_lock = threading.Lock()


def remember_secrets(values: Iterable) -> None:
    """Register secret values (and each long line of a multi-line one) so `scrub` removes them anywhere."""
    found = set()
    for value in values:
        text = str(value or "")
        for piece in (text, *text.replace("\\n", "\n").splitlines()):
            piece = piece.strip()
            if len(piece) >= MIN_SECRET_CHARS and not piece.startswith("-----"):
                found.add(piece)
    with _known_lock:
        _known.update(found)


def forget_secrets() -> None:
    """Forget every remembered secret value (tests)."""
    with _known_lock:
        _known.clear()


def secret_values(secrets: Mapping | None) -> list[str]:
    """Every value in `secrets` (nested sections too) stored under a secret-sounding name.

    >>> secret_values({"auth": {"client_id": "abc", "client_secret": "s3cr3t-value"},
    ...                "connections": {"gsheets": {"private_key": "KEY", "client_email": "a@b"}}})
    ['s3cr3t-value', 'KEY']
    """
    found: list[str] = []
    for name, value in (secrets or {}).items():
        if isinstance(value, Mapping):
            found += secret_values(value)
        elif any(part in str(name).lower() for part in ("secret", "private_key", "token", "password", "api_key")) \
                and not str(name).lower().endswith(("_uri", "_url")):
            found.append(str(value))
    return found


def scrub(text) -> str:
    """`text` with every credential-looking part and every registered secret replaced.

    >>> scrub("Authorization: Bearer ya29.a0AfH6SMB-xyz")
    'Authorization: Bearer [removed]'
    >>> scrub('{"private_key": "-----BEGIN PRIVATE KEY-----\\\\nMIIE\\\\n-----END PRIVATE KEY-----\\\\n", "client_email": "a@b.c"}')
    '{"private_key": [removed], "client_email": "a@b.c"}'
    >>> scrub("GET /oauth2callback?code=4/0AbC&state=xyz")
    'GET /oauth2callback?code=[removed]&state=[removed]'
    >>> scrub("token_uri = https://oauth2.googleapis.com/token")
    'token_uri = https://oauth2.googleapis.com/token'
    """
    result = str(text)
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in result:
            result = result.replace(value, REMOVED)
    for pattern, replacement in _PATTERNS:
        result = pattern.sub(replacement, result)
    return result


def describe_exception(error: BaseException) -> str:
    """'TypeName: message' with the message scrubbed (what a page may show)."""
    message = scrub(str(error))
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def format_exception(error: BaseException) -> str:
    """The whole traceback, scrubbed (what a log may hold)."""
    return scrub("".join(traceback.format_exception(type(error), error, error.__traceback__)))


def scrub_record(record: logging.LogRecord) -> logging.LogRecord:
    """A log record with its message, traceback and stack scrubbed (formatted now, once)."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 — a badly formatted log call must still be logged
        message = f"{record.msg!r} % {record.args!r}"
    record.msg, record.args = scrub(message), None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = format_exception(record.exc_info[1]).rstrip("\n")
    elif record.exc_text:
        record.exc_text = scrub(record.exc_text)
    if record.stack_info:
        record.stack_info = scrub(record.stack_info)
    return record


def install_log_scrubber() -> None:
    """Make every log record created from now on pass through `scrub_record` (idempotent)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "scrubs_secrets", False):
        return

    def factory(*args, **kwargs):
        return scrub_record(current(*args, **kwargs))

    factory.scrubs_secrets = True
    logging.setLogRecordFactory(factory)
