"""Copies and stories: which articles are near-copies of one another, and which report the same event.

Both are assigned incrementally: a new batch is compared with the articles already stored (their
assignments never change), in date order, so a story's id and a copy group's id are the id of their first
article and stay the same as the store grows.

- A **copy group** joins an article to the best earlier article whose shingles it shares, published at most
  `copies.COPY_DAYS` from it (see `copies`), and that states the same figures and places (a copy cut short
  may lack some; a template page reused with another toll or town is no copy).
- A **story** joins an article to the story of its copy group's first article, or else single-link: to the
  story of the most similar article (TF-IDF cosine over title and lede) within `WINDOW_DAYS`, with guards
  against chaining: the two name a country in common, the story began at most `STORY_DAYS` before the
  article, the article resembles the story's articles of the window on average, and its own evidence
  agrees with each of the story's reports (`event_evidence`: the figures it states, the day its sentences
  name) and names one of their places, if it names any.

Everything here is pure: the store glue (`story_store`) loads the candidates and writes the assignments.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from analysis.monitor import copies
from analysis.monitor.event_evidence import Evidence, Reported, conflict, different_texts, evidence

WINDOW_DAYS = 3  # an article links to articles at most this many days apart
STORY_DAYS = 10  # and to a story that began at most this many days before it
SIMILARITY = 0.4  # TF-IDF cosine of title + lede at least this, to one article of the story
MEAN_SIMILARITY = 0.4  # and on average to its articles in the window (the guard against chaining)
LEDE_CHARS = 400
COMMON_SHARE = 0.2  # terms in more than this share of the window find no candidates (they stay in the norms)
SEED_TERMS = 6  # an article's candidates share one of its this many most distinctive terms
POSTINGS_READ = 64  # of each of those terms, at most this many articles (the newest) are read
CANDIDATES = 12  # the best candidates by those terms whose cosine is computed (and story members averaged)
EVIDENCE_REPORTS = 24  # a story's latest reports an article's figures and places are checked against

_TOKEN = re.compile(r"[a-z][a-z'-]+|\d+(?:,\d{3})*")
_STOP = frozenset(
    """the and for with that from this was were are has have had but not its his her their they them
    will would said says say after over into about than more most also been being which who whom what when
    where while there here out off per via amid told new one two three four five six seven eight nine ten
    least some other such only any all can could may might just last first next week day days year years
    monday tuesday wednesday thursday friday saturday sunday today yesterday night people""".split()
)


@functools.lru_cache(maxsize=200_000)
def _term(token: str) -> str | None:
    if token[0].isdigit():
        return token
    t = token.removesuffix("'s").strip("'-")
    if len(t) < 3 or t in _STOP:
        return None
    if len(t) > 4 and t.endswith("s") and not t.endswith("ss"):
        t = t[:-1]
    return t


def terms(text: str) -> list[str]:
    """Content words of a title or lede: lower case, stop words out, a possessive's 's and a plural's s dropped;
    numbers are kept (a toll of 12 and one of 40 are told apart by them)."""
    # Each distinct token is normalised once (cached): a corpus repeats its words.
    return [t for t in map(_term, _TOKEN.findall(text.lower().replace("’", "'"))) if t]


def lede(body: str, chars: int = LEDE_CHARS) -> str:
    """The body's first `chars` characters, cut at a word's end."""
    if len(body) <= chars:
        return body
    cut = body.rfind(" ", 0, chars)
    return body[: cut if cut > 0 else chars]


@dataclass
class Article:
    """What linking needs of an article. `copy_of` and `story` are set for stored articles."""

    id: str
    day: dt.date
    title: str
    body: str  # the cleaned body (for stored window articles the lede is enough)
    countries: frozenset[str] = frozenset()
    copy_of: str | None = None
    story: str | None = None
    story_first: dt.date | None = None  # when its story began (stored articles)
    copy_first: dt.date | None = None  # when its copy group began (stored copy candidates; else its day)
    figures: tuple[Reported, ...] = ()  # what it states (event_evidence): copies and one event's reports agree
    places: frozenset[str] = frozenset()  # the cities and regions it names (analysis.understand.places)


@dataclass(frozen=True)
class Assignment:
    article_id: str
    copy_of: str  # id of the copy group's first article (its own id when it copies nothing)
    story: str  # id of the story's first article
    day: dt.date
    shingles: int


@dataclass
class _Linked:
    day: dt.date
    countries: frozenset[str]
    story: str
    story_first: dt.date
    vector: dict[str, float] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=dict)  # its figures, grouped (event_evidence.evidence)
    places: frozenset[str] = frozenset()


def _order(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.day, a.id))


def assign_copies(
    new: Sequence[Article], stored: Sequence[Article], new_sigs: copies.Signatures | None = None,
    stored_sigs: copies.Signatures | None = None,
) -> tuple[list[str], copies.Signatures]:
    """For each new article (in the given order, which must be date order), its copy group.

    `stored` are the stored articles that share a band key with some new article (their `copy_of` set).
    A new article joins the group of the earlier article it resembles most, among those published at most
    `copies.COPY_DAYS` from it whose group began at most `copies.COPY_DAYS` from it; stored ones are all
    earlier."""
    new_sigs = new_sigs if new_sigs is not None else copies.signatures([a.body for a in new])
    stored_sigs = stored_sigs if stored_sigs is not None else copies.signatures([a.body for a in stored])
    bins = np.vstack([stored_sigs.bins, new_sigs.bins])
    sizes = np.concatenate([stored_sigs.shingles, new_sigs.shingles])
    keys = np.vstack([copies.band_keys(stored_sigs), copies.band_keys(new_sigs)])
    s = len(stored)
    left, right = copies.candidate_pairs(keys, first_new=s)  # right is the later of the two, a new one
    ordinals = np.array([a.day.toordinal() for a in (*stored, *new)], dtype=np.int64)
    near = np.abs(ordinals[left] - ordinals[right]) <= copies.COPY_DAYS  # a reprint, not a template reused
    left, right = left[near], right[near]
    j = copies.jaccards(bins, left, right)
    ok = copies.copy_mask(j, sizes[left], sizes[right])
    matches: dict[int, list[tuple[float, int]]] = defaultdict(list)
    rows = (*stored, *new)
    for a, b, score in zip(left[ok].tolist(), right[ok].tolist(), j[ok].tolist()):
        # A copy states its original's figures: the same words with another toll are a template reused.
        if rows[a].figures and rows[b].figures and different_texts(rows[a].figures, rows[b].figures):
            continue
        # Nor another place: one set of places inside the other (a copy cut short), or no copy.
        places_a, places_b = rows[a].places, rows[b].places
        if places_a and places_b and not (places_a <= places_b or places_b <= places_a):
            continue
        matches[b].append((-score, a))  # the most similar first, then the earliest row
    # The day of each row's copy group's first article: a group reaches at most COPY_DAYS past it, so a
    # template reused every day (a daily statement) does not chain into one group for ever.
    began = [a.copy_first or a.day for a in stored]
    groups: list[str] = []
    for i, article in enumerate(new):
        group, first = article.id, article.day
        for _, origin in sorted(matches.get(s + i, ())):
            if abs((article.day - began[origin]).days) <= copies.COPY_DAYS:
                group = (stored[origin].copy_of or stored[origin].id) if origin < s else groups[origin - s]
                first = began[origin]
                break
        groups.append(group)
        began.append(first)
    return groups, new_sigs


def _vector(counts: Sequence[tuple[str, int]], idf: dict[str, float]) -> dict[str, float]:
    """The unit TF-IDF vector of a document's (term, count) pairs, in order of first occurrence (the order
    fixes the float sums: a stored document's vector equals the one computed from its text)."""
    weights = {t: n * idf[t] for t, n in counts}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _vectors(docs: list[list[str]], idf: dict[str, float]) -> list[dict[str, float]]:
    return [_vector(list(Counter(doc).items()), idf) for doc in docs]


