"""presstag's registered spaCy components; importing this package registers their factories."""

from . import consistency, dates, gazetteer, labels, negatives, orgs, patterns, release  # noqa: F401

