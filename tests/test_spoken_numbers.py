"""Numbers said aloud to voice typing come back as the digits the FAQ uses."""

import pytest

from bot.spoken_numbers import spoken_numbers


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("la forma i quinientos ochenta y nueve", "la forma i 589"),
        ("form i five eight nine", "form i 589"),
        ("i cuatro ochenta y cinco", "i 485"),
        ("i seven three zero", "i 730"),
        ("uno ochenta dias", "180 dias"),
        ("one fifty days", "150 days"),
        ("ciento cincuenta dias", "150 dias"),
        ("nine one one", "911"),
        ("deported in twenty fifteen", "deported in 2015"),
        ("en el dos mil diez", "en el 2010"),
        ("fee twenty twenty five", "fee 2025"),
        ("eoir thirty three", "eoir 33"),
        ("one hundred and fifty", "150"),
        ("two thousand five hundred", "2500"),
        ("cumplio veintiuno", "cumplio 21"),
    ],
)
def test_runs_of_number_words_become_digits(said: str, written: str) -> None:
    assert " ".join(spoken_numbers(said.split())) == written


@pytest.mark.parametrize(
    "text",
    [
        "dos anos",  # a small number alone says nothing a digit would say better
        "no one came",
        "once a week",
        "ten cuidado",
        "cuando lo paran a uno",
        "la regla del un ano",
        "5 mil dolares",
        "cien dolares",
        "dos y tres",  # "y" joins tens and units only: these are two numbers, left as words
    ],
)
def test_words_that_are_not_a_spoken_number_stay(text: str) -> None:
    assert spoken_numbers(text.split()) == text.split()
