"""Plain data passed between the pipeline's steps.

Every step left of the store is a pure function from one of these to the next, so the same code runs
in one process, a process pool or a Dask partition.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

_T = TypeVar("_T")


def _fills_its_dict(cls: type[_T]) -> type[_T]:
    """A frozen dataclass made cheaper to create: its __init__ fills the instance's __dict__ directly, where
    the generated one calls object.__setattr__ for every field (as frozen classes must), which costs about
    twice as much. Extraction makes some fifty of these per article (sentences, mentions, figures).
    Instances stay frozen, equal, hashable and picklable as before; fields and defaults are the class's."""
    params, lines, defaults = [], [], {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not dataclasses.MISSING or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields and defaults are supported")
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        lines.append(f"    d[{f.name!r}] = {f.name}")
    namespace = dict(defaults)
    exec(f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n" + "\n".join(lines), namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


@dataclass(frozen=True)
class RawDocument:
    """One input as read from disk, an export row, a feed entry or a URL, before cleaning."""

    origin: str  # path or URL, named in error messages and kept for provenance
    content: str  # decoded page: HTML or plain/scraped text
    is_html: bool = False
    # Metadata an export or a feed already gives; cleaning fills in what is missing from the page.
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article: metadata and the story's own text, clutter removed."""

    id: str  # hash of the normalised body: the same story saved twice is one article
    title: str
    published: dt.date | None
    source: str | None
    url: str | None
    body: str
    origin: str = ""
    # The page had no headline: the title is the story's first sentence, which the body already holds.
    title_from_body: bool = False
    # Only the day and month were written ("TAIPEI, Nov 27 (Reuters) -"): the year was inferred.
    date_inferred: bool = False
    # The body was longer than clean.MAX_BODY_CHARS and was cut at a paragraph or sentence before it.
    body_cut: bool = False

    @property
    def text(self) -> str:
        """The analysed text: the title as the first paragraph (unless the body already begins with it),
        then the body.

        Every character span (mentions, figures, sentences) is an offset into this string.
        """
        return self.body if self.title_from_body else document_text(self.title, self.body)


def document_text(title: str, body: str) -> str:
    return f"{title}\n\n{body}" if title else body


@_fills_its_dict
@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@_fills_its_dict
@dataclass(frozen=True)
class CountryMention:
    iso3: str
    start: int
    end: int
    surface: str  # the words as written, e.g. "Venezuelan"


@_fills_its_dict
@dataclass(frozen=True)
class PlaceMention:
    """A city or region linked to its country ("Kharkiv" -> UKR); not a mention of the country itself."""

    name: str
    iso3: str
    start: int
    end: int


@_fills_its_dict
@dataclass(frozen=True)
class Figure:
    """A number the article reports, with the sentence that proves it."""

    kind: str  # one of figures.KINDS
    value: int
    qualifier: str | None  # "at least", "about", "more than", "up to" or None
    evidence: str  # the sentence
    start: int  # span of the evidence sentence in Article.text
    end: int
    match_start: int  # span of the number phrase itself, for highlighting
    match_end: int
    countries: tuple[str, ...] = ()  # ISO3 codes named in the evidence sentence
    # How the text states the number when it is not a plain count: "dozens" (counted as 12) or the parts of a
    # sum ("seven soldiers and four civilians"), to be shown with the number so none reads it as reported.
    wording: str | None = None
    scope: str | None = None  # figure_scope.SCOPES: cumulative, incident or state
    claimant: str | None = None  # who the sentence says reports it ("health ministry"), if it says


@_fills_its_dict
@dataclass(frozen=True)
class Signal:
    """A sentence that reports force used (an act) or shown, warned of or prepared (a threat)."""

    kind: str  # signals.ACT or signals.THREAT
    evidence: str  # the sentence
    start: int  # span of the sentence in Article.text
    end: int
    countries: tuple[str, ...] = ()  # ISO3 codes named in the sentence, in order of first mention


@dataclass
class Extraction:
    """Everything the analysis finds in one article."""

    article: Article
    mentions: list[CountryMention] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)  # ISO3 -> mention count
    places: list[PlaceMention] = field(default_factory=list)  # cities and regions, linked to their country
    figures: list[Figure] = field(default_factory=list)
    tone: float = 0.0  # mean VADER compound over the sentences
    tone_by_country: dict[str, float] = field(default_factory=dict)
    sentences_by_country: dict[str, int] = field(default_factory=dict)  # ISO3 -> sentences naming it
    n_sentences: int = 0
    signals: list[Signal] = field(default_factory=list)
    pairs: dict[str, int] = field(default_factory=dict)  # "ISO3|ISO3" -> signalled sentences naming both
