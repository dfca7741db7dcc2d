"""Command line: `python -m lib {validate,snapshot,report,template,demo,docs,init-sheet} ...`.

A SOURCE is an .xlsx path or a Google Sheet's URL or ID (read with the service-account key from
$GOOGLE_APPLICATION_CREDENTIALS, credentials.json or .streamlit/secrets.toml).
Exit codes of `validate`: 0 no errors, 1 the data has errors, 2 the source cannot be read;
of `snapshot`: 0 written, 2 the source cannot be read;
of `report`: 0 written, 2 the source cannot be read or the district is not in it;
of `init-sheet`: 0 set up (or nothing to do, or a dry run), 2 the sheet cannot be read or written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lib.i18n import Message, t

EXIT_OK, EXIT_DATA_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _read_and_clean(args):
    """The source named on the command line, cleaned; None (after saying why) when it can't be read."""
    from lib.cleaning import clean_workbook
    from lib.geography import load_geography
    from lib.sources import SourceError, read_source

    try:
        raw = read_source(args.source)
    except SourceError as error:
        print(error.message(args.lang), file=sys.stderr)
        return None
    return raw, clean_workbook(raw, load_geography())


def _validate(args) -> int:
    from lib.sources import resolve_source

    lang = args.lang
    read = _read_and_clean(args)
    if read is None:
        return EXIT_UNREADABLE
    raw, dataset = read
    counts = dataset.problem_counts()
    if args.json:
        document = {
            "source": resolve_source(args.source),
            "summary": {
                "tabs": [s.__dict__ for s in dataset.summary],
                **dataset.totals(),
                "problems": counts,
            },
            "problems": [p.as_dict() for p in dataset.problems],
        }
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        totals = dataset.totals()
        print(t("cli.summary", lang, source=raw.provenance.label, **totals, **counts))
        for entry in dataset.summary:
            print(t("cli.tab_line", lang, **entry.__dict__))
        for problem in dataset.problems:
            print(f"{t('severity.' + problem.severity, lang):<10} {problem.cell:<28} {problem.message(lang)}")
    return EXIT_DATA_ERRORS if counts["error"] else EXIT_OK


def _snapshot(args) -> int:
    from lib.sources import SourceError, read_source
    from lib.sources.snapshot import write_snapshot
    from lib.views.format import format_date

    lang = args.lang
    try:
        raw = read_source(args.source)
    except SourceError as error:
        print(error.message(lang), file=sys.stderr)
        return EXIT_UNREADABLE
    path = write_snapshot(raw, Path(args.out))
    origin = raw.provenance.original
    print(t("src.snapshot_written", lang, path=path, tabs=len(raw.tabs), source=origin.label,
            read_at=f"{origin.read_at:%H:%M:%S} {format_date(origin.read_at, lang)}"))
    return EXIT_OK


def _report(args) -> int:
    from datetime import date

    from lib.exports.report import build_report_docx, find_district
    from lib.geography import load_geography
    from lib.metrics.rollout import compute_rollout

    lang = args.lang
    read = _read_and_clean(args)
    if read is None:
        return EXIT_UNREADABLE
    raw, dataset = read
    geography = load_geography()
    code = None
    if args.district:
        code = find_district(dataset.districts, args.district)
        if code is None:
            print(t("rep.cli.unknown_district", lang, name=args.district,
                    names=", ".join(dataset.districts["district_name"])), file=sys.stderr)
            return EXIT_UNREADABLE
    # Like the dashboard: the sheet's as-of date, else today.
    rollout = compute_rollout(dataset, geography, dataset.as_of or date.today())
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_report_docx(dataset, rollout, lang, code))
    print(t("rep.cli.written", lang, path=out))
    return EXIT_OK


def _template(args) -> int:
    from lib.authoring.template import write_template

    print(write_template(Path(args.out)))
    return EXIT_OK


def _demo(args) -> int:
    from lib.authoring.demo import write_demo

    print(write_demo(Path(args.out)))
    return EXIT_OK


def _docs(args) -> int:
    from lib.authoring.docs import write_docs

    for path in write_docs(Path(args.out_dir)):
        print(path)
    return EXIT_OK


