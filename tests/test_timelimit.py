"""A time limit on a block of work; a limit too long for the platform's timer is no limit, not a failure."""

import signal

import pytest

from presstag.timelimit import can_limit, time_limit


@pytest.mark.parametrize("seconds", [float("inf"), 1e12, 1e308, float("nan")])
def test_a_limit_too_long_for_the_timer_is_no_limit(seconds):
    if not can_limit():
        pytest.skip("no interval timer on this platform")
    with time_limit(seconds):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no timer set: nothing can expire
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_long_but_settable_limit_is_set_and_cleared():
    if not can_limit():
        pytest.skip("no interval timer on this platform")
    with time_limit(1e6):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 999_000
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
