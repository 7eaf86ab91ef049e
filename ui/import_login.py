"""Who is importing in this session: nginx's user, Streamlit's login or a local account (login form, Keluar).

`import_user(access)` returns the name to record with an import or restore, or shows why this session may not
import (with the login form or button that fixes it) and stops the page. The rules are in
`data.importer.ImportAccess` and `data.importer.accounts`; this module only holds the widgets and the session.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import streamlit as st

from data.importer import ImportAccess, accounts
from ui.markdown import escape_markdown as esc

USER_KEY, THROTTLE_KEY = "impor_akun", "impor_percobaan_masuk"
WRONG = "Nama akun atau kata sandi salah."
clock = time.monotonic  # the throttle's clock (tests move it on)


def request_headers() -> Mapping[str, str]:
    """The headers of this session's websocket request (nginx adds its user and token there)."""
    return st.context.headers


def import_user(access: ImportAccess) -> str:
    """The name of who may import in this session; otherwise the reason, the way in, and `st.stop()`."""
    if not access.enabled:
        _refuse(access.check(logged_in=False, email=None))
    proxied = accounts.proxy_user(request_headers(), access.proxy_token)
    if proxied:
        st.caption(f":material/lock_open: Masuk sebagai **{esc(proxied)}** (kata sandi editor di nginx)")
        return proxied
    if access.auth_configured:
        logged_in = bool(st.user.get("is_logged_in", False))
        email = st.user.get("email") if logged_in else None
        refusal = access.check(logged_in=logged_in, email=email)
        if refusal:
            _refuse(refusal, login_button=not logged_in)
        return str(email)
    try:
        known = accounts.read_accounts(access.accounts_file) if access.accounts_file else {}
    except accounts.AccountError as exc:
        st.error(esc(exc.message), icon=":material/error:")
        st.stop()
    user = st.session_state.get(USER_KEY)
    if user and user in known:  # an account removed meanwhile is logged out
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption(f":material/lock_open: Masuk sebagai **{esc(user)}**")
        right.button("Keluar", icon=":material/logout:", on_click=_log_out, key="impor_keluar")
        return user
    if not known:
        _refuse(access.check(logged_in=False, email=None))
    _login_form(known, access.check(logged_in=False, email=None, has_accounts=True))
    st.stop()


def _refuse(message: str | None, login_button: bool = False) -> None:
    st.warning(message, icon=":material/lock:")
    if login_button:
        st.button("Masuk", icon=":material/login:", on_click=st.login)
    st.stop()


def _log_out() -> None:
    st.session_state.pop(USER_KEY, None)


def _login_form(known: Mapping[str, str], prompt: str | None) -> None:
    """The login form under `prompt` (ImportAccess.check's words for a session not yet logged in)."""
    st.info(prompt, icon=":material/lock:")
    with st.form("impor_masuk", clear_on_submit=True):  # the password is not kept in the form
        name = st.text_input("Nama akun", key="impor_nama_akun", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", key="impor_kata_sandi",
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", icon=":material/login:", type="primary")
    if not submitted:
        return
    throttle = st.session_state.setdefault(THROTTLE_KEY, accounts.LoginThrottle())
    wait = throttle.wait(clock())
    if wait:
        st.error(f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait:.0f} detik.",
                 icon=":material/timer:")
        return
    user = accounts.authenticate(known, name, password)
    if user is None:
        throttle.failed(clock())
        wait = throttle.wait(clock())
        st.error(WRONG + (f" Terlalu banyak percobaan gagal: coba lagi dalam {wait:.0f} detik." if wait else ""),
                 icon=":material/error:")
        return
    throttle.succeeded()
    st.session_state[USER_KEY] = user
    st.rerun()
