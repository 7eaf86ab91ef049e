"""The settings of the running app: environment variables plus Streamlit's secrets (`.streamlit/secrets.toml`)."""

from __future__ import annotations

import streamlit as st

import settings


def app_settings() -> settings.Settings:
    """settings.Settings with the `[dasbor]` and `[auth]` secrets when a secrets file exists."""
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError:  # no secrets.toml (StreamlitSecretNotFoundError is one)
        secrets = {}
    return settings.Settings.from_env(secrets)
