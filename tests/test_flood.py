from __future__ import annotations

from bot.flood import FloodGate, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_gets_one_warning_then_silence_then_recovers() -> None:
    clock = Clock()
    gate = FloodGate(clock, limit=3, window=10)
    assert [gate.check(1) for _ in range(3)] == [Verdict.PASS] * 3
    assert gate.check(1) is Verdict.WARN
    assert gate.check(1) is Verdict.DROP
    assert gate.check(2) is Verdict.PASS  # other users are not affected
    clock.now += 10
    assert gate.check(1) is Verdict.PASS
    assert gate.check(1) is Verdict.PASS


def test_forget_clears_a_user() -> None:
    gate = FloodGate(Clock(), limit=1, window=10)
    gate.check(5)
    assert gate.check(5) is Verdict.WARN
    gate.forget(5)
    assert gate.check(5) is Verdict.PASS
