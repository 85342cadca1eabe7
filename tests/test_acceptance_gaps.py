"""Acceptance gaps found by the verify session: each test states what an issue asks and FAILS today.

They are strict xfails so the suite stays green; when one starts passing, pytest reports XPASS(strict)
as a failure, and the marker should simply be removed.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parent.parent


def test_an_execution_is_a_killed_figure():
    from analysis.understand.figures import extract_figures

    assert [(f.kind, f.value) for f in extract_figures("Six hostages were executed.")] == [("killed", 6)]
