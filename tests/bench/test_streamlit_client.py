"""The load benchmark's websocket client (bench.streamlit_client) against real `streamlit run` servers: the one-line
reference app, the dashboard's default page, an app that raises, and a base path."""

from __future__ import annotations

import asyncio

import pytest

from bench.bench_load import REFERENCE_APP
from bench.streamlit_client import StreamlitClient
from tests.support.browser import AppServer
from tests.support.script_server import ScriptServer, write_app

RAISES = """
import streamlit as st

st.title("Sebelum galat")
raise ValueError("galat uji")
"""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The reference app, an app that raises (served below /admin) and the dashboard, started side by side."""
    directory = tmp_path_factory.mktemp("apps")
    started = []
    try:
        for server in (ScriptServer(write_app(directory, "referensi.py", REFERENCE_APP)),
                       ScriptServer(write_app(directory, "raises.py", RAISES), base_path="admin"),
                       AppServer()):
            started.append(server.start(timeout=90))
        yield started
    finally:
        for server in started:
            server.stop()


def views(url: str, page: str = "", query: str = "", n: int = 3):
    """`n` concurrent new sessions on `page`."""
    async def run():
        client = StreamlitClient(url, timeout=90)
        return await asyncio.gather(*(client.view(page, query) for _ in range(n)))

    return asyncio.run(run())


def assert_clean(results, title: str) -> None:
    for result in results:
        assert result.ok, result.error
        assert result.finished_status == "FINISHED_SUCCESSFULLY"
        assert result.exceptions == 0, result.exception_messages
        assert title in result.texts
        assert 0 < result.first_delta_s <= result.finished_s <= result.total_s
        assert "_streamlit_xsrf" in result.cookies  # set by the health ping, sent with the websocket


def test_reference_app_views_finish_without_exceptions(servers):
    reference, _, _ = servers
    results = views(reference.url)
    assert_clean(results, "Referensi")
    assert all(r.elements == 2 and "Halo" in r.texts for r in results)


def test_dashboard_default_page_views_finish_without_exceptions(servers):
    *_, dashboard = servers
    results = views(dashboard.url, query="tahun=2021&tahun=2023")
    assert_clean(results, "Ringkasan Inovasi Daerah")
    assert all(r.elements > 20 for r in results)


def test_dashboard_page_by_url_path_and_unknown_page(servers):
    *_, dashboard = servers
    [tren] = views(dashboard.url, "tren", n=1)
    assert tren.ok and tren.exceptions == 0, (tren.error, tren.exception_messages)
    [unknown] = views(dashboard.url, "tidak-ada", n=1)  # Streamlit runs the default page and says "not found"
    assert not unknown.ok and unknown.error == "page not found: ''"


def test_uncaught_exception_is_counted_once_below_a_base_path(servers):
    _, raises, _ = servers
    assert raises.url.endswith("/admin")
    [result] = views(raises.url, n=1)
    assert result.ok and result.finished_status == "FINISHED_SUCCESSFULLY"
    assert result.exceptions == 1
    assert result.exception_messages == ["ValueError: galat uji"]
    assert result.texts == ["Sebelum galat"]


def test_refused_connection_is_a_failure_not_an_exception():
    from tests.support.browser import _free_port

    result = asyncio.run(StreamlitClient(f"http://127.0.0.1:{_free_port()}", timeout=5).view())
    assert not result.ok and "Connect" in result.error and result.exceptions == 0


def test_a_replayed_view_sends_the_same_elements_without_the_dashboard(servers, tmp_path):
    """bench.replay: the messages one dashboard view sent, sent again by a page with no dashboard code, reach the
    client as the same elements, blocks and texts (what the load benchmark's rep/ref and app/rep compare)."""
    from bench import replay
    from bench.bench_load import REPLAY_PAGE

    *_, dashboard = servers

    async def recorded():
        return await StreamlitClient(dashboard.url, timeout=90, record=True).view("tren", "tahun=2023&tahun=2023")

    original = asyncio.run(recorded())
    assert original.ok and original.frames
    replay.save(tmp_path, "tren?tahun=2023", original.frames)
    with ScriptServer(REPLAY_PAGE, env={"BENCH_REPLAY_DIR": str(tmp_path)}) as replayer:
        [again] = views(replayer.url, query="replay=tren%3Ftahun%3D2023", n=1)
    assert again.ok and again.exceptions == 0, (again.error, again.exception_messages)
    assert (again.elements, again.blocks) == (original.elements, original.blocks) and again.elements > 15
    assert again.texts == original.texts and "Tren Inovasi Daerah" in again.texts


def test_the_filter_floor_page_shows_the_dashboards_own_sidebar_filter(servers):
    """bench/filter_floor_page.py (the load benchmark's flt/ref): the one-line page plus the same sidebar widgets,
    in the same order with the same labels, as a dashboard page — and no data."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    from bench.bench_load import FLOOR_PAGE

    *_, dashboard = servers

    def sidebar(url: str, page: str = "") -> list[tuple[str, str]]:
        async def recorded():
            return await StreamlitClient(url, timeout=90, record=True).view(page)

        result = asyncio.run(recorded())
        assert result.ok and result.exceptions == 0, (result.error, result.exception_messages)
        shown = []
        for frame in result.frames:
            msg = ForwardMsg()
            msg.ParseFromString(frame)
            if msg.WhichOneof("type") == "delta" and msg.delta.HasField("new_element") \
                    and msg.metadata.delta_path[0] == 1:  # 1: the sidebar
                element = msg.delta.new_element
                kind = element.WhichOneof("type")
                proto = getattr(element, kind)
                shown.append((kind, getattr(proto, "label", "") or getattr(proto, "body", "")))
        return shown

    with ScriptServer(FLOOR_PAGE) as floor:
        floor_sidebar = sidebar(floor.url)
    assert floor_sidebar == sidebar(dashboard.url, "tren")
    assert [label for _, label in floor_sidebar] == ["### Filter", "Tahun", "Provinsi", "Tingkat pemda", "Tahapan",
                                                     "Jenis", "Bentuk"]
