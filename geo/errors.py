"""Exceptions of the geo package, each carrying a message a person can act on (Bahasa Indonesia + English)."""

from __future__ import annotations


def bilingual(message_id: str, message_en: str) -> str:
    """One message for both audiences: the app's users read the first line, developers and logs the second."""
    return f"{message_id}\n(EN) {message_en}"


class ReferenceDataError(RuntimeError):
    """Reference data (boundaries, population) is missing, cannot be downloaded, or failed verification."""


class IntegrityError(ReferenceDataError):
    """A downloaded file is truncated or its sha256 differs from the manifest; it was discarded, never used."""


class BuildError(ReferenceDataError):
    """The downloaded files parsed, but the result breaks an invariant (region set, areas, coordinate order)."""


class BoundaryFileError(ValueError):
    """A user-supplied boundary file cannot be used as it is (missing column, bad or duplicate codes, bad CRS)."""
