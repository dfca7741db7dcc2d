"""lib.security and the sheet source: planted keys and tokens never reach a message, a log line or a page."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest

from lib.i18n import t
from lib.security import (describe_exception, forget_secrets, install_log_scrubber, remember_secrets, scrub,
                          secret_values)
from lib.sources.google_sheet import READ_SCOPES, GoogleSheet, RetryPolicy, SheetError
from tests.sources.sheets_server import SheetsServer, new_private_key, service_account_info, tabs_from_workbook

from lib import DEMO_WORKBOOK

PEM = ("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7PLANTEDKEYBODY0000000000\n"
       "c2VjcmV0LWtleS1ib2R5LXRoYXQtbXVzdC1uZXZlci1sZWFrLWFueXdoZXJlLTEyMzQ1Njc4OQ==\n-----END PRIVATE KEY-----\n")
TOKEN = "ya29.a0PLANTEDtokenXyZ0123456789abcdefABCDEF"
JWT = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJwbGFudGVkQHguY29tIn0.c2lnbmF0dXJlLXBsYW50ZWQ"
SHEET_ID = "1TestKhanhHoa2017SecretsSheet0123456789abcd"
ACCOUNT = "dashboard-reader@test-project.iam.gserviceaccount.com"


@pytest.fixture(autouse=True)
def _fresh_registry():
    forget_secrets()
    yield
    forget_secrets()


@pytest.mark.parametrize("text, leaked", [
    (f"key: {PEM}", "MIIEvQIBADAN"),
    (PEM.replace("\n", "\\n"), "c2VjcmV0LWtleS1i"),  # as JSON or TOML escape it
    (PEM[:-30], "c2VjcmV0LWtleS1i"),  # cut before its END line
    (f"Authorization: Bearer {TOKEN}", TOKEN),
    (f"headers={{'Authorization': 'Bearer {JWT}'}}", JWT),
    (f"id_token={JWT}&x=1", JWT),
    (f'{{"access_token": "{TOKEN}", "expires_in": 3600}}', TOKEN),
    (f"token {TOKEN} expired", TOKEN),
    ("refresh_token=1//0gPLANTEDrefreshTOKENabcdefghij", "1//0gPLANTED"),
    ('client_secret = "GOCSPX-planted-client-secret"', "GOCSPX-planted"),
    ("GET /oauth2callback?code=4/0AbCPLANTEDcode&state=PLANTEDstate", "PLANTEDcode"),
])
def test_scrub_removes_credentials(text, leaked):
    assert leaked in text
    assert leaked not in scrub(text)


def test_scrub_keeps_ordinary_text():
    for text in ("token_uri = https://oauth2.googleapis.com/token", "Huyện Cam Lâm: 15 điểm tiêm",
                 ACCOUNT, "district_code=570", "The caller does not have permission (403)"):
        assert scrub(text) == text


def test_registered_secrets_are_removed_anywhere():
    remember_secrets(secret_values({"auth": {"client_secret": "plain-secret-value-42", "client_id": "public-id"},
                                    "connections": {"gsheets": {"private_key": PEM, "client_email": ACCOUNT}}}))
    text = "failed with plain-secret-value-42 for public-id; body line c2VjcmV0LWtleS1ib2R5LXRoYXQtbXVzdC1uZXZlci1s"
    assert "plain-secret-value-42" not in scrub(text)
    assert "public-id" in scrub(text)  # a client id is not a secret
    assert "c2VjcmV0LWtleS1ib2R5LXRoYXQtbXVzdC1uZXZlci1s" not in scrub(
        "body line c2VjcmV0LWtleS1ib2R5LXRoYXQtbXVzdC1uZXZlci1sZWFrLWFueXdoZXJlLTEyMzQ1Njc4OQ==")


def test_logs_are_scrubbed_tracebacks_included(caplog):
    install_log_scrubber()
    logger = logging.getLogger("tests.security.planted")
    with caplog.at_level(logging.INFO, logger="tests.security.planted"):
        logger.info("token is %s", TOKEN)
        try:
            raise ValueError(f"could not parse {PEM}")
        except ValueError:
            logger.exception("reading failed with Bearer %s", JWT)
    text = caplog.text + "\n".join(logging.Formatter().format(record) for record in caplog.records)
    assert "reading failed" in text and "ValueError" in text
    for secret in (TOKEN, JWT, "MIIEvQIBADAN", "c2VjcmV0LWtleS1i"):
        assert secret not in text


def test_describe_exception_shows_the_type_and_a_scrubbed_message():
    assert describe_exception(RuntimeError(f"refused {TOKEN}")) == "RuntimeError: refused [token [removed]]"


def _failing_page():
    from lib.streamlit_adapter import run_page

    class Navigation:
        url_path = "planted"

        def run(self):
            raise ValueError("cannot read key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANPLANTED\n-----END PRIVATE KEY-----"
                             " with Bearer ya29.PLANTEDtoken0123456789")

    run_page(Navigation())


def test_a_failing_page_shows_the_error_without_its_secrets():
    app = AppTest.from_function(_failing_page, default_timeout=30)
    app.run()
    shown = "\n".join(str(element.value) for element in app.exception) + "\n".join(e.value for e in app.error)
    assert "ValueError" in shown
    assert "MIIEvQIBADANPLANTED" not in shown and "ya29.PLANTEDtoken" not in shown


def _failing_fragment():
    # No run_page around it: a fragment's timer reruns only the fragment, outside the page's guard.
    from lib.streamlit_adapter import fragment

    @fragment(run_every=3600)
    def ticking():
        raise ValueError("refused Bearer ya29.PLANTEDtoken0123456789")

    ticking()


def test_a_failing_fragment_shows_the_error_as_a_page_does():
    app = AppTest.from_function(_failing_fragment, default_timeout=30)
    app.run()
    assert [e.value for e in app.error] == [t("sec.page_failed", "vi")]
    shown = "\n".join(str(element.value) for element in app.exception)
    assert "ValueError" in shown and "ya29.PLANTEDtoken" not in shown
    assert all(not element.stack_trace for element in app.exception)


@pytest.fixture
def sheets():
    key = new_private_key()
    with SheetsServer() as server:
        server.google.register_account(ACCOUNT, key.public_key())
        server.google.add_spreadsheet(SHEET_ID, "Thử khóa", tabs_from_workbook(DEMO_WORKBOOK), shared_with=set())
        server.info = service_account_info(key, server.token_uri, ACCOUNT)
        yield server


def _key_lines(info: dict) -> list[str]:
    return [line for line in info["private_key"].splitlines() if line and not line.startswith("-----")]


def _read(server, info) -> SheetError:
    with pytest.raises(SheetError) as failure:
        GoogleSheet(SHEET_ID, info, api_base=server.base_url, key_origin="secrets.toml",
                    policy=RetryPolicy(attempts=1, total=10)).read()
    return failure.value


def test_a_sheet_not_shared_says_so_without_the_key_or_the_token(sheets):
    error = _read(sheets, sheets.info)
    assert error.reason == "not_shared"
    tokens = list(sheets.google.tokens)
    assert tokens and sheets.google.scopes == [" ".join(READ_SCOPES)]  # read-only scopes, and nothing else
    assert all(scope.endswith(".readonly") for scope in READ_SCOPES)
    for text in (error.message_vi, error.message_en, str(error), repr(error)):
        assert ACCOUNT in text or text == repr(error)
        for secret in (*_key_lines(sheets.info), *tokens):
            assert secret not in text


def test_a_bad_key_says_so_without_quoting_it(sheets):
    info = dict(sheets.info)
    lines = _key_lines(info)
    info["private_key"] = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(lines[:3] + [TOKEN] + lines[6:]) + \
                          "\n-----END PRIVATE KEY-----\n"
    error = _read(sheets, info)
    assert error.reason == "bad_credentials"
    for text in (error.message_vi, error.message_en, str(error)):
        for secret in (*lines, TOKEN):
            assert secret not in text