def window_terms(article: Article) -> list[tuple[str, int]]:
    """The (term, count) pairs, in order of first occurrence, of an article as the story window stores it
    (its title and the body's first LEDE_CHARS characters): what a later batch compares of it."""
    return list(Counter(terms(f"{article.title} {lede(article.body[:LEDE_CHARS])}")).items())


Key = Hashable  # a stored article of a window: its id in the store, its position in a list


class Window(Protocol):
    """The stored articles of a batch's story window, as linking reads them: statistics of the whole window
    (its size, each term's document frequency), the postings of the terms sought, and the rows of the few
    articles those postings make candidates."""

    size: int

    def document_frequencies(self) -> Counter[str]: ...

    def postings_read(self, wanted: Sequence[tuple[dt.date, list[str]]]) -> list[list[tuple[str, list[Key]]]]:
        """For each (day, seed terms) of `wanted`, of each term, the keys of the window's linked articles
        holding it that an article of that day reads (`_newest`), newest first; a term without postings
        in the window is left out."""

    def term_counts(self, keys: set[Key]) -> dict[Key, tuple[str, list[tuple[str, int]]]]:
        """The story and the (term, count) pairs of each of `keys`."""

    def members(self, stories: set[str]) -> list[tuple[Key, Article, list[tuple[str, int]]]]:
        """The window's articles of `stories` (story, its first day, countries, places, figures set) and
        their (term, count) pairs, in (day, id) order."""

    def began(self, stories: set[str]) -> dict[str, dt.date]:
        """When each of `stories` with articles in the window began: the earliest its articles there say."""


