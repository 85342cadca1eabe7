"""Near-duplicate articles: one-permutation MinHash over word 5-shingles, banded for LSH.

An article's id is the hash of its cleaned body, so only word-for-word copies share one. A wire story
republished with another headline, a trimmed last paragraph or a "Reporting by" line is a near-duplicate:
the sets of its 5-word shingles overlap the original's almost entirely.

Why not datasketch: its MinHash hashes each shingle in Python (sha1) and then applies 128 permutations:
0.70 ms per article where `signatures` takes 0.09 ms (measured on 2,000 bench articles, same machine and
minute), i.e. 70 s for 100,000 when the issue allows 60 s for copies *and* stories. rapidfuzz compares
two strings at a time, which is n^2 comparisons for a store: it has no index to find candidates.
Here the whole batch is hashed at once with numpy (a polynomial hash per word, combined into shingles) and
each shingle is hashed once: one-permutation hashing (Li, Owen & Zhang 2012) puts it in one of K bins by
its top bits and keeps each bin's minimum. A bin empty in both articles says nothing, so the Jaccard
estimate counts bins where both agree over bins where either is filled. Everything is a pure function of
the texts: the same body gives the same signature in any process, so band keys can be stored and a new
batch compared with the store by a join.
"""
from __future__ import annotations

import itertools
import re
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE = 5  # words per shingle
BINS = 160  # signature length
ROWS = 5  # bins per LSH band: 32 bands catch a pair of Jaccard 0.6 with p = 0.93, 0.7 with p = 0.996,
BANDS = BINS // ROWS  # and one of 0.3 with p = 0.075 (4 rows would make 3x as many low pairs to check)
JACCARD = 0.45  # at least this estimated Jaccard of shingles: a copy
CONTAINMENT = 0.75  # or this share of the shorter article's shingles in the longer one (a trimmed copy)
MIN_SHINGLES = 20  # shorter bodies (a headline and a line) are not compared: every brief would match
# A copy is a reprint: published at most this many days from the article it copies and from the first
# article of its copy group. Text repeated months apart (a boilerplate statement, a template filled in
# again) is not syndication; under a week, so that a weekly bulletin's issues are not copies of one
# another, and a daily statement's are grouped by the week at most. An undated article is dated by the
# day it was ingested (the store's `day`, the clock of stories too).
COPY_DAYS = 6
# Bin values are 16 bits (one-permutation hashing with a 16-bit hash: two shingles of one bin tie with
# probability ~1/65,536), so a signature is 320 bytes and is stored with each article: a new batch's
# candidate copies are compared from their stored signatures, without reading or hashing their texts.
EMPTY = np.uint16(0xFFFF)

_U64 = np.uint64
_MASK16 = _U64(0xFFFF)
_MULT = _U64(0x9E3779B97F4A7C15)
_SHINGLE_MULTS = np.array([pow(0x100000001B3, i + 1, 2**64) | 1 for i in range(SHINGLE)], dtype=_U64)
_BAND_MULTS = np.array([pow(0xC2B2AE3D27D4EB4F, i + 1, 2**64) | 1 for i in range(ROWS)], dtype=_U64)
# Word characters: ASCII letters and digits, and every byte of a multi-byte UTF-8 character; every
# other byte (punctuation, quotes, dashes) becomes a space, so "strike," and "strike" are one word.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789") | frozenset(range(128, 256))
_SPACES = bytes(c if c in _WORD_BYTES else 32 for c in range(256))
# Bylines and credit lines that syndication adds or removes; they must not make a copy look different.
_CREDIT = re.compile(
    r"^\s*(?:\(?(?:reporting|writing|editing|additional reporting|compiled|translated) by\b.*|"
    r"copyright\b.*|©.*|all rights reserved.*)$",
    re.IGNORECASE | re.MULTILINE,
)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the output (uint64 arithmetic wraps)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(30))
        x = x * _U64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> _U64(27))
        x = x * _U64(0x94D049BB133111EB)
        return x ^ (x >> _U64(31))


