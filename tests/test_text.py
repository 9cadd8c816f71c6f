from __future__ import annotations

import pytest

from bot.language import proper_nouns
from bot.model import Synonym
from bot.text import normalize, sentences, spanish_sound, stem
from bot.vocabulary import Vocabulary


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("La Migra está en mi PUERTA!!", "la migra esta en mi puerta"),
        ("¿Cuánto cuesta el asilo?", "cuanto cuesta el asilo"),
        ("heeelllp   me  pls", "help me pls"),
        ("don't sign", "dont sign"),
        ("I-589 form", "i 589 form"),
        ("niño año", "nino ano"),
        ("🙏🙏", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("raw", ["Ñandú!!! ¿QUÉ?", "aaaa bbb  cc", "d'oh… ’tis", "ICE agents", "x" * 5000])
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once


def test_stem_folds_plurals_and_gender_in_both_languages() -> None:
    assert stem("papeles") == stem("papel")
    assert stem("abogados") == stem("abogada") == stem("abogado")
    assert stem("arrested") == stem("arrest") == stem("arresting")
    assert stem("deportacion") == stem("deportation")
    assert stem("ice") == "ice"
    assert stem("caso") != stem("casa")


def test_sentences_keep_order_and_drop_empties() -> None:
    story = "We came in 2019. My son is 5!\n\nWhat do I do now?"
    assert sentences(story) == ["We came in 2019.", "My son is 5!", "What do I do now?"]


def test_vocabulary_spells_out_texting_shorthand_in_variants_and_texts_alike() -> None:
    vocabulary = Vocabulary((Synonym("nta", ("notificacion de comparecencia",)), Synonym("u visa", ("visa u",))))
    assert vocabulary("q es la notificacion d comparecencia") == "que es la nta"
    assert vocabulary("visa u requisitos") == "u visa requisitos"


@pytest.mark.parametrize(
    ("by_ear", "spelled"),
    [("nesesito", "necesito"), ("ase", "hace"), ("ablar", "hablar"), ("polisia", "policia"), ("jente", "gente"),
     ("yamar", "llamar"), ("bes", "vez"), ("imigrasion", "inmigracion"), ("kiere", "quiere")],
)
def test_spanish_spelled_by_ear_sounds_like_the_word(by_ear: str, spelled: str) -> None:
    assert spanish_sound(by_ear) == spanish_sound(spelled)


@pytest.mark.parametrize(("one", "other"), [("caro", "carro"), ("pero", "perro"), ("mess", "mes"), ("guerra", "jera")])
def test_sounds_that_differ_stay_apart(one: str, other: str) -> None:
    assert spanish_sound(one) != spanish_sound(other)


def test_proper_nouns_are_places_named_after_a_preposition() -> None:
    faq_words = {"ice", "depot"}.__contains__
    assert proper_nouns("ICE outside the Home Depot on Sherman Way", faq_words) == {"home", "sherman", "way"}
    assert proper_nouns("la migra en la Van Nuys. Ayer Roscoe", faq_words) == {"van", "nuys"}
    assert proper_nouns("What time does the Lakers game start?", faq_words) == frozenset()
