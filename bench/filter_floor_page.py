"""The filter floor of the load benchmark (bench.bench_load): the one-line reference page plus the dashboard's own
six global filter widgets (ui.widgets.filter_widgets, the very calls every dashboard page makes), with no data
loaded and nothing computed — what Streamlit charges for the furniture every page shares."""

import streamlit as st

from data import contract
from ui import widgets

st.title("Referensi")
st.write("Halo")
widgets.filter_widgets(st.sidebar, contract.YEAR_MIN, contract.year_max())
