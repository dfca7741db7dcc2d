"""The authoring tools: what makes and lays out a sheet rather than reads it.

`template` (the empty workbook), `sheet_setup` (the schema laid onto a Google Sheet), `docs`
(the sheet reference and the staff guide) and `demo` (the demo workbook) all render the one
schema (`lib.schema`) and its conventions (`lib.conventions`); nothing below them imports them.
"""
