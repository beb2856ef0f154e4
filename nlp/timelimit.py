"""A time limit on a block of work, so that one pathological document cannot hold a run for minutes.

The limit is a real-time interval timer (``SIGALRM``): it works in a process's main thread on Unix, which is
where presstag processes documents (the command, and every local worker process). Elsewhere (Windows, a thread
of a Dask worker) the block simply runs without a limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

# The longest limit set: about 68 years, the most a 32-bit ``time_t`` (and ``alarm``) holds. Python's interval
# timer refuses more than about 292 years ("timestamp out of range for platform time_t"), and ``--timeout inf``
# or a budget of ``1e308`` seconds means no limit, not a failure of every document.
LONGEST = 2**31 - 1


class TimeLimitExceeded(Exception):
    """The block took longer than its time limit."""


def can_limit() -> bool:
    """Whether ``time_limit`` can interrupt work here."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` inside the block once ``seconds`` have passed (no limit for None, 0, or a
    limit longer than ``LONGEST``: infinity, NaN or decades)."""
    if not seconds or not 0 < seconds <= LONGEST or not can_limit():
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
