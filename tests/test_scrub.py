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
    ],
)
def test_scrub(raw: str, clean: str) -> None:
    assert scrub(raw) == clean