class ListWindow:
    """A window given as its articles (a store not indexed yet; tests): every one tokenised once."""

    def __init__(self, window: Sequence[Article]):
        self._rows = sorted(window, key=lambda a: a.day)  # stable: (day, id) when given in that order
        self._counts = [list(Counter(terms(f"{a.title} {lede(a.body)}")).items()) for a in self._rows]
        self.size = len(self._rows)
        # When each story began: the earliest its window articles know (as a story's members all say).
        self._began: dict[str, dt.date] = {}
        for a in self._rows:
            if a.story:
                first = a.story_first or a.day
                self._began[a.story] = min(first, self._began.get(a.story, first))

    def document_frequencies(self) -> Counter[str]:
        return Counter(t for counts in self._counts for t, _ in counts)

    def postings_read(self, wanted: Sequence[tuple[dt.date, list[str]]]) -> list[list[tuple[str, list[Key]]]]:
        sought = {t for _, seeds in wanted for t in seeds}
        postings: dict[str, list[tuple[int, Key]]] = {}
        for k, (a, counts) in enumerate(zip(self._rows, self._counts)):
            if a.story:
                for t, _ in counts:
                    if t in sought:
                        postings.setdefault(t, []).append((a.day.toordinal(), k))
        return [[(t, [p[1] for p in _newest(postings[t], day)]) for t in seeds if t in postings]
                for day, seeds in wanted]

    def term_counts(self, keys: set[Key]) -> dict[Key, tuple[str, list[tuple[str, int]]]]:
        return {k: (self._rows[k].story, self._counts[k]) for k in keys}

    def members(self, stories: set[str]) -> list[tuple[Key, Article, list[tuple[str, int]]]]:
        return [(k, a, self._counts[k]) for k, a in enumerate(self._rows) if a.story in stories]

    def began(self, stories: set[str]) -> dict[str, dt.date]:
        return {s: d for s, d in self._began.items() if s in stories}


