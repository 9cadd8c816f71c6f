"""The project's errors. Expected outcomes (no match, a bad FAQ file) are values, not exceptions.

    BotError            a real fault in the program or its surroundings
     +-- UserError      something the person at the command line can fix; printed as one line
          +-- SettingsError   a missing or malformed setting (names the variable and where to set it)
"""

from __future__ import annotations


class BotError(Exception):
    """Base of every error this project raises on purpose."""


class UserError(BotError):
    """A mistake the user can fix; the CLI prints the message alone, without a traceback."""


class SettingsError(UserError):
    """A setting is missing or malformed."""
