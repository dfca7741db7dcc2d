"""Finding the service-account key: Streamlit secrets, then $GOOGLE_APPLICATION_CREDENTIALS, then credentials.json.

Pure Python: the adapter passes `st.secrets` as a plain dict; the command line reads
`.streamlit/secrets.toml` itself. Keys never reach a message or a `repr`: only the account's
e-mail and where the key came from are ever shown.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lib import PROJECT_ROOT
from lib.i18n import Message
from lib.sources import SourceError

CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS"
CREDENTIALS_FILE = "credentials.json"
SECRETS_FILE = Path(".streamlit") / "secrets.toml"
SECRETS_SECTION = ("connections", "gsheets")
# Keys of [connections.gsheets] that configure the dashboard rather than belong to the key.
SETTING_KEYS = frozenset({"spreadsheet", "ttl_seconds"})
REQUIRED_FIELDS = ("client_email", "private_key", "token_uri")


@dataclass(frozen=True)
class ServiceAccount:
    """A service-account key (`info`, as in the JSON file) and where it was found."""

    info: Mapping = field(repr=False, compare=False)
    origin: str  # shown to people: ".streamlit/secrets.toml", "credentials.json" or the key file's path

    @property
    def email(self) -> str:
        """The service account's e-mail (client_email), to share the sheet with."""
        return str(self.info.get("client_email") or "")

    @property
    def fingerprint(self) -> str:
        """Tells keys apart in cache keys without holding the key itself."""
        material = "\n".join(str(self.info.get(name, "")) for name in ("client_email", "private_key_id", "private_key"))
        return hashlib.sha256(material.encode()).hexdigest()[:16]

    def missing_fields(self) -> list[str]:
        """The key fields a Google key must have and this one lacks."""
        return [name for name in REQUIRED_FIELDS if not str(self.info.get(name) or "").strip()]


def gsheets_section(secrets: Mapping | None) -> dict:
    """`[connections.gsheets]` of the secrets as a plain dict ({} when absent)."""
    section = secrets or {}
    for name in SECRETS_SECTION:
        section = section.get(name) if isinstance(section, Mapping) else None
        if section is None:
            return {}
    return dict(section) if isinstance(section, Mapping) else {}


def load_secrets_file(root: Path = PROJECT_ROOT) -> dict:
    """The project's `.streamlit/secrets.toml` for use outside Streamlit ({} when there is none)."""
    path = Path(root) / SECRETS_FILE
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise _bad_key(str(SECRETS_FILE), "src.cred.unreadable", error=type(error).__name__) from error


def find_service_account(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None,
                         root: Path = PROJECT_ROOT) -> ServiceAccount | None:
    """The first key found: the secrets' `[connections.gsheets]`, the file named by
    $GOOGLE_APPLICATION_CREDENTIALS, `credentials.json` at the project root; None if none.

    A key that is named but cannot be read raises `SourceError` (reason "bad_credentials").
    """
    environ = os.environ if environ is None else environ
    key = {name: value for name, value in gsheets_section(secrets).items() if name not in SETTING_KEYS}
    if key:
        return ServiceAccount(key, str(SECRETS_FILE))
    named = environ.get(CREDENTIALS_ENV, "").strip()
    if named:
        return _read_key_file(Path(named).expanduser(), named)
    default = Path(root) / CREDENTIALS_FILE
    if default.exists():
        return _read_key_file(default, CREDENTIALS_FILE)
    return None


def require_service_account(sheet: str, environ: Mapping[str, str] | None = None,
                            root: Path = PROJECT_ROOT) -> ServiceAccount:
    """The key for reading `sheet` outside Streamlit (the command line), or a `SourceError` saying how to add one."""
    account = find_service_account(load_secrets_file(root), environ, root)
    if account is None:
        raise SourceError(Message.of("src.cred.none", sheet=sheet), reason="bad_credentials")
    return account


def _read_key_file(path: Path, origin: str) -> ServiceAccount:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise _bad_key(origin, "src.cred.no_file") from error
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise _bad_key(origin, "src.cred.unreadable", error=type(error).__name__) from error
    if not isinstance(info, dict):
        raise _bad_key(origin, "src.cred.unreadable", error="not a JSON object")
    return ServiceAccount(info, origin)


def bad_key_message(origin: str, detail_key: str, **params) -> Message:
    """What is wrong with a service-account key (`detail_key`), naming where the key came from."""
    return Message.of("src.google.bad_credentials", origin=origin, detail=Message.of(detail_key, **params))


def _bad_key(origin: str, detail_key: str, **params) -> SourceError:
    return SourceError(bad_key_message(origin, detail_key, **params), reason="bad_credentials")
