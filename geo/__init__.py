"""Reference geography for the dashboard: region boundaries (38 provinces, 514 kabupaten/kota) and population.

Owns getting the upstream files (pinned, verified), turning them into valid, light, border-sharing boundaries
stored as GeoParquet in a local cache, and reading them back for the map. Never imports streamlit; the app
wraps these functions in its cached layer. Details, sources and numbers: docs/GEODATA.md.

    python -m geo fetch [--mirror URL_OR_DIR]   # download + build (offline: point --mirror at a copy)
"""

from .api import (
    ReferenceStatus,
    boundaries_geojson,
    ensure_reference,
    load_boundaries,
    load_population,
    reference_status,
)
from .custom import BoundaryCoverageWarning, load_custom_boundaries
from .errors import BoundaryFileError, IntegrityError, ReferenceDataError
from .manifest import attribution
from .paths import cache_dir

__all__ = [
    "BoundaryCoverageWarning",
    "BoundaryFileError",
    "IntegrityError",
    "ReferenceDataError",
    "ReferenceStatus",
    "attribution",
    "boundaries_geojson",
    "cache_dir",
    "ensure_reference",
    "load_boundaries",
    "load_custom_boundaries",
    "load_population",
    "reference_status",
]
