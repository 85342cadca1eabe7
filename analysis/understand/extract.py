"""One article in, everything the analysis finds out: the pure function the pipeline maps over articles."""
from __future__ import annotations

import bisect
import gc
from collections.abc import Container, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import compress
from operator import itemgetter
from dataclasses import dataclass
from typing import Any

from analysis.read.clean import CleaningError, clean_document
from analysis.understand.countries import find_country_mentions
from analysis.monitor.figure_scope import Scope, scopes_and_claimant
from analysis.understand.figures import extract_figures
from analysis.models import Article, CountryMention, Extraction, Figure, PlaceMention, RawDocument, Sentence, Signal
from analysis.understand.places import find_places
from analysis.monitor.signals import classify_sentences, pairs_of
from analysis.read.sources import Skipped
from analysis.understand.text import split_sentences
from analysis.understand.tone import SentenceToneScorer, mean_tone, sentence_tones, tone_and_sentences_by_country


def countries_per_sentence(
    sentences: Sequence[Sentence], mentions: Sequence[CountryMention | PlaceMention],
    starts: Sequence[int] | None = None,
) -> list[list[str]]:
    """For each sentence, the ISO3 codes of the mentions that fall inside it, in order (`starts`: the
    sentences' starts, when the caller has them)."""
    if starts is None:
        starts = [s.start for s in sentences]
    out: list[list[str]] = [[] for _ in sentences]
    where = bisect.bisect_right
    for m in mentions:
        i = where(starts, m.start) - 1
        if i >= 0 and m.start < sentences[i].end:
            out[i].append(m.iso3)
    return out


def sentence_signals(
    sentences: Sequence[Sentence], by_sentence: Sequence[Sequence[str]], texts: Sequence[str] | None = None
) -> list[Signal]:
    """The act and threat sentences, each with the countries it names (`texts`: the sentences' texts, when
    the caller has them already)."""
    kinds = classify_sentences([s.text for s in sentences] if texts is None else texts, by_sentence)
    signals: list[Signal] = []
    for i in compress(range(len(kinds)), kinds):  # only the signalled sentences: a kind is a non-empty string
        sentence = sentences[i]
        signals.append(Signal(kinds[i], sentence.text, sentence.start, sentence.end, tuple(dict.fromkeys(by_sentence[i]))))
    return signals


