"""presstag's registered spaCy components; importing this package registers their factories."""

from . import consistency, dates, gazetteer, labels, negatives, orgs, patterns  # noqa: F401


def is_registered(name: str) -> bool:
    """True when a component factory of that name is registered."""
    from spacy.language import Language

    return Language.has_factory(name)
