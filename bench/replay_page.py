"""The replay page of the load benchmark (bench.replay): sends, unchanged, the messages a recorded view of a
dashboard page sent — `?replay=<page label>`, recordings in $BENCH_REPLAY_DIR — and nothing else."""

import os
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import enqueue_message

from bench import replay

for message in replay.messages(Path(os.environ["BENCH_REPLAY_DIR"]), st.query_params.get("replay", "")):
    enqueue_message(message)
