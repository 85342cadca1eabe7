"""The dates development set (`tests/fixtures/dates_dev`): real news pages (none from `accuracy/`), each
labelled by hand with the publication date the page itself states (a byline, a stamp, a date line, a dateline
with its year, or its address), where it says so (`how_stated`), or none. A page whose only date is a year-less
dateline is labelled with its month and day (`month_day`), scored on those alone, as the held-out set does.
`python -m tests.dates_dev` prints the outcome per kind; `--errors` lists the pages not read right.

Check sets, pages in the same folder that are not tuned on, each labelled before the reader was run on it:
`dates_check.jsonl` (`--check`), collected after the first rounds' fixes; `dates_check2.jsonl` (`--set check2`),
54 pages of 54 other sites collected before the third round changed any code (its misses then moved to the dev
set, `dates_dev.jsonl`, and are tuned on); `dates_check3.jsonl` (`--set check3`), 34 pages of 34 other sites collected after that round.

The first dates held-out set, set A (`--set heldout`, `tests/fixtures/dates_heldout`: 66 pages of 65 sites in no
other set nor in `accuracy/`), was held out for the fifth round; since the sixth round it is development data
(`--errors` lists its misses) and set B holds out.
The dates held-out set B (`--set heldout_b`, `tests/fixtures/dates_heldout_b`): 69 pages of 69 sites in no other set
(nor in `accuracy/`), labelled by hand before the reader ran on it, collected before the sixth round read set A's
errors. Nobody reads its errors to write rules: it is scored once before a round of changes and once after
(`--errors` is refused for it).

Each page is cleaned as an ingestion reads it (its address known, read on 2026-12-01).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "fixtures" / "dates_dev"
HELDOUT_FOLDER = Path(__file__).resolve().parent / "fixtures" / "dates_heldout"
HELDOUT_B_FOLDER = Path(__file__).resolve().parent / "fixtures" / "dates_heldout_b"
READ_ON = dt.date(2026, 12, 1)


@dataclass(frozen=True)
class DevPage:
    file: str
    url: str
    date: dt.date | None
    month_day: str | None  # "04-25" for a page whose only date is a year-less dateline
    how_stated: str
    folder: Path = FOLDER

    def text(self) -> str:
        header, text = (self.folder / self.file).read_text().split("\n", 1)
        assert header == f"URL: {self.url}", self.file
        return text


def labels_folder(labels: str) -> Path:
    return {"dates_heldout.jsonl": HELDOUT_FOLDER, "dates_heldout_b.jsonl": HELDOUT_B_FOLDER}.get(labels, FOLDER)


def dev_pages(labels: str = "dates_dev.jsonl") -> list[DevPage]:
    folder = labels_folder(labels)
    rows = [json.loads(line) for line in (folder / labels).read_text().splitlines()]
    return [
        DevPage(row["file"], row["url"], dt.date.fromisoformat(row["date"]) if row["date"] else None,
                row.get("month_day"), row["how_stated"], folder)
        for row in rows
    ]


def outcome(page: DevPage, found: dt.date | None) -> str:
    """right / wrong / missed for a stated date; md right / md wrong / md missed for a year-less dateline;
    none (rightly none) / false (a date given where none is stated) otherwise."""
    if page.date is not None:
        return "missed" if found is None else "right" if found == page.date else "wrong"
    if page.month_day is not None:
        return "md missed" if found is None else "md right" if found.strftime("%m-%d") == page.month_day else "md wrong"
    return "none" if found is None else "false"


def read_date(page: DevPage) -> dt.date | None:
    from analysis.models import RawDocument
    from analysis.read.clean import clean_document

    raw = RawDocument(page.url, page.text(), url=page.url)
    return clean_document(raw, today=READ_ON).published


def score(labels: str = "dates_dev.jsonl") -> tuple[Counter[str], list[tuple[str, str, dt.date | None, str]]]:
    counts: Counter[str] = Counter()
    errors = []
    for page in dev_pages(labels):
        found = read_date(page)
        result = outcome(page, found)
        counts[result] += 1
        if result not in ("right", "md right", "none"):
            errors.append((page.file, result, found, page.how_stated))
    return counts, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the pages not read right")
    parser.add_argument("--check", action="store_true", help="score the first check set (not tuned on) instead")
    parser.add_argument("--set", choices=("dev", "check", "check2", "check3", "heldout", "heldout_b"), default=None,
                        help="the labelled set to score (dates_<set>.jsonl); heldout_b: aggregates only")
    args = parser.parse_args()
    name = args.set or ("check" if args.check else "dev")
    if name == "heldout_b" and args.errors:
        parser.error("the held-out set is scored in aggregate only: its errors are not read to write rules")
    counts, errors = score(f"dates_{name}.jsonl")
    stated = counts["right"] + counts["wrong"] + counts["missed"]
    yearless = counts["md right"] + counts["md wrong"] + counts["md missed"]
    unstated = counts["none"] + counts["false"]
    print(f"pages: {stated + yearless + unstated}")
    print(f"stated dates: {counts['right']}/{stated} read right, {counts['wrong']} wrong, {counts['missed']} missed")
    print(f"year-less datelines (month-day): {counts['md right']}/{yearless} right, {counts['md wrong']} wrong, "
          f"{counts['md missed']} missed")
    print(f"no date stated: {counts['false']}/{unstated} given a date (false)")
    if args.errors:
        for file, result, found, how in errors:
            print(f"  {result:9} {file}: read {found}; {how}")


if __name__ == "__main__":
    main()
