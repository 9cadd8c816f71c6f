"""Per-user flood control: a burst gets one polite slow-down message, not dozens of answers."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable


class Verdict(str, Enum):
    PASS = "pass"  # handle the message
    WARN = "warn"  # the first message over the limit: say "please slow down" once
    DROP = "drop"  # further messages inside the window: say nothing


@dataclass
class FloodGate:
    """At most `limit` messages per user in any `window` seconds. The clock is injected."""

    clock: Callable[[], float]
    limit: int = 6
    window: float = 10.0
    _seen: dict[int, deque[float]] = field(default_factory=dict)
    _warned: dict[int, float] = field(default_factory=dict)

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        times = self._seen.setdefault(user_id, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._warned.pop(user_id, None)
            return Verdict.PASS
        if user_id in self._warned:
            return Verdict.DROP
        self._warned[user_id] = now
        return Verdict.WARN

    def forget(self, user_id: int) -> None:
        self._seen.pop(user_id, None)
        self._warned.pop(user_id, None)
