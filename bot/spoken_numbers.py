"""Numbers said aloud, as voice typing writes them, turned back into digits.

People who dictate send "la forma i quinientos ochenta y nueve", "uno ochenta días" or "nine one
one"; the FAQ knows I-589, 180 days and 911. Digits said one by one, or in pairs as English speakers
say years and form numbers ("twenty fifteen", "one eighty"), are written side by side, as they are
read. Works on normalised tokens (lower case, no accents).
"""

from __future__ import annotations

from typing import Final

_UNITS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
}  # fmt: skip
_TEENS: Final = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
    "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90,
}  # fmt: skip
_HUNDREDS: Final = {
    "cien": 100, "ciento": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}  # fmt: skip
_CONNECTORS: Final = frozenset({"y", "and"})  # "treinta y tres", "one hundred and fifty"
# A number word alone becomes digits only when it is big and could not be another word: "dos años" and
# "cinco motivos" stay words, as do "no one", "once a week", "ten cuidado" and "5 mil".
_ALONE: Final = (frozenset(_TEENS) | frozenset(_TENS) | frozenset(_HUNDREDS)) - {"once", "ten", "cien", "ciento"}
NUMBER_WORDS: Final = frozenset(_UNITS) | frozenset(_TEENS) | frozenset(_TENS) | frozenset(_HUNDREDS) | {"hundred", "thousand", "mil"}


class _Chunk:
    """One number said the usual way ("quinientos ochenta y nueve"), built word by word."""

    def __init__(self) -> None:
        self.thousands = 0  # the part already multiplied by a thousand
        self.hundreds = 0
        self.tens = 0
        self.units = 0
        self.words = 0

    @property
    def value(self) -> int:
        return self.thousands + self.hundreds + self.tens + self.units

    def take(self, word: str) -> bool:
        """Add `word` if it continues this number; False when it starts a new one."""
        below_hundred = self.tens + self.units
        if word in ("thousand", "mil"):
            if self.thousands or (self.words and self.value >= 1000):
                return False
            self.thousands, self.hundreds, self.tens, self.units = max(1, self.value) * 1000, 0, 0, 0
        elif word == "hundred":  # "five hundred", or "hundred" alone
            if self.hundreds or self.tens or (self.words and not self.units):
                return False
            self.hundreds, self.units = max(1, self.units) * 100, 0
        elif word in _HUNDREDS:
            if self.hundreds or below_hundred:
                return False
            self.hundreds = _HUNDREDS[word]
        elif word in _TENS:
            if below_hundred:
                return False
            self.tens = _TENS[word]
        elif word in _TEENS:
            if below_hundred:
                return False
            self.tens = _TEENS[word]
        elif word in _UNITS:
            if self.units or (self.tens and (self.tens % 10 or self.tens < 20)):  # "veintiuno", "quince" take no unit
                return False
            if self.words and not self.tens and not self.hundreds and not self.thousands:
                return False
            self.units = _UNITS[word]
        self.words += 1
        return True


def spoken_numbers(tokens: list[str]) -> list[str]:
    """Replace every run of number words with its digits: ["i", "cinco", "ocho", "nueve"] -> ["i", "589"]."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] not in NUMBER_WORDS:
            out.append(tokens[i])
            i += 1
            continue
        chunks: list[_Chunk] = [_Chunk()]
        words: list[str] = []
        j = i
        while j < len(tokens):
            word = tokens[j]
            if word in _CONNECTORS and j + 1 < len(tokens) and _joins(chunks[-1], word, tokens[j + 1]):
                j += 1  # "treinta y tres", "one hundred and fifty": the connector joins one number's parts
                continue
            if word not in NUMBER_WORDS:
                break
            if not chunks[-1].take(word):
                chunks.append(_Chunk())
                chunks[-1].take(word)
            words.append(word)
            j += 1
        if len(words) == 1 and words[0] not in _ALONE:
            out.append(words[0])
        else:
            out.append("".join(str(chunk.value) for chunk in chunks))
        i = j
    return out


def _joins(chunk: _Chunk, connector: str, following: str) -> bool:
    """Whether "y"/"and" sits inside one number ("treinta y tres") rather than between two ("dos y tres")."""
    if connector == "y":
        return chunk.tens >= 20 and not chunk.units and following in _UNITS
    return bool(chunk.hundreds) and not chunk.tens and not chunk.units and following in NUMBER_WORDS