def _init_sheet(args) -> int:
    from lib.geography import load_geography
    from lib.authoring.sheet_setup import Editors, SheetWriter, plan_sheet_setup, read_editors_file
    from lib.sources import SourceError, google_sheet_id
    from lib.sources.credentials import require_service_account
    from lib.sources.plan import api_base_from_env

    lang = args.lang
    editors = Editors()
    if args.editors:
        try:
            editors = read_editors_file(Path(args.editors))
        except (OSError, UnicodeDecodeError) as error:
            print(t("setup.cli.editors_unreadable", lang, path=args.editors, error=type(error).__name__),
                  file=sys.stderr)
            return EXIT_UNREADABLE
    account = None
    try:
        if google_sheet_id(args.spreadsheet) is None:
            raise SourceError(Message.of("src.google.not_found", sheet=args.spreadsheet), reason="not_found")
        account = require_service_account(args.spreadsheet)
        writer = SheetWriter(args.spreadsheet, account.info, api_base=api_base_from_env(), key_origin=account.origin)
        state = writer.read_state()
        plan = plan_sheet_setup(state, editors, service_email=account.email,
                                fallback_districts=load_geography().districts)
        for line in plan.note_lines(lang):
            print(f"! {line}")
        for line in plan.lines(lang):
            print(f"- {line}")
        if args.dry_run:
            print(t("setup.cli.dry_run", lang, n=len(plan.changes), title=state.title))
            return EXIT_OK
        if not plan.changes:
            print(t("setup.cli.nothing", lang, title=state.title))
            return EXIT_OK
        writer.apply(plan)
    except SourceError as error:
        if error.reason == "not_shared" and account is not None:  # it may read, but not write
            print(t("setup.cli.not_editor", lang, email=account.email), file=sys.stderr)
        else:
            print(error.message(lang), file=sys.stderr)
        return EXIT_UNREADABLE
    print(t("setup.cli.done", lang, n=len(plan.changes), requests=len(plan.requests), title=state.title))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """The command line: `python -m lib COMMAND …`; returns the process's exit code."""
    parser = argparse.ArgumentParser(prog="python -m lib", description=t("cli.description", "en"))
    parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="read a source, print a summary and its problems")
    validate.add_argument("source", nargs="?",
                          help="an .xlsx path or a Google Sheet URL or ID (default: $DASHBOARD_SOURCE or the demo)")
    validate.add_argument("--json", action="store_true", help="one JSON document with summary and problems")
    validate.set_defaults(run=_validate)
    snapshot = commands.add_parser("snapshot", help="write a source's current data as an .xlsx the dashboard "
                                                    "opens with no Internet")
    snapshot.add_argument("source", help="an .xlsx path or a Google Sheet URL or ID")
    snapshot.add_argument("out", help="the .xlsx to write")
    snapshot.set_defaults(run=_snapshot)
    report = commands.add_parser("report", help="write the official roll-out report (.docx) of the province, "
                                                "or of one district with --district")
    report.add_argument("source", nargs="?",
                        help="an .xlsx path or a Google Sheet URL or ID (default: $DASHBOARD_SOURCE or the demo)")
    report.add_argument("--out", required=True, help="the .docx to write")
    report.add_argument("--district", help="a district's name, short name or code (default: the province's report)")
    report.set_defaults(run=_report)
    template = commands.add_parser("template", help="write the empty sheet template as .xlsx")
    template.add_argument("out")
    template.set_defaults(run=_template)
    demo = commands.add_parser("demo", help="write the demo workbook (Khánh Hòa, 20/05/2017)")
    demo.add_argument("out")
    demo.set_defaults(run=_demo)
    docs = commands.add_parser("docs", help="regenerate docs/sheet.md from the schema")
    docs.add_argument("out_dir", nargs="?", default="docs")
    docs.set_defaults(run=_docs)
    init_sheet = commands.add_parser(
        "init-sheet", help="lay the schema onto a Google Sheet the service account may edit: tabs, headers, "
                           "dropdowns, validation, per-district protection; idempotent")
    init_sheet.add_argument("spreadsheet", help="the Google Sheet's URL or ID")
    init_sheet.add_argument("--editors", help="a file naming who edits what: `province: a@x, b@y` and "
                                              "`<district tab>: c@z` lines, or CSV rows `name,e-mails`")
    init_sheet.add_argument("--dry-run", action="store_true", help="print the planned changes, send nothing")
    init_sheet.set_defaults(run=_init_sheet)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (OSError, ValueError) as error:  # a bad output path, an unwritable folder
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
