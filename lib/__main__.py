"""Command line: `python -m lib {validate,snapshot,report,template,demo,new-province,check-geography,docs,init-sheet,history,followup} ...`.

A SOURCE is an .xlsx path or a Google Sheet's URL or ID (read with the service-account key from
$GOOGLE_APPLICATION_CREDENTIALS, credentials.json or .streamlit/secrets.toml).
Exit codes of `validate`: 0 no errors, 1 the data has errors, 2 the source cannot be read;
of `snapshot`: 0 written, 2 the source cannot be read;
of `report`: 0 written, 2 the source cannot be read or the district is not in it;
of `init-sheet`: 0 set up (or nothing to do, or a dry run), 2 the sheet cannot be read or written;
of `history`: 0 done (recorded or unchanged), 2 a source or the history store cannot be read;
of `followup`: 0 printed (without "what changed" when the history cannot be read), 2 the source cannot be
read, the district is not in it, or `--since` is not a date;
any command exits 2 when the geography folder ($DASHBOARD_GEOGRAPHY, --geography) cannot serve.
"""

from __future__ import annotations

import argparse
import json
import os
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
    since = _since_date(args)
    if since is False:
        return EXIT_UNREADABLE
    change = _recorded_change(args, dataset.province, rollout.as_of, since)  # None without a history
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_report_docx(dataset, rollout, lang, code, change))
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


def _new_province(args) -> int:
    from lib.authoring.template import write_new_province
    from lib.geography import load_geography

    print(write_new_province(Path(args.out), load_geography(args.geography)))
    return EXIT_OK


def _check_geography(args) -> int:
    from lib.authoring.demo import write_demo
    from lib.geography import load_geography

    geography = load_geography(args.geography)
    print(t("geo.cli.ok", args.lang, folder=geography.folder, province=geography.province_name,
            code=geography.province_code, districts=len(geography.districts), communes=len(geography.communes)))
    if args.write_demo and not geography.demo_workbook.exists():
        try:
            print(write_demo(geography.demo_workbook, geography))
        except OSError as error:  # a read-only folder: the dashboard still runs on DASHBOARD_SOURCE
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
    return EXIT_OK


def _docs(args) -> int:
    from lib.authoring.docs import write_docs

    from lib.geography import load_geography

    # Without --geography the guide stays generic: the committed docs/ serve every province.
    for path in write_docs(Path(args.out_dir), load_geography(args.geography) if args.geography else None):
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


def _open_history(args):
    """The history store ($DASHBOARD_HISTORY_URL or the default SQLite file); None after saying why it can't open."""
    from sqlalchemy.exc import SQLAlchemyError

    from lib.history.store import history_url, open_history

    try:
        return open_history()
    except (SQLAlchemyError, OSError) as error:
        print(t("hist.cli.store_failed", args.lang, url=history_url(), error=type(error).__name__), file=sys.stderr)
        return None


def _history_record(args) -> int:
    from lib.geography import load_geography
    from lib.history.recorder import record_copies
    from lib.sources import resolve_source

    store = _open_history(args)
    if store is None:
        return EXIT_UNREADABLE
    specs = args.files if args.history == "import" else [resolve_source(args.source)]
    unreadable = 0
    for spec, outcome in record_copies(store, specs, load_geography()):
        if isinstance(outcome, Exception):
            unreadable += 1
            print(f"{spec}: {outcome.message(args.lang)}", file=sys.stderr)
        else:
            print(t(f"hist.cli.{outcome.state}", args.lang, source=spec, day=f"{outcome.day:%d/%m/%Y}"))
    return EXIT_UNREADABLE if unreadable else EXIT_OK