CREDIT_TAIL = 600  # credit lines are looked for in the body's last characters only


def normalise(body: str) -> str:
    head, tail = body[:-CREDIT_TAIL], body[-CREDIT_TAIL:]
    return (head + _CREDIT.sub(" ", tail)).lower()


@dataclass(frozen=True)
class Signatures:
    """One row per article: its bins' minima (EMPTY where no shingle fell) and its shingle count."""

    bins: np.ndarray  # (n, BINS) uint16
    shingles: np.ndarray  # (n,) int64

    def __len__(self) -> int:
        return len(self.shingles)


def signatures(bodies: list[str]) -> Signatures:
    """The one-permutation MinHash signature of each body (a pure function of the text)."""
    n = len(bodies)
    bins = np.full((n, BINS), EMPTY, dtype=np.uint16)
    counts = np.zeros(n, dtype=np.int64)
    if n == 0:
        return Signatures(bins, counts)
    # Words split and hashed by C loops (bytes.translate, bytes.split, zlib.crc32 under map): 3x faster
    # than doing the same per byte with numpy, and stable across processes, unlike hash().
    split = [normalise(b).encode("utf-8").translate(_SPACES).split() for b in bodies]
    per_doc = np.fromiter(map(len, split), dtype=np.int64, count=n)
    total = int(per_doc.sum())
    if total == 0:
        return Signatures(bins, counts)
    words = _mix(np.fromiter(map(zlib.crc32, itertools.chain.from_iterable(split)), dtype=_U64, count=total))
    word_doc = np.repeat(np.arange(n), per_doc)

    m = len(words) - SHINGLE + 1
    if m <= 0:
        return Signatures(bins, counts)
    same_doc = word_doc[: m] == word_doc[SHINGLE - 1:]
    with np.errstate(over="ignore"):
        sh = np.zeros(m, dtype=_U64)
        for k in range(SHINGLE):
            sh += words[k: k + m] * _SHINGLE_MULTS[k]
    sh = _mix(sh[same_doc])
    sh_doc = word_doc[: m][same_doc]
    counts = np.bincount(sh_doc, minlength=n).astype(np.int64)
    # The top 32 bits pick the bin (multiply-shift range reduction).
    which = ((sh >> _U64(32)) * _U64(BINS)) >> _U64(32)
    key = sh_doc.astype(np.int64) * BINS + which.astype(np.int64)
    flat = bins.reshape(-1)
    # The low 16 bits are the value (0xFFFF, the empty mark, becomes 0xFFFE).
    np.minimum.at(flat, key, np.minimum(sh & _MASK16, _U64(0xFFFE)).astype(np.uint16))
    return Signatures(flat.reshape(n, BINS), counts)


def to_bytes(sigs: Signatures, i: int) -> bytes:
    """Row i's bins as stored (little-endian uint16)."""
    return sigs.bins[i].astype("<u2").tobytes()


def from_bytes(blobs: list[bytes], shingles: list[int]) -> Signatures:
    """Signatures from stored rows (`to_bytes`); a missing one reads as all empty (never a copy)."""
    empty = np.full(BINS, EMPTY, dtype=np.uint16).tobytes()
    raw = b"".join(b if b and len(b) == 2 * BINS else empty for b in blobs)
    bins = np.frombuffer(raw, dtype="<u2").astype(np.uint16).reshape(len(blobs), BINS)
    return Signatures(bins, np.array([s or 0 for s in shingles], dtype=np.int64))


