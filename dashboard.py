"""Dasbor Inovasi Daerah — entry point: `streamlit run dashboard.py`.

Sets up the page, renders the global filter once (bound to the URL), then runs the selected page.
"""

import streamlit as st

from dasbor import ui
from data.importer import ImportAccess


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError is one)
        return {}


st.set_page_config(page_title="Dasbor Inovasi Daerah", page_icon="assets/favicon.png", layout="wide")

PAGES = {
    "Ikhtisar": [
        st.Page("app_pages/ringkasan.py", title="Ringkasan", icon=":material/home:", url_path="ringkasan",
                default=True),
        st.Page("app_pages/peta.py", title="Peta", icon=":material/map:", url_path="peta"),
    ],
    "Analisis": [
        st.Page("app_pages/tren.py", title="Tren", icon=":material/trending_up:", url_path="tren"),
        st.Page("app_pages/peringkat.py", title="Peringkat", icon=":material/leaderboard:", url_path="peringkat"),
        st.Page("app_pages/penghargaan.py", title="Penghargaan", icon=":material/emoji_events:",
                url_path="penghargaan"),
        st.Page("app_pages/profil.py", title="Profil daerah", icon=":material/account_balance:", url_path="profil"),
    ],
    "Data": [
        st.Page("app_pages/data.py", title="Data", icon=":material/table:", url_path="data"),
    ],
}
if ImportAccess.from_settings(_secrets()).enabled:  # off unless enabled: docs/IMPORT.md
    PAGES["Data"].append(st.Page("app_pages/impor.py", title="Impor data", icon=":material/upload_file:",
                                 url_path="impor"))

navigation = st.navigation(PAGES)
dataset = ui.load_or_error_page()
ui.render_global_filters(dataset)
navigation.run()