def assign(
    new: Sequence[Article], copy_candidates: Sequence[Article], window: Sequence[Article] | Window,
    new_sigs: copies.Signatures | None = None, candidate_sigs: copies.Signatures | None = None,
) -> list[Assignment]:
    """Copy group and story of each new article.

    `copy_candidates`: stored articles sharing a band key with a new one; `window`: stored articles dated
    within WINDOW_DAYS of the new ones (title and lede are enough), with their story and its first day, or
    a `Window` that reads only the candidates of them (`story_terms.StoredWindow`: the same links).
    Signatures already computed may be passed (`new_sigs` for the new articles in date order,
    `candidate_sigs` for the candidates in their order)."""
    if new_sigs is not None and [a.id for a in new] != [a.id for a in _order(new)]:
        raise ValueError("with new_sigs, the new articles must come in date order")
    new = _order(new)
    if not new:
        return []
    stored = ListWindow(window) if isinstance(window, Sequence) else window
    groups, sigs = assign_copies(new, copy_candidates, new_sigs, candidate_sigs)
    story_of_copy = {a.id: a.story for a in copy_candidates if a.story}

    docs = [terms(f"{a.title} {lede(a.body)}") for a in new]
    df = stored.document_frequencies()
    df.update(t for doc in docs for t in set(doc))
    n_docs = stored.size + len(new)
    idf = {t: math.log((1 + n_docs) / (1 + c)) + 1.0 for t, c in df.items()}
    vectors = _vectors(docs, idf)
    # Only a new article's seed terms are ever looked up (`_best_story`); a term in many of the window's
    # articles finds no candidates.
    limit = max(20, COMMON_SHARE * n_docs)
    sought = {t for vec in vectors for t in _seed_terms(vec) if df[t] <= limit}

    # The stored articles each new one reads postings of (its seed terms' newest within its days): their
    # vectors give its stored candidates, the best CANDIDATES of which (the only stored ones that can be
    # among its best, whatever the batch's own articles add) are read whole with their stories' members.
    # The rest of the window is never read.
    read = stored.postings_read([(a.day, [t for t in _seed_terms(vec) if t in sought]) for a, vec in zip(new, vectors)])
    counts = stored.term_counts(set().union(*(k for per_term in read for _, k in per_term)) if read else set())
    vectors_of = {k: _vector(c, idf) for k, (_, c) in counts.items()}
    best: set[Key] = set()
    for vec, per_term in zip(vectors, read):
        partial: dict[Key, float] = defaultdict(float)
        for t, keys in per_term:
            w = vec[t]
            for k in keys:
                partial[k] += w * vectors_of[k][t]
        top = sorted(partial, key=partial.__getitem__, reverse=True)[:CANDIDATES]
        best.update(k for k in top if _dot(vec, vectors_of[k]) >= SIMILARITY)  # a story is tried through these only
    # Their stories' window members, and those of the stored stories a new article joins as a copy (a later
    # one may try such a story through it); when the copy candidates' stories began, too.
    wanted = {counts[k][0] for k in best if counts[k][0]} | _copied_stories(new, groups, copy_candidates)
    story_first = stored.began(wanted | {c.story for c in copy_candidates if c.story})

    linked: dict[Key, _Linked] = {}
    members: dict[str, list[Key]] = defaultdict(list)
    for k, a, c in stored.members(wanted):
        vector = vectors_of.get(k) or vectors_of.setdefault(k, _vector(c, idf))
        linked[k] = _Linked(a.day, a.countries, a.story, a.story_first or a.day, vector, evidence(a.figures), a.places)
        members[a.story].append(k)
    # The batch's own articles as they are linked, in date order: an entry is (day ordinal, key, weight).
    own_postings: dict[str, list[tuple[int, Key, float]]] = {}

    out: list[Assignment] = []
    story_by_id: dict[str, str] = {}
    for i, (a, vec, group, n_sh) in enumerate(zip(new, vectors, groups, sigs.shingles.tolist())):
        story = None
        if group != a.id:
            story = story_by_id.get(group) or _story_of_stored_group(group, story_of_copy, copy_candidates)
        if story is None:
            story = _best_story(a, vec, read[i], vectors_of, own_postings, linked, members)
        story = story or a.id
        first = story_first.setdefault(story, a.day)
        story_by_id[a.id] = story
        out.append(Assignment(a.id, group, story, a.day, int(n_sh)))
        key = -1 - i  # the batch's own keys: never a stored one's
        linked[key] = _Linked(a.day, a.countries, story, first, vec, evidence(a.figures), a.places)
        vectors_of[key] = vec
        members[story].append(key)
        day = a.day.toordinal()
        for t, w in vec.items():
            if t in sought:
                own_postings.setdefault(t, []).append((day, key, w))
    return out


_DAY_OF = operator.itemgetter(0)


def _copied_stories(new: Sequence[Article], groups: list[str], copy_candidates: Sequence[Article]) -> set[str]:
    """The stored stories the new articles join as copies of a stored article (`assign`'s copy path)."""
    story_of_copy = {a.id: a.story for a in copy_candidates if a.story}
    new_ids = {a.id for a in new}
    out = set()
    for a, group in zip(new, groups):
        if group != a.id and group not in new_ids:
            story = _story_of_stored_group(group, story_of_copy, copy_candidates)
            if story:
                out.add(story)
    return out


