"""What tests and benchmarks share: where things are, opening a page under AppTest, and the app's page list.

Fixtures live in the conftest files; helpers that test modules and benchmarks import live here (browser helpers in
tests.support.browser, the malformed-file corpus in tests.support.corpus, the local mirror server in
tests.support.http_mirror).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
ARTIFACTS = REPO / "artifacts"
APP = str(REPO / "dashboard.py")  # AppTest resolves relative paths against the calling file


def open_page(page: str, *, timeout: float = 90, **query):
    """The app under AppTest, on `page` (a script path like "app_pages/peta.py") with `query` as URL parameters,
    run once; returns the AppTest. Callers assert on `at.exception` themselves (some expect an error page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(page)
    return at.run()


def registered_pages() -> list[tuple[str, str, str]]:
    """(script, URL path people open, title) of every page in the navigation registry (ui.navigation.PAGES), each
    once (an alias URL of a page is left out: tests of the alias open it themselves)."""
    from ui.navigation import PAGES

    return [(page.script, page.public_path, page.title) for page in PAGES if not page.alias]


def shown_table(element):
    """What the grid of an AppTest dataframe element shows: the Styler's display text when the page gave one
    (ui.tables.readable), else the values as text; whole-number columns formatted by the browser with
    ui.tables.WHOLE ("%'.,d") and dates with ui.tables.DATE read as the browser writes them (17.289, 08/02/2016),
    empty cells as the placeholder."""
    import json

    import pandas as pd
    import pyarrow as pa

    from ui.tables import DATE, NOTHING, WHOLE

    styler = element.proto.arrow_data.styler
    shown = (pa.ipc.open_stream(styler.display_values).read_all().to_pandas() if styler.display_values
             else element.value.astype("object").where(element.value.notna(), NOTHING))
    config = json.loads(element.proto.columns or "{}")
    for name, column in config.items():
        written = (column.get("type_config") or {}).get("format")
        if written == WHOLE and name in element.value.columns:
            shown[name] = [NOTHING if pd.isna(v) else f"{int(v):,}".replace(",", ".") for v in element.value[name]]
        elif written == DATE and name in element.value.columns and not styler.display_values:
            shown[name] = [NOTHING if pd.isna(v) else v.strftime("%d/%m/%Y") for v in element.value[name]]
    return shown


def menu_titles() -> list[str]:
    """Titles of the pages listed in the sidebar menu (hidden pages are reached by links)."""
    from ui.navigation import PAGES

    return [page.title for page in PAGES if not page.hidden]


def chart_traces(element) -> list[dict]:
    """The traces of an AppTest plotly_chart element as dicts, with plotly's typed arrays ({"dtype", "bdata"})
    decoded to lists, so tests read x and y as the chart draws them."""
    import base64
    import json

    import numpy as np

    def decoded(value):
        if isinstance(value, dict) and "bdata" in value:
            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            return array.reshape(value["shape"]).tolist() if "shape" in value else array.tolist()
        return value

    return [{key: decoded(value) for key, value in trace.items()} for trace in json.loads(element.proto.spec)["data"]]


def map_boundaries(trace: dict) -> dict:
    """The GeoJSON a choropleth trace draws: the file its `geojson` address names (ui.geodata.geojson_url), as the
    browser fetches it."""
    import json

    from ui import geodata

    address = trace["geojson"]
    assert isinstance(address, str) and address.startswith(geodata.STATIC_GEO_URL), address
    return json.loads((geodata.STATIC_GEO_DIR / address.removeprefix(geodata.STATIC_GEO_URL)).read_text())


def map_figure(at) -> dict:
    """The map page's figure (the first plotly chart of an AppTest) as plotly JSON."""
    import json

    return json.loads(at.get("plotly_chart")[0].proto.spec)


IMPORT_USER, IMPORT_PASSWORD = "petugas", "sandi-uji-123"  # the account tests make with `import_account`


def make_import_account(path: Path, name: str = IMPORT_USER, password: str = IMPORT_PASSWORD) -> Path:
    """An accounts file at `path` with one account (as `python -m data akun tambah` writes it)."""
    from data.importer import accounts

    accounts.add_account(path, name, password)
    return path


def log_in_to_import(at, name: str = IMPORT_USER, password: str = IMPORT_PASSWORD):
    """Fill the Impor page's login form under AppTest and submit it; returns the AppTest after the rerun."""
    at.text_input(key="impor_nama_akun").input(name)
    at.text_input(key="impor_kata_sandi").input(password)
    next(b for b in at.button if b.label == "Masuk").click()
    return at.run()
