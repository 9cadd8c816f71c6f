"""Removing personal details from text kept for staff: phone numbers, e-mails, A-numbers, dates,
street addresses."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_A_NUMBER = re.compile(r"\b[Aa][\s#:-]*\d{3}[\s-]?\d{3}[\s-]?\d{2,3}\b|\b\d{3}-\d{3}-\d{3}\b")
_DATE = re.compile(
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"
    r"|\b\d{1,2}\s+(?:de\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?(?:\s+(?:de\s+)?\d{2,4})?\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?\b",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w(])\+?\(?\d[\d\s().-]{6,}\d(?!\w)")
# "14523 Sherman Way", "6000 N. Van Nuys Blvd.", "calle Roscoe 123": a house number beside a street word.
_STREET = r"(?:st|street|ave|avenue|av|blvd|boulevard|way|rd|road|dr|drive|ln|lane|ct|pl|place|pkwy|hwy)"
_ADDRESS = re.compile(
    r"\b\d{2,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Za-zÁÉÍÓÚáéíóúÑñ']+\s+){1,3}" + _STREET + r"\b\.?"
    r"(?:,?\s*(?:apt|apartment|unit|#|depto|departamento)\.?\s*\w+)?"
    r"|\b(?:calle|avenida|av\.|bulevar)\s+(?:[A-Za-zÁÉÍÓÚáéíóúÑñ']+\s+){1,3}(?:n[uú]mero\s+|#\s*)?\d{2,6}\b",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """Replace each personal detail with a tag, so staff see the question and nothing else."""
    text = _EMAIL.sub("[email]", text)
    text = _A_NUMBER.sub("[A-number]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _DATE.sub("[date]", text)
    text = _PHONE.sub("[phone]", text)
    return text