def band_keys(sigs: Signatures) -> np.ndarray:
    """(n, BANDS) int32 LSH keys, the band's number mixed in; -1 where an article is too short to compare
    or the band is all empty bins (two short texts would meet there by emptiness alone)."""
    n = len(sigs)
    if n == 0:
        return np.zeros((0, BANDS), dtype=np.int32)
    rows = sigs.bins.reshape(n, BANDS, ROWS).astype(_U64)
    with np.errstate(over="ignore"):
        combined = (rows * _BAND_MULTS).sum(axis=2) + np.arange(BANDS, dtype=_U64) * _MULT
    keys = (_mix(combined) >> _U64(33)).astype(np.int32)  # 31 bits: never -1
    empty_band = (sigs.bins.reshape(n, BANDS, ROWS) == EMPTY).all(axis=2)
    keys[empty_band | (sigs.shingles < MIN_SHINGLES)[:, None]] = -1
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (rows of `Signatures.bins`)."""
    filled = (a != EMPTY) | (b != EMPTY)
    n = int(filled.sum())
    return float(((a == b) & filled).sum()) / n if n else 0.0


def containment(j: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set inside the larger, from the Jaccard estimate and the set sizes."""
    if min(size_a, size_b) <= 0:
        return 0.0
    shared = j * (size_a + size_b) / (1.0 + j)
    return min(1.0, shared / min(size_a, size_b))


def is_copy(j: float, size_a: int, size_b: int) -> bool:
    if min(size_a, size_b) < MIN_SHINGLES:
        return False
    return j >= JACCARD or containment(j, size_a, size_b) >= CONTAINMENT


def jaccards(bins: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 65536) -> np.ndarray:
    """Estimated Jaccard of each pair (left[k], right[k]) of rows of `bins`, vectorised in chunks."""
    out = np.zeros(len(left), dtype=np.float64)
    for s in range(0, len(left), chunk):
        a, b = bins[left[s:s + chunk]], bins[right[s:s + chunk]]
        filled = (a != EMPTY) | (b != EMPTY)
        same = ((a == b) & filled).sum(axis=1)
        out[s:s + chunk] = same / np.maximum(filled.sum(axis=1), 1)
    return out


def copy_mask(j: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """`is_copy` for arrays of pairs."""
    small = np.minimum(size_a, size_b)
    shared = j * (size_a + size_b) / (1.0 + j)
    contained = shared / np.maximum(small, 1)
    return (small >= MIN_SHINGLES) & ((j >= JACCARD) | (contained >= CONTAINMENT))


HEAD = 8  # members of a band bucket each row is paired with


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: `np.unique` by sorting. numpy 2's `np.unique` hashes, which took 7x as
    long on the millions of pair codes of a store's batch (10.9 s against 1.5 s for 5 million int64)."""
    if len(values) == 0:
        return values
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


def candidate_pairs(keys: np.ndarray, first_new: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows sharing at least one band key, as arrays (left, right) of row numbers with left < right and
    right >= first_new (rows before it are stored articles, already compared with one another).

    Rows come in date order. A key shared by very many rows is boilerplate or one wire story carried
    everywhere: each row is paired with the HEAD rows before it in its bucket only, the nearest in time
    (a copy is a reprint, see COPY_DAYS), enough to join it to its group without n^2 pairs."""
    n = keys.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty, empty
    flat = keys.reshape(-1)
    rows = np.repeat(np.arange(n, dtype=np.int64), keys.shape[1])
    keep = flat != -1
    flat, rows = flat[keep], rows[keep]
    order = np.lexsort((rows, flat))
    flat, rows = flat[order], rows[order]
    pos = np.arange(len(flat))
    new_group = np.ones(len(flat), dtype=bool)
    new_group[1:] = flat[1:] != flat[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0))
    # Only entries of new rows look back for partners (rows ascend within a bucket).
    mine = np.flatnonzero(rows >= first_new)
    codes = []
    for d in range(1, HEAD + 1):
        partner = mine - d
        ok = partner >= group_start[mine]
        left, right = rows[partner[ok]], rows[mine[ok]]
        codes.append((left * n + right)[left < right])  # a row twice in a bucket (a key collision) is no pair
    pair = distinct(np.concatenate(codes))
    return pair // n, pair % n
