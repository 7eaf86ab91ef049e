"""Dasbor Inovasi Daerah — entry point: `streamlit run dashboard.py`.

Sets up the page, renders the global filter once (bound to the URL), then runs the selected page.
"""

import streamlit as st

from dasbor import ui

st.set_page_config(page_title="Dasbor Inovasi Daerah", page_icon=":material/insights:", layout="wide")

PAGES = {
    "Ikhtisar": [
        st.Page("app_pages/ringkasan.py", title="Ringkasan", icon=":material/home:", url_path="ringkasan", default=True),
        st.Page("app_pages/peta.py", title="Peta", icon=":material/map:", url_path="peta"),
    ],
}

navigation = st.navigation(PAGES)
dataset = ui.load_or_error_page()
ui.render_global_filters(dataset)
navigation.run()