def signal_pairs(signals: Sequence[Signal]) -> dict[str, int]:
    """"ISO3|ISO3" -> how many signalled sentences name both, most frequent first."""
    counts: dict[str, int] = {}
    for s in signals:
        if len(s.countries) > 1:  # a pair needs two countries: most signals name one or none
            for pair in pairs_of(s.countries):
                counts[pair] = counts.get(pair, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _mention_counts(mentions: Sequence[CountryMention]) -> dict[str, int]:
    """ISO3 -> mentions, most mentioned first, ties in order of first mention (as Counter.most_common)."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.iso3] = counts.get(m.iso3, 0) + 1
    return dict(sorted(counts.items(), key=itemgetter(1), reverse=True))


def _with_context(fig: Figure, countries: tuple[str, ...], scope: str, claimant: str | None) -> Figure:
    """`fig` with its sentence's countries, its scope and claimant: a copy of its fields, without the keyword
    call that dataclasses.replace and Figure(**fields) make per figure (the class fills its __dict__)."""
    out = object.__new__(Figure)
    fields = out.__dict__
    fields.update(fig.__dict__)
    fields["countries"] = countries
    fields["scope"] = scope
    fields["claimant"] = claimant
    return out


def _figures_in_context(
    found: list[Figure], sentences: Sequence[Sentence], starts: Sequence[int], by_sentence: Sequence[Sequence[str]]
) -> list[Figure]:
    """The figures with their sentence's countries, scope and claimant; scope and claimant read each
    sentence once for all of its figures."""
    in_sentence: dict[int, list[int]] = {}
    for k, fig in enumerate(found):
        in_sentence.setdefault(fig.start, []).append(k)
    read: list[tuple[Scope, str | None]] = [None] * len(found)  # type: ignore[list-item]
    for ks in in_sentence.values():
        figs = [found[k] for k in ks]
        scopes, claimant = scopes_and_claimant(
            figs[0].evidence, [(f.match_start - f.start, f.match_end - f.start, f.kind) for f in figs])
        for k, scope in zip(ks, scopes):
            read[k] = scope, claimant
    figures = []
    for fig, (scope, claimant) in zip(found, read):
        # The sentence a figure's evidence spans (sentences never share a start); none for a span no sentence has.
        i = bisect.bisect_left(starts, fig.start)
        if i < len(starts) and starts[i] == fig.start and sentences[i].end == fig.end:
            named = tuple(dict.fromkeys(by_sentence[i]))
        else:
            named = ()
        figures.append(_with_context(fig, named, scope.scope, claimant))
    return figures


@contextmanager
def _cyclic_collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off for a batch's analysis, and let run again after it (unless it
    was off already). A batch allocates some 140 container objects per article (sentences, mentions, figures,
    word lists) that live until it ends and form no cycles: reference counting frees every one of them. Left
    on, the collector walks them in a young collection every 700 allocations, and the batch's survivors
    promoted to the old generation set off full collections that walk every object of the process (on the
    bench, 2-3 per 1,500 articles, 0.1-0.15 ms an article; VADER alone sets off none). The process-wide switch
    is safe for other threads: they only see their collections postponed until the batch ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def extract_articles(articles: Sequence[Article], scorer: SentenceToneScorer | None = None) -> list[Extraction]:
    """`extract_article` of each article. Each stage runs over every article of the batch before the next
    stage starts: the stages' tables (VADER's lexicon, the country and place vocabularies, the figure and
    signal rules) then stay in the CPU's caches from one article to the next, where one article's stages run
    in turn evict each other's (on the bench corpus the same calls cost ~15-30% more in that order). The
    cyclic collector is paused meanwhile (`_cyclic_collector_paused`)."""
    with _cyclic_collector_paused():
        return _extract_batch(articles, scorer)


def _extract_batch(articles: Sequence[Article], scorer: SentenceToneScorer | None) -> list[Extraction]:
    texts = [a.text for a in articles]
    sentences = [split_sentences(t) for t in texts]
    starts = [[s.start for s in ss] for ss in sentences]
    sentence_texts = [[s.text for s in ss] for ss in sentences]
    mentions = [find_country_mentions(t) for t in texts]
    places = [find_places(t, mm) for t, mm in zip(texts, mentions)]
    by_sentence = [countries_per_sentence(ss, mm, st) for ss, mm, st in zip(sentences, mentions, starts)]
    # A figure belongs to the countries its sentence names and to those of the places it names ("Kharkiv").
    by_sentence_and_place = [
        [named + placed for named, placed in zip(bs, countries_per_sentence(ss, pp, st))] if pp else bs
        for bs, ss, pp, st in zip(by_sentence, sentences, places, starts)
    ]
    scores = [sentence_tones(tt, scorer) for tt in sentence_texts]
    found = [extract_figures(t, ss) for t, ss in zip(texts, sentences)]
    figures = [_figures_in_context(*args) for args in zip(found, sentences, starts, by_sentence_and_place)]
    # Places count as their country (issue 6): "Kharkiv" makes a sentence about Ukraine.
    signals = [sentence_signals(*args) for args in zip(sentences, by_sentence_and_place, sentence_texts)]
    out = []
    for k, article in enumerate(articles):
        tone_by_country, sentences_by_country = tone_and_sentences_by_country(scores[k], by_sentence[k])
        out.append(Extraction(
            article=article,
            mentions=mentions[k],
            countries=_mention_counts(mentions[k]),
            places=places[k],
            figures=figures[k],
            tone=mean_tone(scores[k]),
            tone_by_country=tone_by_country,
            sentences_by_country=sentences_by_country,
            n_sentences=len(sentences[k]),
            signals=signals[k],
            pairs=signal_pairs(signals[k]),
        ))
    return out


def extract_article(article: Article, scorer: SentenceToneScorer | None = None) -> Extraction:
    return extract_articles((article,), scorer)[0]

@dataclass(frozen=True)
class AlreadyPresent:
    """An input whose article (same body hash) the store already holds: it is not analysed again."""

    article_id: str


# Articles analysed together by `analyse_documents`: on the bench corpus, each stage over 16 articles in turn
# costs ~20% less CPU than every stage on one article, 64 a little less again; the batch's intermediate
# results (sentences, mentions, figures) are held until it ends.
ARTICLES_PER_BATCH = 64


def analyse_document(
    raw: RawDocument, known_ids: Container[str] = frozenset()
) -> Extraction | Skipped | AlreadyPresent:
    """Clean and analyse one input; never raises for bad input."""
    return analyse_documents((raw,), known_ids)[0]


def analyse_documents(
    raws: Iterable[RawDocument | Skipped], known_ids: Container[str] = frozenset()
) -> list[Extraction | Skipped | AlreadyPresent]:
    """`analyse_document` of each input, in order (an input a source already skipped is its own outcome):
    the articles are analysed as one batch (`extract_articles`), and should the batch fail, one by one, so
    that only the article at fault is skipped."""
    outcomes: list[Extraction | Skipped | AlreadyPresent | None] = []
    articles: list[Article] = []
    origins: list[str] = []
    at: list[int] = []
    for raw in raws:
        if isinstance(raw, Skipped):
            outcomes.append(raw)
            continue
        try:
            article = clean_document(raw)
        except CleaningError as exc:
            outcomes.append(Skipped(raw.origin, exc.reason))
            continue
        except Exception as exc:  # a malformed page must not stop the batch
            outcomes.append(Skipped(raw.origin, f"could not clean: {type(exc).__name__}: {exc}"))
            continue
        if article.id in known_ids:
            outcomes.append(AlreadyPresent(article.id))
            continue
        at.append(len(outcomes))
        outcomes.append(None)
        articles.append(article)
        origins.append(raw.origin)
    for first in range(0, len(articles), ARTICLES_PER_BATCH):
        batch = articles[first : first + ARTICLES_PER_BATCH]
        try:
            extractions: list[Extraction | Skipped] = list(extract_articles(batch))
        except Exception:
            extractions = [_extract_or_skip(a, o) for a, o in zip(batch, origins[first : first + ARTICLES_PER_BATCH])]
        for k, extraction in zip(at[first : first + ARTICLES_PER_BATCH], extractions):
            outcomes[k] = extraction
    return outcomes  # type: ignore[return-value]


def _extract_or_skip(article: Article, origin: str) -> Extraction | Skipped:
    try:
        return extract_article(article)
    except Exception as exc:
        return Skipped(origin, f"analysis failed: {type(exc).__name__}: {exc}")


def extraction_to_json(result: Extraction, path: str | None = None) -> dict[str, Any]:
    """The `python -m analysis extract` contract: one JSON object per article."""
    a = result.article
    return {
        "path": path if path is not None else a.origin,
        "id": a.id,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "date_inferred": a.date_inferred,
        "body_cut": a.body_cut,
        "source": a.source,
        "url": a.url,
        "countries": result.countries,
        "places": [{"name": p.name, "country": p.iso3, "start": p.start, "end": p.end} for p in result.places],
        "figures": [
            {
                "kind": f.kind,
                "value": f.value,
                "qualifier": f.qualifier,
                "evidence": f.evidence,
                "start": f.start,
                "end": f.end,
                "countries": list(f.countries),
                "wording": f.wording,
                "scope": f.scope,
                "claimant": f.claimant,
            }
            for f in result.figures
        ],
        "tone": {
            "compound": round(result.tone, 4),
            "by_country": {k: round(v, 4) for k, v in result.tone_by_country.items()},
        },
        "n_sentences": result.n_sentences,
        "signals": [
            {"kind": s.kind, "evidence": s.evidence, "start": s.start, "end": s.end, "countries": list(s.countries)}
            for s in result.signals
        ],
        "pairs": result.pairs,
    }
