"""Boundaries that keep the code honest: layers and a Streamlit-free core (import-linter), one strings table,\nthin pages."""

from __future__ import annotations

import ast
import configparser
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from lib import PROJECT_ROOT
from lib.i18n import LANGUAGES, STRINGS

LIB = PROJECT_ROOT / "lib"
IMPORT_CONTRACTS = PROJECT_ROOT / ".importlinter"
APP = PROJECT_ROOT / "app.py"
PAGES = sorted((PROJECT_ROOT / "app_pages").glob("*.py"))
TRANSLATORS = {"t", "tr"}
# st.* calls that put text on the page: their first argument must come from the strings table.
TEXT_CALLS = {"title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"}


def _python_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if "__pycache__" not in path.parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_ROOT))


def _contract_modules(name: str, option: str) -> set[str]:
    """The modules an .importlinter contract names under `option` (layers split on "|")."""
    parser = configparser.ConfigParser()
    parser.read(IMPORT_CONTRACTS, encoding="utf-8")
    text = parser[f"importlinter:contract:{name}"][option]
    return {module.strip() for line in text.splitlines() for module in line.split("|") if module.strip()}


def _lib_modules() -> set[str]:
    """lib's top-level modules and packages, as import-linter names them."""
    return {f"lib.{path.stem}" for path in LIB.glob("*.py") if path.stem != "__init__"} | {
        f"lib.{path.name}" for path in LIB.iterdir() if (path / "__init__.py").exists()}


def test_the_layers_hold():
    # import-linter (grimp) reads every import of lib, functions' own included, and checks the contracts.
    run = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "ignore_imports" not in IMPORT_CONTRACTS.read_text(encoding="utf-8")


def test_every_module_has_its_place_in_the_contracts():
    # A new module must be placed in a layer, and is kept from Streamlit unless it is the adapter.
    assert _contract_modules("layers", "layers") == _lib_modules()
    assert _contract_modules("pure-core", "source_modules") == _lib_modules() - {"lib.streamlit_adapter"}


# ---------------------------------------------------------------- strings


def test_strings_table_is_complete():
    assert LANGUAGES == ("vi", "en")
    for key, pair in STRINGS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        vi, en = pair
        assert vi.strip() and en.strip(), key


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_take_the_same_placeholders():
    mismatched = {key: (_placeholders(vi), _placeholders(en)) for key, (vi, en) in STRINGS.items()
                  if _placeholders(vi) != _placeholders(en)}
    assert mismatched == {}


def _callee_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def translation_keys(path: Path) -> list[tuple[str, int]]:
    """Literal keys passed to t()/tr(); computed keys (f-strings, "status." + key) are skipped."""
    keys = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and _callee_name(node) in TRANSLATORS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.append((first.value, node.lineno))
    return keys


SOURCES = _python_files(LIB) + [APP] + PAGES


@pytest.mark.parametrize("path", SOURCES, ids=_relative)
def test_every_literal_key_is_translated(path):
    missing = [f"{_relative(path)}:{line} {key!r}" for key, line in translation_keys(path) if key not in STRINGS]
    assert missing == []


def test_the_key_check_finds_keys(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('t("a.b")\ni18n.t("c.d", "en")\ntr(f"status.{key}")\ntr("status." + key)\ntr(key)\n')
    assert translation_keys(sample) == [("a.b", 1), ("c.d", 2)]
    assert len({key for path in SOURCES for key, _ in translation_keys(path)}) > 20


def test_navigation_labels_are_keys():
    """Page titles reach tr() through a variable, so the literal keys in app.py are checked here."""
    literals = [node.value for node in ast.walk(_tree(APP))
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("nav.")]
    assert literals, "app.py should name its pages by translation keys"
    assert [key for key in literals if key not in STRINGS] == []


def _has_words(node: ast.expr) -> bool:
    """A literal that shows words to the user (markup like "**" around a tr() call is fine)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"\w", node.value, re.UNICODE) and re.search(r"[^\W\d_]", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _has_words(node.left) or _has_words(node.right)
    return False


def bare_literals(path: Path) -> list[tuple[int, str]]:
    """(line, call) of every st.<text call> whose first argument is a literal with words in it."""
    found = []
    for node in ast.walk(_tree(path)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"
                and node.args and _has_words(node.args[0])):
            found.append((node.lineno, f"st.{node.func.attr}({ast.unparse(node.args[0])[:40]})"))
    return sorted(found)


@pytest.mark.parametrize("path", PAGES + [APP], ids=_relative)
def test_pages_pass_no_bare_literals_to_streamlit(path):
    assert bare_literals(path) == []


def test_the_literal_check_finds_literals(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text('st.title("Tổng quan")\nst.markdown(f"**{tr(\'ov.x\')}**")\nst.caption(f"Ngày {d}")\n'
                      'st.info(tr("ov.none"))\nst.warning("⚠️ " + tr("x"))\nst.error("Lỗi " + msg)\n',
                      encoding="utf-8")
    assert [line for line, _ in bare_literals(sample)] == [1, 3, 6]


def _undocumented(path: Path, root: Path = PROJECT_ROOT) -> list[str]:
    """Public functions and classes of a module (nested functions aside) that have no docstring."""
    found = []

    def visit(node, inside_function=False):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if not child.name.startswith("_") and not inside_function and not ast.get_docstring(child):
                    found.append(f"{path.relative_to(root)}:{child.lineno} {child.name}")
                visit(child, inside_function or not isinstance(child, ast.ClassDef))
            else:
                visit(child, inside_function)

    visit(_tree(path))
    return found


def test_every_public_function_and_class_of_lib_says_what_it_does():
    undocumented = [name for path in _python_files(LIB) for name in _undocumented(path)]
    assert undocumented == []


def test_the_docstring_check_finds_what_is_missing(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def shown():\n    def nested():\n        pass\n\n\nclass Thing:\n    """Documented."""\n\n'
                      '    def method(self):\n        pass\n\n\ndef _private():\n    pass\n')
    assert [entry.rsplit(" ", 1)[1] for entry in _undocumented(sample, root=tmp_path)] == ["shown", "method"]
