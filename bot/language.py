"""Deciding whether a message is English or Spanish, including one-word and mixed messages.

Function words say most about a language and little about a topic, so the same lists serve as stop
words for the matcher. Words from the FAQ's own questions (`LanguageVotes`) decide the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Lang

ENGLISH_WORDS: frozenset[str] = frozenset(
    """
    a about after again all also am an and any anything are as at be been before being but by can
    cant could did do does doesnt dont for from get got had has have having he her here him his how
    i id if im in into is isnt it its ive just know let like me mine more most much must my myself
    need needs no not now of off on once only or other our out over please pls plz should so some
    someone something still than thank thanks that thats the their them then there these they this
    those through to too u under until up us very want wanna was we were what whats when where which
    while who why will with would yes yet you your youre ur im hi hello hey ok okay
    wat wut wats watz r ya yall gonna gotta
    """.split()
)

SPANISH_WORDS: frozenset[str] = frozenset(
    """
    a al algo alguien algun alguna ante antes aqui asi aun bien cada como con contra cual cuales
    cuando cuanto de del desde donde dos el ella ellas ellos en entre era eres es esa ese eso esta
    estan estas este esto estoy fue fueron gracias ha hace hacer han hasta hay he hola la las le les
    lo los mas me mi mis mucho muy nada ni no nos nosotros nuestra nuestro o otra otro para pero
    poco por porque puede pueden puedo que quien se sea ser si sin sobre solo soy su sus tal
    tambien te tengo tiene tienen todo todos tu tus un una uno unos usted ustedes va vamos y ya yo
    favor necesito quiero saber q k xq pq porfa oiga buenas buenos dias tardes noches
    ke xfa plis tmb pa pal dnd toy
    """.split()
)

STOP_WORDS: frozenset[str] = ENGLISH_WORDS | SPANISH_WORDS

_SPANISH_MARKS = frozenset("ñ¿¡áéíóú")


@dataclass(frozen=True)
class LanguageVotes:
    """Words seen in only one language's FAQ questions: evidence for that language."""

    english_only: frozenset[str]
    spanish_only: frozenset[str]


def detect_language(raw: str, tokens: list[str], votes: LanguageVotes, fallback: Lang) -> Lang:
    """Pick the language with more evidence; a tie (or no words at all) keeps `fallback`."""
    english = spanish = 0.0
    for token in tokens:
        in_en = token in ENGLISH_WORDS
        in_es = token in SPANISH_WORDS
        if in_en and not in_es:
            english += 1.0
        elif in_es and not in_en:
            spanish += 1.0
        elif not in_en and not in_es:
            if token in votes.english_only:
                english += 0.75
            elif token in votes.spanish_only:
                spanish += 0.75
    lowered = raw.lower()
    spanish += 1.5 * sum(1 for ch in lowered if ch in _SPANISH_MARKS)
    if english > spanish:
        return Lang.EN
    if spanish > english:
        return Lang.ES
    return fallback
