"""What may reach a terminal: text with the characters a terminal would act on made visible."""

from __future__ import annotations

# Characters that a terminal acts on rather than shows: C0 and C1 controls (ESC starts escape sequences that can
# clear the screen or retitle the window) and the bidirectional overrides that reorder what is shown.
_UNSAFE = {c: f"\\x{c:02x}" for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]}
_UNSAFE.update({c: f"\\u{c:04x}" for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


def terminal_safe(text: str) -> str:
    """``text`` with the characters a terminal would act on written as escapes (``\\x1b``); tabs and line
    breaks kept."""
    return text.translate(_UNSAFE)
