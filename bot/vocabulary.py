"""The staff's vocabulary applied to text: colloquial words and misspellings read as canonical ones."""

from __future__ import annotations

from typing import Final

from bot.language import SHORTHAND, STOP_WORDS
from bot.model import Synonym
from bot.text import normalize

OFF_TOPIC: Final = "offtopic"  # the canonical word for words of legal areas the FAQ does not cover
GAPPED_LENGTH: Final = 3  # an off-topic phrase this long also matches with one more word inside it


class Vocabulary:
    """Rewrites every variant in a normalised text to its canonical word, longest variant first.

    Texting shorthand ("d", "q", "x", "b4") is spelled out first, in variants and texts alike.

    Works on words, not a giant regular expression, so it stays fast with thousands of variants.
    """

    def __init__(self, synonyms: tuple[Synonym, ...]) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        for synonym in synonyms:
            canonical = normalize(synonym.canonical)
            for variant in synonym.variants:
                key = spelled_out(normalize(variant).split())
                if usable_variant(variant) and " ".join(key) != canonical:
                    self.table[key] = canonical
        # "lawyers" is read like "lawyer": a plural of a one-word variant, unless it is a variant itself.
        self.plurals: dict[str, str] = {}
        for (word, *rest), canonical in list(self.table.items()):
            if not rest and len(word) > 2:
                for plural in (word + "s", word + "es"):
                    if (plural,) not in self.table:
                        self.plurals.setdefault(plural, canonical)
        # "renew my Mexican passport" is still "renew my passport": another legal area, whatever the adjective.
        self.gapped = {k for k, canonical in self.table.items() if canonical == OFF_TOPIC and len(k) >= GAPPED_LENGTH}
        self.gapped_starts = frozenset(k[0] for k in self.gapped)
        self.longest = max((len(k) for k in self.table), default=0)
        # Most words start no variant: one lookup. The others try only the lengths their variants have.
        lengths: dict[str, set[int]] = {}
        for key in self.table:
            lengths.setdefault(key[0], set()).add(len(key))
        self.lengths = {word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}

    def __call__(self, text: str) -> str:
        if not self.table:
            return text
        words = list(spelled_out(text.split()))
        out: list[str] = []
        i = 0
        while i < len(words):
            lengths = self.lengths.get(words[i])
            if lengths is None:
                out.append(self.plurals.get(words[i], words[i]))
                i += 1
                continue
            for n in lengths:
                if i + n > len(words):
                    continue
                canonical = self.table.get(tuple(words[i : i + n]))
                if canonical is not None:
                    out.append(canonical)
                    i += n
                    break
            else:
                gapped = self._gapped_at(words, i) if words[i] in self.gapped_starts else 0
                out.append(OFF_TOPIC if gapped else words[i])
                i += gapped or 1
        return " ".join(out)

    def _gapped_at(self, words: list[str], i: int) -> int:
        """The length of an off-topic phrase with one extra word inside that starts at `i`, or 0."""
        for n in range(min(self.longest, len(words) - i - 1), GAPPED_LENGTH - 1, -1):
            window = words[i : i + n + 1]
            for gap in range(1, n):
                if tuple(window[:gap] + window[gap + 1 :]) in self.gapped:
                    return n + 1
        return 0


def spelled_out(words: list[str]) -> tuple[str, ...]:
    """Texting shorthand spelled out, on both sides: "notificacion d comparecencia", "visa u"."""
    return tuple(SHORTHAND.get(w, w) for w in words)


def usable_variant(variant: str) -> bool:
    """A variant that normalises to a lone letter or a common word would rewrite half of every message."""
    words = normalize(variant).split()
    return bool(words) and not (len(words) == 1 and (len(words[0]) < 2 or words[0] in STOP_WORDS))
