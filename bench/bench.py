"""Speed and memory of the FAQ engine, with plain RapidFuzz beside each figure as the floor.

Run: .venv/bin/python bench/bench.py   (prints figures; it is not a test and asserts nothing)

Targets (issue 2): median under 1 ms on the real FAQ and within 3x of plain extractOne; under 5 ms
with the FAQ grown to 5,000 entries; load, validate and index under 0.5 s.
"""

from __future__ import annotations

import random
import resource
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluation import load_cases  # noqa: E402
from bot.matching import Matcher  # noqa: E402
from bot.model import LANGS, Faq, PerLang  # noqa: E402
from bot.validation import check_faq  # noqa: E402

TODAY = date.today()  # the validator compares review dates with the real date, as `bot check` does
SYNTHETIC_SIZE = 5000
BIG_SAMPLE = 1000  # messages timed against the 5,000-entry FAQ


def timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def per_message(function, messages: list[str]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median and p99 in milliseconds over the messages (each run once after a warm-up pass)."""
    for message in messages[:50]:
        function(message)
    times = []
    for message in messages:
        start = time.perf_counter()
        function(message)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def questions_of(faq: Faq) -> list[str]:
    return [q for e in faq.entries for lang in LANGS for q in e.questions[lang]]


def floor_matcher(faq: Faq):  # type: ignore[no-untyped-def]
    """The plain baseline: one extractOne over every question string, default processing."""
    choices = [utils.default_process(q) for q in questions_of(faq)]

    def match(message: str):  # type: ignore[no-untyped-def]
        return process.extractOne(utils.default_process(message), choices, scorer=fuzz.WRatio, processor=None)

    return match


def grow(faq: Faq, size: int, seed: int = 7) -> Faq:
    """A synthetic FAQ of `size` entries: real entries copied with some words swapped for others."""
    rng = random.Random(seed)
    words = sorted({w for q in questions_of(faq) for w in q.split()})
    entries = []
    for n in range(size):
        base = faq.entries[n % len(faq.entries)]

        def mutate(text: str) -> str:
            parts = text.split()
            for _ in range(max(1, len(parts) // 3)):
                parts[rng.randrange(len(parts))] = rng.choice(words)
            return " ".join(parts)

        questions = PerLang(*(tuple(mutate(q) for q in base.questions[lang]) for lang in LANGS))
        entries.append(replace(base, id=f"{base.id}-{n}", questions=questions, related=()))
    return Faq(faq.categories, tuple(entries), faq.office, faq.synonyms)


def row(name: str, ours: float, floor: float, unit: str = "ms") -> None:
    print(f"  {name:<34} ours {ours:8.3f} {unit}   plain extractOne {floor:8.3f} {unit}   ratio {ours / floor:5.2f}x")


def main() -> None:
    faq_dir = ROOT / "faq"
    messages = [c.text for c in load_cases([ROOT / "tests" / "labelled"])]
    print(f"messages: {len(messages)} from tests/labelled; python {sys.version.split()[0]}")

    load_times = []
    for _ in range(5):
        start = time.perf_counter()
        faq = check_faq(faq_dir, TODAY, collisions=False).faq
        if faq is None:
            sys.exit("the FAQ has errors: run python -m bot check")
        matcher = Matcher(faq)
        load_times.append(time.perf_counter() - start)
    collisions = timed(check_faq, faq_dir, TODAY, True) - statistics.median(load_times)
    print(f"\nreal FAQ: {len(faq.entries)} entries, {len(questions_of(faq))} question strings")
    print(f"  load + validate + index            {statistics.median(load_times) * 1000:8.1f} ms (target < 500 ms)")
    print(f"  collision check (check command)    {collisions * 1000:8.1f} ms")

    ours = per_message(matcher.match, messages)
    floor = per_message(floor_matcher(faq), messages)
    row("median per message", ours[0], floor[0])
    row("p99 per message", ours[1], floor[1])

    big = grow(faq, SYNTHETIC_SIZE)
    build = timed(Matcher, big)
    big_matcher = Matcher(big)
    # Plain extractOne over 5,000 entries takes most of a second per message: about 1,000 messages.
    sample = messages[:: max(1, len(messages) // BIG_SAMPLE)]
    ours_big = per_message(big_matcher.match, sample)
    floor_big = per_message(floor_matcher(big), sample)
    print(f"\nsynthetic FAQ: {len(big.entries)} entries, {len(questions_of(big))} question strings; {len(sample)} messages")
    print(f"  index build                        {build * 1000:8.1f} ms")
    row("median per message", ours_big[0], floor_big[0])
    row("p99 per message", ours_big[1], floor_big[1])

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del big, big_matcher
    # Memory is traced in a separate pass: tracing slows Python down and would skew the timings.
    tracemalloc.start()
    faq = check_faq(faq_dir, TODAY, collisions=False).faq
    real_matcher = Matcher(faq)
    for message in messages:
        real_matcher.match(message)
    _, peak_real = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak memory: real FAQ loaded, indexed and queried: {peak_real / 2**20:.1f} MiB traced by Python")
    print(f"             whole benchmark run incl. the 5,000-entry FAQ: {rss:.1f} MiB peak resident")


if __name__ == "__main__":
    main()
