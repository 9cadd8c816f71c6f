from __future__ import annotations

import pytest

from bot.scrub import scrub


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("call me at (213) 555-0199 please", "call me at [phone] please"),
        ("mi cel es 818 555 0100", "mi cel es [phone]"),
        ("+1 213-555-0199", "[phone]"),
        ("write to maria.lopez+x@gmail.com", "write to [email]"),
        ("my A-number is A123456789", "my A-number is [A-number]"),
        ("numero A 123-456-789", "numero [A-number]"),
        ("A# 098 765 432 court", "[A-number] court"),
        ("my hearing is 12/03/2026", "my hearing is [date]"),
        ("mi audiencia es el 3 de marzo de 2027", "mi audiencia es el [date]"),
        ("hearing on March 3, 2027 in LA", "hearing on [date] in LA"),
        ("I-589 asylum 1 year", "I-589 asylum 1 year"),
        ("vivo en 14523 Sherman Way Van Nuys", "vivo en [address] Van Nuys"),
        ("we live at 7845 Laurel Canyon Blvd #12, North Hollywood", "we live at [address], North Hollywood"),
        ("6000 N. Van Nuys Blvd. Apt 4", "[address]"),
        ("en la calle Roscoe 1234", "en la [address]"),
        ("I have 2 kids and we took the 405", "I have 2 kids and we took the 405"),
        ("tengo 20 años viviendo en la calle", "tengo 20 años viviendo en la calle"),
    ],
)
def test_scrub(raw: str, clean: str) -> None:
    assert scrub(raw) == clean
