"""The examples in the exports modules' docstrings hold."""

from __future__ import annotations

import doctest

import pytest

import lib.exports
import lib.exports.report
import lib.exports.slides


@pytest.mark.parametrize("module", [lib.exports, lib.exports.report, lib.exports.slides], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
