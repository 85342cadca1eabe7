"""The signals dev set (`tests/fixtures/signals_dev.txt`): real news sentences, labelled by hand, that the
rules may be tuned on (the held-out set of `accuracy/` may not), and a check set
(`tests/fixtures/signals_check.txt`) labelled the same way after the tuning and not tuned on since.
`python -m tests.signals_dev` prints act, threat and pairs precision/recall/F1 of the rules on both beside
the GPR-style keyword peer of `accuracy.baselines`; `--errors` lists the dev sentences the rules get wrong.
"""
from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from accuracy import baselines
from accuracy.metrics import Score, score_labels, score_sets

DEV_SET = Path(__file__).resolve().parent / "fixtures" / "signals_dev.txt"
CHECK_SET = DEV_SET.with_name("signals_check.txt")
_KINDS = {"A": "act", "T": "threat", "N": None}


@dataclass(frozen=True)
class DevSentence:
    url: str
    sentence: str
    label: str | None
    countries: frozenset[str]
    optional_countries: frozenset[str]

    @property
    def pairs(self) -> frozenset[str]:
        """Pairs of the sentence's required countries; none when it is not signalled."""
        return _pairs(self.countries) if self.label else frozenset()

    @property
    def optional_pairs(self) -> frozenset[str]:
        """Pairs that involve a country reached only through a sea, a place or an organisation's name."""
        if not self.label:
            return frozenset()
        return _pairs(self.countries | self.optional_countries) - self.pairs


def _pairs(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(f"{a}|{b}" for a, b in itertools.combinations(sorted(codes), 2))


def load_dev_set(path: Path = DEV_SET) -> list[DevSentence]:
    out: list[DevSentence] = []
    url = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            url = line[2:].strip()
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        label, countries, sentence = parts if len(parts) == 3 else ("", "", "")
        if label not in _KINDS or not sentence or not url:
            raise ValueError(f"{path.name}:{n}: not 'A|T|N | countries | sentence' under an '@ url' line")
        codes = countries.split()
        out.append(DevSentence(
            url=url,
            sentence=sentence,
            label=_KINDS[label],
            countries=frozenset(c for c in codes if not c.startswith("[")),
            optional_countries=frozenset(c.strip("[]") for c in codes if c.startswith("[")),
        ))
    return out


Predict = Callable[[str], tuple[str | None, frozenset[str]]]


def project_predict(sentence: str) -> tuple[str | None, frozenset[str]]:
    from analysis.monitor.signals import classify_sentence, sentence_pairs

    kind = classify_sentence(sentence)
    return kind, frozenset(sentence_pairs(sentence)) if kind else frozenset()


def baseline_predict(sentence: str) -> tuple[str | None, frozenset[str]]:
    return baselines.baseline_signal(sentence), baselines.baseline_pairs(sentence)


def score(items: Sequence[DevSentence], predict: Predict) -> dict[str, Score]:
    predicted = [predict(s.sentence) for s in items]
    kinds = [p[0] for p in predicted]
    gold = [s.label for s in items]
    return {
        "act": score_labels(kinds, gold, "act"),
        "threat": score_labels(kinds, gold, "threat"),
        "pairs": score_sets((p[1], s.pairs, s.optional_pairs) for p, s in zip(predicted, items)),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the sentences the rules get wrong")
    args = parser.parse_args(argv)
    for name, path in (("dev set", DEV_SET), ("check set (not tuned on)", CHECK_SET)):
        items = load_dev_set(path)
        pages = len({s.url for s in items})
        print(f"signals {name}: {len(items)} sentences from {pages} pages "
              f"({sum(s.label == 'act' for s in items)} act, {sum(s.label == 'threat' for s in items)} threat)")
        rules, peer = score(items, project_predict), score(items, baseline_predict)
        print(f"{'':8}{'rules P / R / F1':>22}   {'GPR-style peer P / R / F1':>26}")
        for kind in ("act", "threat", "pairs"):
            r, b = rules[kind], peer[kind]
            print(f"{kind:8}{r.precision:8.2f}{r.recall:7.2f}{r.f1:7.2f}   {b.precision:10.2f}{b.recall:8.2f}{b.f1:8.2f}")
    items = load_dev_set()
    if args.errors:
        for s in items:
            kind, _ = project_predict(s.sentence)
            if kind != s.label:
                print(f"{str(s.label):7} <- {str(kind):7} {s.sentence}")


if __name__ == "__main__":
    main()