def _history_show(args) -> int:
    from datetime import datetime

    import pandas as pd

    from lib.metrics.progress import PROGRESS_COLUMNS, compute_progress_table, compute_province_progress

    try:
        since = datetime.strptime(args.since, "%d/%m/%Y").date() if args.since else None
    except ValueError:
        print(t("hist.cli.bad_date", args.lang, value=args.since), file=sys.stderr)
        return EXIT_UNREADABLE
    store = _open_history(args)
    if store is None:
        return EXIT_UNREADABLE
    table = compute_progress_table(store.district_history(since=since))
    if args.json:
        records = [{**row, "date": row["date"].isoformat()} for row in table.to_dict("records")]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    if table.empty:
        print(t("hist.cli.empty", args.lang))
        return EXIT_OK
    both = pd.concat([compute_province_progress(table).assign(district_name=t("hist.cli.province", args.lang)),
                      table]).sort_values("date", kind="stable")
    day, unit, *counted = t("hist.cli.columns", args.lang).split("|")
    print(f"{day:<12}{unit:<26}" + "".join(f"{label:>12}" for label in counted))
    for row in both.itertuples(index=False):
        counts = "".join(f"{getattr(row, key):>12}" for key in PROGRESS_COLUMNS[3:])
        print(f"{row.date:%d/%m/%Y}  {str(row.district_name)[:26]:<26}{counts}")
    return EXIT_OK


def _since_date(args):
    """`--since` as a date (None when not given); False after saying it is not DD/MM/YYYY."""
    from datetime import datetime

    try:
        return datetime.strptime(args.since, "%d/%m/%Y").date() if args.since else None
    except ValueError:
        print(t("hist.cli.bad_date", args.lang, value=args.since), file=sys.stderr)
        return False


def _recorded_change(args, province: str, as_of, since):
    """The change since `since` (default a week before `as_of`) from the history; None without one (a store
    that cannot be opened has been reported on stderr; the command goes on without "what changed")."""
    from lib.history.recorder import recorded_change_since

    store = _open_history(args)
    if store is None:
        return None
    try:
        return recorded_change_since(store, province, as_of, since)
    finally:
        store.dispose()


