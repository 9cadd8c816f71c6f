"""What the core says, as plain data: every transport (Telegram, the terminal) renders these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    label: str
    payload: str  # at most 64 bytes: Telegram's limit for callback data


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply, such as the calendar file of a booking."""

    filename: str
    content: bytes
    mime: str


@dataclass(frozen=True)
class Reply:
    """One message: an optional notice and title above the text, and buttons below."""

    text: str
    buttons: tuple[Button, ...] = ()
    title: str = ""
    notice: str = ""
    columns: int = 1  # buttons per row, for long lists of short labels (days, times)
    request_contact: str = ""  # the label of the transport's "share my phone number" control, if it has one
    close_keyboard: bool = False  # that control is no longer needed (only on a reply without buttons)
    attachment: Attachment | None = None

    def plain(self) -> str:
        """The message as plain text, as the terminal chat shows it."""
        return "\n\n".join(part for part in (self.notice, self.title, self.text) if part)
