"""Text normalisation shared by the matcher, the validator and the vocabulary.

People type on phones: capitals, missing accents, "helllp", "don't" and "dont", emoji. Everything
that compares text goes through `normalize` first, so both sides look alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")

# Suffixes folded away so "papeles"/"papel", "arrested"/"arrest", "revisar"/"reviso" and
# "deportación"/"deportation" meet. Order matters: the first that fits is removed, then one final vowel.
_SUFFIXES = ("aciones", "acion", "ations", "ation", "iendo", "ando", "ing", "ed", "es", "s", "ar", "ir", "an", "en")
_FINAL_VOWELS = ("a", "o", "e")
_PRONOUNS = ("melo", "mela", "selo", "sela", "los", "las", "les", "nos", "me", "te", "se", "lo", "la", "le")
_MIN_STEM = 4
# "-an"/"-en" end Spanish verbs ("preguntan", "pueden"), and these English words, which keep them.
_ENGLISH_AN_EN = frozenset(
    """
    american mexican dominican african rican cuban german urban happen listen taken given written broken
    forgotten children women citizen seven eleven hidden chosen driven kitchen often garden sudden golden
    between screen frozen stolen beaten eaten fallen gotten spoken awaken threaten threatened
    """.split()
)


def normalize(text: str) -> str:
    """Fold case, accents, apostrophes, punctuation, letter repeats and spaces. Idempotent."""
    if not text.isascii():  # "está" -> "esta"; letters outside Latin, and emoji, fall away
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    text = _APOSTROPHES.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _REPEATS.sub(r"\1", text)
    return " ".join(text.split())


@lru_cache(maxsize=65_536)
def stem(token: str) -> str:
    """A light suffix stripper for English and Spanish; crude, but the same on both sides."""
    if len(token) <= _MIN_STEM or token.isdigit():
        return token
    for pronoun in _PRONOUNS:  # "deportarme", "arrestarlo", "avisarle": the verb without its pronoun
        base = token[: -len(pronoun)]
        if token.endswith(pronoun) and base.endswith(("ar", "er", "ir")) and len(base) > _MIN_STEM:
            token = base
            break
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= _MIN_STEM:
            if suffix == "es" and token[-3] in "aeiou":
                continue
            if suffix in ("an", "en") and (token[-3] in "aeiou" or token in _ENGLISH_AN_EN):
                continue
            token = token[: -len(suffix)]
            break
    if token.endswith(_FINAL_VOWELS) and len(token) - 1 >= _MIN_STEM:
        token = token[:-1]
    return token


# Spanish spelled by ear: letters that sound alike in Latin American Spanish fold together, so
# "nesesito", "ase", "ablar" and "polisia" meet "necesito", "hace", "hablar" and "policia". Double
# letters stay apart: "caro" is not "carro", and Spanish has no "ss", so English "mess" stays English.
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ch", "1"),  # kept apart from the silent h and the hard c
        (r"h", ""),
        (r"qu(?=[ei])", "k"),
        (r"gu(?=[ei])", "2"),  # the hard g of "guerra", kept apart from the soft g of "gente"
        (r"g(?=[ei])", "j"),
        (r"2", "g"),
        (r"c(?=[ei])", "s"),
        (r"c", "k"),
        (r"z", "s"),
        (r"v", "b"),
        (r"ll", "y"),
        (r"y(?![aeiou])", "i"),
        (r"n(?=m)", ""),  # "inmigracion", "imigracion"
        (r"n(?=[bp])", "m"),  # "inportante", "importante"
    )
)


@lru_cache(maxsize=65_536)
def spanish_sound(word: str) -> str:
    """How a normalised Spanish word sounds, as a key: "nesesito" and "necesito" share one."""
    for pattern, replacement in _SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


def sentences(text: str) -> list[str]:
    """Split raw text into sentences, keeping their order (the question is often the last one)."""
    parts = re.split(r"(?<=[.!?])\s+|[\n;]+|[¿¡]", text)
    return [part for part in (p.strip() for p in parts) if part]
