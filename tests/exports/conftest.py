"""The demo workbook cleaned and computed once, as the dashboard computes it."""

from __future__ import annotations

import copy

import pytest

from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.metrics.rollout import compute_rollout
from lib.sources import read_source


@pytest.fixture(scope="session")
def geography():
    return load_geography()


@pytest.fixture(scope="session")
def demo_raw():
    return read_source(str(DEMO_WORKBOOK))


@pytest.fixture(scope="session")
def demo_dataset(demo_raw, geography):
    return clean_workbook(demo_raw, geography)


@pytest.fixture(scope="session")
def demo_rollout(demo_dataset, geography):
    return compute_rollout(demo_dataset, geography, demo_dataset.as_of)


@pytest.fixture
def edited_dataset(demo_raw, geography):
    """edited_dataset(edit) → the demo cleaned after `edit(tabs)` changed a copy of its grids."""

    def make(edit):
        raw = copy.deepcopy(demo_raw)
        edit(raw.tabs)
        return clean_workbook(raw, geography)

    return make
