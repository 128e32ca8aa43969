"""Typo-tolerant matching of role names: "skool securty" is read as "school security".

Only a word that is not an English word is corrected, so "school policy" never turns
into "school police". A rare English word is corrected only when the correction and its
neighbour make a role name: "privet security" is "private security". The English words
come from spacy-lookups-data, the package the NLU pipeline is built from, so nothing is
downloaded. Pure Python: no Rasa import.
"""

from __future__ import annotations

import difflib
import gzip
import json
from collections.abc import Collection
from functools import lru_cache
from importlib.resources import files

# Below these, corrections are guesses: "cps" could be anything; "skool" -> "school" is 0.73.
MIN_LENGTH = 4
CUTOFF = 0.72
# The frequency table also lists common misspellings; theirs fall below this log
# probability ("saftey" -15.3, "securty" -18.7) while rare real words stay above
# ("policed" -15.0, "deputies" is in the lemma table).
MIN_LOG_PROB = -15.0
# English words rarer than this are typos often enough to correct inside a role name
# ("privet" -16.7); common ones next to a role word are meant ("policy" -10.0, "compass" -12.9).
RARE_LOG_PROB = -14.0


def _table(name: str) -> dict[str, object]:
    return json.loads(gzip.decompress((files("spacy_lookups_data") / "data" / f"en_{name}.json.gz").read_bytes()))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(English words, common words) from one read of each table: they are large."""
    probs = [(word.lower(), float(prob)) for word, prob in _table("lexeme_prob").items()]
    forms = {word.lower() for pair in _table("lemma_lookup").items() for word in pair}
    english = frozenset({word for word, prob in probs if prob >= MIN_LOG_PROB} | forms)
    common = frozenset(word for word, prob in probs if prob >= RARE_LOG_PROB)
    return english, common


def english_words() -> frozenset[str]:
    """Frequent English words plus every inflected form of the lemmatizer's table."""
    return _vocabulary()[0]


def correct(
    words: list[str],
    targets: frozenset[str],
    pairs: Collection[tuple[str, str]] = (),
    same_start: bool = False,
    rivals: frozenset[str] = frozenset(),
) -> list[str]:
    """The words with each misspelt one replaced by the closest target word, if one is close.

    `pairs` are adjacent words of the role names; a rare English word is replaced only
    when its correction forms such a pair with the word before or after it. `same_start`
    keeps a correction to targets with the word's first letter ("meening" is not "evening").
    A word closer to one of the `rivals` is left as written: "dutys" means "duties", not "deputy".
    """
    known = _vocabulary()[0]
    pool = targets | rivals
    corrections = [_closest(word, pool, same_start) for word in words]
    corrections = [c if c in targets else None for c in corrections]
    fixed = []
    for i, (word, close) in enumerate(zip(words, corrections, strict=True)):
        # The next word may pair up as written or once its own typo is corrected: "privet securty".
        after = words[i + 1 : i + 2]
        after += [c for c in corrections[i + 1 : i + 2] if c and after[0] not in known]
        if close and (word not in known or _pairs_up(close, fixed[-1:], after, pairs)):
            word = close
        fixed.append(word)
    return fixed


@lru_cache(maxsize=4096)
def _closest(word: str, targets: frozenset[str], same_start: bool) -> str | None:
    """The target a misspelt word is closest to; cached, as every message asks for the same words."""
    if len(word) < MIN_LENGTH or word in targets or word in _vocabulary()[1]:
        return None
    pool = [t for t in targets if len(t) >= MIN_LENGTH and (not same_start or t[0] == word[0])]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=CUTOFF)
    return close[0] if close else None


def _pairs_up(word: str, before: list[str], after: list[str], pairs: Collection[tuple[str, str]]) -> bool:
    return any((b, word) in pairs for b in before) or any((word, a) in pairs for a in after)
