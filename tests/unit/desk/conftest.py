"""Fixtures for the booking desk unit tests."""

from __future__ import annotations

import pytest

from tests.unit.desk.helpers import make_desk


@pytest.fixture
def desk(tmp_path):
    return make_desk(tmp_path)
