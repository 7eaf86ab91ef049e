"""Dasbor Inovasi Daerah — entry point: `streamlit run dashboard.py`.

Sets up the page, registers the pages (ui.navigation), renders the global filter once (bound to the URL), then runs
the selected page, and keeps what lives as long as the process out of full garbage collections.
"""

import streamlit as st

from ui import cached, charts, long_lived, navigation, style, viewport, widgets
from ui.app_settings import app_settings

# The icon is a static file (server.enableStaticServing): a path of the repository would be read and registered as a
# media file on every run of every session.
st.set_page_config(page_title="Dasbor Inovasi Daerah", page_icon="/app/static/favicon.png", layout="wide")
st.html(f"<style>{style.APP_CSS}</style>")

page = st.navigation(navigation.streamlit_pages(app_settings()))
widgets.unknown_page_notice()
dataset = widgets.load_or_error_page()
if navigation.follows_filter(page.url_path):  # not on pages where it would do nothing (import, one innovation)
    widgets.render_global_filters(dataset)
charts.place_charts(viewport.phone(), viewport.window_px())  # a title's lines: a phone's width or the page's
page.run()
viewport.remember()  # the window's size in a cookie, for the next view's layout (ui/viewport.py)
long_lived.freeze_after_run(cached.fingerprint())  # after a first view or an import: see ui/long_lived.py
