"""Words as the search index and the browser both see them.

Two forms of every word: the *stemming form* (NFKC, lower case, accents
kept: Snowball's French and German rules read the accents) and the
*folded form* (accents and case dropped), which is what a visitor's query
is matched against, so "epanouissement" finds "épanouissement" and the
reverse. `theme/static/js/search.js` folds a query with the same steps
(NFKD, drop nonspacing marks, lower case, ß as ss, NFC) and splits it at
the same characters; change both together.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator

# Snowball algorithm per catalog code of the languages we ship.
ALGORITHMS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "pt": "portuguese",
    "nl": "dutch",
    "it": "italian",
}
# Letters and digits (and combining marks, which NFKC leaves where no
# precomposed letter exists); everything else separates words, so
# "l'équipe" is "l" and "équipe", "bien-être" is "bien" and "être".
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
MIN_LENGTH = 2  # one letter ("a", "l", "à") only makes noise


def fold(word: str) -> str:
    """What a query is compared with: "Épanouïe" -> "epanouie"."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.lower().replace("ß", "ss"))


def words(text: str) -> Iterator[str]:
    """The stemming forms of `text`'s words, in order."""
    for match in _WORD.finditer(unicodedata.normalize("NFKC", text).lower()):
        word = match.group()
        if len(word) >= MIN_LENGTH or word.isdigit():
            yield word


def word_counts(text: str) -> Counter[str]:
    """How often each word of `text` occurs, as `words` spells them."""
    found = Counter(_WORD.findall(unicodedata.normalize("NFKC", text).lower()))
    return Counter({w: n for w, n in found.items() if len(w) >= MIN_LENGTH or w.isdigit()})


def stemmer_for(language: str) -> Callable[[str], str]:
    """A stemmer for a catalog code ("fr", "pt_BR"), remembering every word it
    has seen (a site repeats its words; Snowball in pure Python is the
    index's slowest step). A language without a Snowball algorithm keeps
    whole words."""
    algorithm = ALGORITHMS.get(language.split("_")[0].lower())
    if algorithm is None:
        return lambda word: word
    # Imported here: a build whose pages were all analysed before (the
    # memo) never needs it, and loading it is a tenth of a small build.
    import snowballstemmer

    stem_word = snowballstemmer.stemmer(algorithm).stemWord
    seen: dict[str, str] = {}

    def stem(word: str) -> str:
        found = seen.get(word)
        if found is None:
            found = seen[word] = stem_word(word)
        return found

    return stem


def shard_key(head: str) -> str:
    """The file name for the words that begin with `head` (folded), spelt
    safely for any host: "co"; "œu" -> "_153-75"; "" (a word of marks alone,
    which folding removes) -> "_"."""
    if re.fullmatch(r"[a-z0-9]+", head):
        return head
    return "_" + "-".join(f"{ord(ch):x}" for ch in head)
