"""Validation reports exactly as before the loading rewrite (issue 10): every corpus file and a data directory with
broken rows give the same messages, rows and counts as the golden file made by the previous implementation."""

from __future__ import annotations

import json

import pytest

from tests.support import validation_reports

GOLDEN = json.loads(validation_reports.GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def reports() -> dict[str, str]:
    return validation_reports.all_reports()


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_report_is_unchanged(name, reports):
    assert reports[name] == GOLDEN[name]


def test_every_corpus_case_has_a_golden_report():
    from tests.support import corpus

    assert {case.name for case in corpus.CASES} | {"data directory with bad rows"} == set(GOLDEN)