def _followup(args) -> int:
    from datetime import date

    from lib.exports.report import find_district
    from lib.geography import load_geography
    from lib.metrics.followup import compute_followups
    from lib.metrics.rollout import compute_rollout
    from lib.views.followup import build_followup_file, build_followup_text

    lang = args.lang
    since = _since_date(args)
    if since is False:
        return EXIT_UNREADABLE
    read = _read_and_clean(args)
    if read is None:
        return EXIT_UNREADABLE
    raw, dataset = read
    codes = None
    if args.district:
        code = find_district(dataset.districts, args.district)
        if code is None:
            print(t("fu.cli.unknown_district", lang, name=args.district), file=sys.stderr)
            return EXIT_UNREADABLE
        codes = [code]
    rollout = compute_rollout(dataset, load_geography(), dataset.as_of or date.today())  # as the dashboard does
    change = _recorded_change(args, dataset.province, rollout.as_of, since)
    source = raw.provenance
    texts = [build_followup_text(followup, lang, source.url, source.tab_ids)
             for followup in compute_followups(rollout, dataset.problems, change, codes)]
    sys.stdout.write(build_followup_file(texts))
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
    report.add_argument("--since", help="the previous report's date (DD/MM/YYYY; default: 7 days before the data's "
                                        "date): the changes since then, from the history")
    report.set_defaults(run=_report)
    template = commands.add_parser("template", help="write the empty sheet template as .xlsx")
    template.add_argument("out")
    template.set_defaults(run=_template)
    demo = commands.add_parser("demo", help="write the demo workbook of the geography (20/05/2017)")
    demo.add_argument("out")
    demo.add_argument("--geography", help="a geography folder (default: $DASHBOARD_GEOGRAPHY or the bundled one)")
    demo.set_defaults(run=_demo)
    new_province = commands.add_parser("new-province", help="write the empty workbook of a geography folder's "
                                                            "province: its district tabs, the milestones, its name")
    new_province.add_argument("geography", help="the geography folder (geography.json and boundary files)")
    new_province.add_argument("out", help="the .xlsx to write")
    new_province.set_defaults(run=_new_province)
    check = commands.add_parser("check-geography", help="check a geography folder; exit 2 (and say why) if it "
                                                        "cannot serve")
    check.add_argument("geography", nargs="?", help="the folder (default: $DASHBOARD_GEOGRAPHY or the bundled one)")
    check.add_argument("--write-demo", action="store_true", help="also write the folder's demo.xlsx if it has none")
    check.set_defaults(run=_check_geography)
    docs = commands.add_parser("docs", help="regenerate docs/sheet.md from the schema")
    docs.add_argument("out_dir", nargs="?", default="docs")
    docs.add_argument("--geography", help="a geography folder: the staff guide's examples name its tabs")
    docs.set_defaults(run=_docs)
    init_sheet = commands.add_parser(
        "init-sheet", help="lay the schema onto a Google Sheet the service account may edit: tabs, headers, "
                           "dropdowns, validation, per-district protection; idempotent")
    init_sheet.add_argument("spreadsheet", help="the Google Sheet's URL or ID")
    init_sheet.add_argument("--editors", help="a file naming who edits what: `province: a@x, b@y` and "
                                              "`<district tab>: c@z` lines, or CSV rows `name,e-mails`")
    init_sheet.add_argument("--dry-run", action="store_true", help="print the planned changes, send nothing")
    init_sheet.set_defaults(run=_init_sheet)
    history = commands.add_parser("history", help="the history of the figures: record reads, import old copies, "
                                                  "show the figures over time ($DASHBOARD_HISTORY_URL or "
                                                  "var/history.sqlite3)")
    history_commands = history.add_subparsers(dest="history", required=True)
    history_import = history_commands.add_parser("import", help="record offline copies (.xlsx …) as history")
    history_import.add_argument("files", nargs="+", help="workbooks: snapshots carry their read time, a sheet's "
                                                         "as-of date names its day")
    history_import.set_defaults(run=_history_record)
    history_record = history_commands.add_parser("record", help="read a source once and record it (for cron)")
    history_record.add_argument("source", nargs="?",
                                help="an .xlsx path or a Google Sheet URL or ID (default: $DASHBOARD_SOURCE or the demo)")
    history_record.set_defaults(run=_history_record)
    history_show = history_commands.add_parser("show", help="the province's and districts' figures per recorded day")
    history_show.add_argument("--since", help="only days from this date on (DD/MM/YYYY)")
    history_show.add_argument("--json", action="store_true", help="a list of records, one per day and district")
    history_show.set_defaults(run=_history_show)
    followup = commands.add_parser("followup", help="print each district's follow-up message (what is missing, "
                                                    "what changed, deadlines, cells to fix), or one with --district")
    followup.add_argument("source", nargs="?",
                          help="an .xlsx path or a Google Sheet URL or ID (default: $DASHBOARD_SOURCE or the demo)")
    followup.add_argument("--district", help="a district's name, short name or code (default: every district)")
    followup.add_argument("--since", help="what changed since this date (DD/MM/YYYY; default: 7 days before the "
                                          "data's date), from the history")
    followup.set_defaults(run=_followup)
    args = parser.parse_args(argv)
    from lib.geography import GEOGRAPHY_ENV, GeographyError

    before = os.environ.get(GEOGRAPHY_ENV)
    if getattr(args, "geography", None):
        os.environ[GEOGRAPHY_ENV] = args.geography  # every step of the command reads the same province
    try:
        return args.run(args)
    except GeographyError as error:
        print(error.message(args.lang), file=sys.stderr)
        return EXIT_UNREADABLE
    except (OSError, ValueError) as error:  # a bad output path, an unwritable folder
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    finally:  # `main` is also called in-process (tests): leave the environment as it was
        if before is None:
            os.environ.pop(GEOGRAPHY_ENV, None)
        else:
            os.environ[GEOGRAPHY_ENV] = before


if __name__ == "__main__":
    sys.exit(main())
