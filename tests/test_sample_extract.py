"""The extraction of every document of data/sample, as one digest: a speed change must leave it as it was.

Speed work (pre-checks, fused passes, cheaper matchers) must not change what is found. The unit tables
and the golden articles test the rules sentence by sentence; this digest covers whole pages at once, so a
shortcut that skips a sentence it should not is caught even where no table has that sentence.

When a change means to alter what is extracted (a new figure or signal rule, a new alias), the digest
changes with it: check the difference is the one meant (`python tests/test_sample_extract.py --lines`
prints one line per article to diff against a run on main), then refresh the digest with
`python tests/test_sample_extract.py --write`.
Only the analysis is hashed (countries, places, figures, tone, signals, pairs, sentence count, with the
article's path and body hash): dates and other metadata belong to the reading stage and its own tests.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
DIGEST_FILE = ROOT / "tests" / "golden" / "sample_extract.sha256"
ANALYSIS_FIELDS = ("path", "id", "countries", "places", "figures", "tone", "n_sentences", "signals", "pairs")


def extraction_lines() -> list[str]:
    """One JSON line of analysis fields per document of the sample, in reading order."""
    from analysis.understand.extract import analyse_document, extraction_to_json
    from analysis.read.sources import Skipped, read_inputs

    lines = []
    for raw in read_inputs([SAMPLE]):
        outcome = raw if isinstance(raw, Skipped) else analyse_document(raw)
        if isinstance(outcome, Skipped):
            lines.append(json.dumps({"skipped": outcome.origin}))
            continue
        out = extraction_to_json(outcome, str(Path(raw.origin).relative_to(ROOT)))
        lines.append(json.dumps({k: out[k] for k in ANALYSIS_FIELDS}, ensure_ascii=False))  # dicts keep their order
    return lines


def extraction_digest() -> str:
    return hashlib.sha256("\n".join(extraction_lines()).encode("utf-8")).hexdigest()


def test_the_sample_extracts_as_recorded():
    expected = DIGEST_FILE.read_text().split()[0]
    assert extraction_digest() == expected, (
        "the extraction of data/sample changed: if meant, check the difference and refresh the digest "
        "(see this module's docstring)"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    if "--lines" in sys.argv:
        print("\n".join(extraction_lines()))
    elif "--write" in sys.argv:
        DIGEST_FILE.write_text(extraction_digest() + "\n")
        print(DIGEST_FILE.read_text(), end="")
    else:
        print(extraction_digest())