def _story_of_stored_group(group: str, story_of_copy: dict[str, str], copy_candidates: Sequence[Article]) -> str | None:
    """The story of a stored copy group: its first article's, or, when that one was not a candidate itself,
    that of a candidate of the group."""
    return story_of_copy.get(group) or next(
        (c.story for c in copy_candidates if c.copy_of == group and c.story), None)


def _dot(vec: dict[str, float], other: dict[str, float]) -> float:
    """The cosine of two unit vectors."""
    shared = vec.keys() & other.keys()
    # map instead of a generator: the same products summed in the same order, twice as fast
    return sum(map(operator.mul, map(vec.__getitem__, shared), map(other.__getitem__, shared)))


def _seed_terms(vec: dict[str, float]) -> list[str]:
    """An article's most distinctive terms, which find its candidates."""
    # sorted(...)[:n] is what heapq.nlargest(n, ...) returns (ties in the same order), in C
    return sorted(vec, key=vec.__getitem__, reverse=True)[:SEED_TERMS]


def _newest(found: list[tuple], day: dt.date) -> list[tuple]:
    """Of postings in (day, ...) order, those an article of `day` reads, newest first: the newest
    POSTINGS_READ inside its window (a word many articles of the window share is not what finds the
    story). Bounded after the article too: in a batch dated over months the step's window runs far past
    most of its articles, and its newest postings (weeks later) would leave them no candidate."""
    oldest = (day - dt.timedelta(days=WINDOW_DAYS)).toordinal()
    newest = (day + dt.timedelta(days=WINDOW_DAYS)).toordinal()
    end = bisect.bisect_right(found, newest, key=_DAY_OF)
    start = max(end - POSTINGS_READ, bisect.bisect_left(found, oldest, key=_DAY_OF))
    return found[start:end][::-1]


def _best_story(
    a: Article, vec: dict[str, float], stored_read: list[tuple[str, list[Key]]], vectors_of: dict[Key, dict[str, float]],
    own_postings: dict[str, list[tuple[int, Key, float]]], linked: dict[Key, _Linked], members: dict[str, list[Key]],
) -> str | None:
    # Candidates share one of the article's most distinctive words: their posting lists are short, where
    # scoring through every shared word would read the window's whole vocabulary of the conflict. The
    # stored postings first, then the batch's own (of the articles linked before this one), term by term.
    partial: dict[Key, float] = defaultdict(float)
    stored = dict(stored_read)
    for t in _seed_terms(vec):
        w = vec[t]
        for k in stored.get(t, ()):
            partial[k] += w * vectors_of[k][t]
        found = own_postings.get(t)
        if found is not None:
            for _, k, weight in _newest(found, a.day):
                partial[k] += w * weight

    def cosine(k: Key) -> float:
        return _dot(vec, vectors_of[k])

    # The exact cosine of the best few by their distinctive words only.
    scores = {k: cosine(k) for k in sorted(partial, key=partial.__getitem__, reverse=True)[:CANDIDATES]}
    tried: set[str] = set()
    own = evidence(a.figures)
    for k, score in sorted(scores.items(), key=lambda item: -item[1]):
        if score < SIMILARITY:
            break
        other = linked[k]
        if other.story in tried:
            continue
        if abs((a.day - other.day).days) > WINDOW_DAYS or (a.day - other.story_first).days > STORY_DAYS:
            continue
        if a.countries and other.countries and not (a.countries & other.countries):
            continue
        tried.add(other.story)
        # The event's own evidence: a report whose figures say it is of another event than one of the
        # story's (another night's attack told in the same words) does not join it.
        reports = members[other.story][-EVIDENCE_REPORTS:]
        if own and any(conflict(a.day, own, linked[m].day, linked[m].evidence) for m in reports):
            continue
        # And where it happened: a report naming places, none of which the story's reports name, is of
        # another event of the conflict (the same day's strike on another city).
        if a.places:
            named = frozenset().union(*(linked[m].places for m in reports))
            if named and not (a.places & named):
                continue
        # Single link alone chains one event's story into the next one of the same conflict: the
        # article must also resemble the story's articles in the window on average.
        near = [m for m in members[other.story][-CANDIDATES:] if abs((a.day - linked[m].day).days) <= WINDOW_DAYS]
        if sum(scores[m] if m in scores else cosine(m) for m in near) / max(len(near), 1) >= MEAN_SIMILARITY:
            return other.story
    return None
