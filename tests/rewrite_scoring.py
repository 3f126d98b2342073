"""Scoring the eval texts rewritten another way against their sources: the shared part of
`test_text_variants.py` and `test_text_variants_systems.py`. The texts are read at run time
only (`KITAR_EVAL`); without them the tests skip."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kitar.config import eval_dir
from kitar.ingest.eval_set import meeting_dict
from kitar.parse.answer_key import score_answer_key
from tests.layout_zoo import web_names

Key = dict[str, Any]


def web_folder() -> Path:
    """The eval set's web texts, or a skip when they are not here."""
    folder = eval_dir() / "web"
    if not folder.is_dir() or not web_names():
        pytest.skip(f"evaluation set not found at {folder} (set KITAR_EVAL)")
    return folder


def _metrics(key: Key, path: Path) -> dict[str, float]:
    scores = score_answer_key(key, meeting_dict(path)).metrics
    return {k: v for k, v in scores.items() if v is not None}


def rewrite_shortfall(
    web: Path, rewrite: Callable[[str, Key], tuple[str, Key]], tmp_path: Path
) -> tuple[int, dict[str, dict[str, float]]]:
    """How many texts the rewrite changed, and per text the metrics where the rewritten text
    (scored against the rewrite's key) falls below its source."""
    short: dict[str, dict[str, float]] = {}
    changed = 0
    for name in web_names():
        key = json.loads((web / f"{name}.gold.json").read_text(encoding="utf-8"))
        source = (web / f"{name}.txt").read_text(encoding="utf-8")
        text, new_key = rewrite(source, copy.deepcopy(key))  # a rewrite may change its key
        if text == source:
            continue
        changed += 1
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        want = _metrics(key, web / f"{name}.txt")
        got = _metrics(new_key, path)
        below = {k: round(v, 2) for k, v in got.items() if v < want.get(k, 0.0) - 1e-9}
        if below:
            short[name] = below
    return changed, short
