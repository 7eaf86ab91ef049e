"""Narrow screens: the office laptop at 1024×768 with the sidebar open (a page column of ≈ 560 px) and a phone.
Nothing a user reads may be cut: KPI values, the options of a control, a chart's title or subtitle, and the page
never scrolls sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.browser import PAINTED, PHONE_USER_AGENT, TAB_FILLED, OfflinePage
from ui.viewport import PHONE_PX

# Pages with their widest choices made in the URL (long option labels shown, a comparison with long names).
PAGES = [
    "ringkasan",
    "peta?peta=Kab%2Fkota",
    "tren?bandingkan=18.11&bandingkan=16.03&bandingkan=63.03&tampilan=Pertumbuhan",
    # Eight compared pemda: Streamlit's box scrolled the last rows out of sight
    "tren?bandingkan=18.11&bandingkan=16.03&bandingkan=16.71&bandingkan=17.01&bandingkan=17.02&bandingkan=17.03"
    "&bandingkan=17.04&bandingkan=17.05",
    # Every filter set: the longest subtitles, and Tren's longest title ("… — pertumbuhan vs tahun sebelumnya")
    "tren?tampilan=Pertumbuhan&tahapan=Penerapan&jenis=Digital&bentuk=Pelayanan+publik&provinsi=Sumatera+Selatan"
    "&tingkat=Kabupaten",
    "peringkat?cakupan=Dalam+satu+provinsi&tampilkan=Terbawah",
    "penghargaan",
    "profil?region=18.11",
    "profil?region=16&tab=Kabupaten%2Fkota",
]

# What is cut, as [kind, text] pairs: a KPI value shorter than its text, a control's option or a chosen pemda (a
# multiselect's chip) beyond its element or ending in an ellipsis,
# SVG text (chart titles, which ui.charts wraps for a phone's width since plotly does not) beyond its chart, a chart
# whose data gets less than a third of its width (the rest taken by labels), and the page wider than the window.
CUT = """() => {
    const cut = [];
    const main = document.querySelector('[data-testid="stMain"]');
    for (const value of main.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *')) {
        if (value.scrollWidth > value.clientWidth + 1) cut.push(['KPI', value.innerText]);
    }
    for (const button of main.querySelectorAll('[data-testid="stButtonGroup"] button, [role="radiogroup"] label')) {
        const box = button.closest('[data-testid="stElementContainer"]').getBoundingClientRect();
        const r = button.getBoundingClientRect();
        if (r.width && (r.right > box.right + 1 || r.right > window.innerWidth)) {
            cut.push(['pilihan', button.innerText]);
        }
    }
    for (const chip of main.querySelectorAll('[data-testid="stMultiSelect"] [data-tag]')) {  // a chosen pemda
        const box = chip.closest('[data-testid="stElementContainer"]').getBoundingClientRect();
        const r = chip.getBoundingClientRect();
        const text = chip.querySelector('span');  // its name, cut off with an ellipsis when too long for one line
        const field = chip.closest('[data-testid="stMultiSelect"]').getBoundingClientRect();  // scrolled out of view
        if (r.width && (r.right > box.right + 1 || r.left < box.left - 1 || text.scrollWidth > text.clientWidth + 1
                        || r.bottom > field.bottom + 1)) {
            cut.push(['terpilih', chip.innerText]);
        }
    }
    for (const svg of main.querySelectorAll('.js-plotly-plot svg.main-svg:first-of-type')) {
        const plot = svg.getBoundingClientRect();
        const area = svg.parentElement.querySelector('.nsewdrag');  // where the data is drawn
        if (area && plot.width && area.getBoundingClientRect().width < plot.width / 3) {
            cut.push(['grafik sempit', svg.parentElement.querySelector('.gtitle')?.textContent || '']);
        }
        for (const text of svg.parentElement.querySelectorAll('.infolayer text')) {
            const r = text.getBoundingClientRect();
            if (r.width && (r.right > plot.right + 1 || r.left < plot.left - 1)) {
                cut.push(['judul grafik', text.textContent]);
            }
        }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) cut.push(['halaman', 'bergulir ke samping']);
    return cut;
}"""


def _browser_page(browser, server, viewport) -> OfflinePage:
    """A page at `viewport`; under 640 px with a phone's User-Agent, as a phone opens it."""
    return OfflinePage(browser, server.url, viewport=viewport,
                       user_agent=PHONE_USER_AGENT if viewport[0] < 640 else None)


@pytest.mark.parametrize("viewport", [(1024, 768), (390, 844)], ids=["1024x768", "ponsel"])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_a_user_reads_is_cut(browser, map_server, path, viewport):
    page = _browser_page(browser, map_server, viewport)
    try:
        p = page.open(path)
        p.wait_for_selector("h1", timeout=60_000)
        page.wait_idle()
        p.wait_for_function(PAINTED, timeout=30_000)
        try:  # charts lay themselves out again once their column has its width: give them a moment
            p.wait_for_function(f"() => ({CUT})().length === 0", timeout=5_000)
        except PlaywrightTimeout:
            pass
        page.screenshot(f"sempit-{viewport[0]}-{re.sub(r'[^a-z0-9]+', '-', path.lower())[:60]}", full_page=False)
        cut = p.evaluate(CUT)
        assert cut == [], f"{path} at {viewport}: {cut}"
        assert page.blocked == []
    finally:
        page.close()


@pytest.mark.parametrize("viewport", [(1920, 1080), (1280, 720), (1024, 768), (390, 844)],
                         ids=["1920x1080", "1280x720", "1024x768", "ponsel"])
@pytest.mark.parametrize("path", ["ringkasan", "profil?region=18.11"])
def test_kpi_cards_per_row_follow_the_column_beside_the_sidebar(browser, map_server, path, viewport):
    """The number of KPI cards per row follows the page column, not the window: at 1280×720 the sidebar leaves
    ≈ 820 px, where four cards cut 'Peringkat klaster 2025: 268 dari …'."""
    page = _browser_page(browser, map_server, viewport)
    try:
        p = page.open(path)
        p.wait_for_selector('[data-testid="stMetricValue"]', timeout=60_000)
        page.wait_idle()
        page.screenshot(f"kpi-{viewport[0]}-{re.sub(r'[^a-z0-9]+', '-', path.lower())}", full_page=False)
        cut = [c for c in p.evaluate(CUT) if c[0] == "KPI"]
        assert cut == [], f"{path} at {viewport}: {cut}"
        per_row = p.evaluate("""() => { const grid = document.querySelector('[class*="st-key-kpi-"]');
            const tops = [...grid.children].map(c => Math.round(c.getBoundingClientRect().top));
            return tops.filter(t => t === tops[0]).length; }""")
        assert per_row >= (2 if viewport[0] >= 1024 else 1), (path, viewport, per_row)  # no single file on a PC
    finally:
        page.close()


@pytest.mark.parametrize(("path", "control"), [("data", "Halaman"), ("peringkat", "Cari pemda")])
def test_on_a_touch_screen_the_table_toolbar_leaves_the_control_above_free(browser, map_server, path, control):
    """A touch screen shows the table's full-screen button all the time, 44 px above the table: it lay on the '+'
    of Data's page number and on the arrow of Peringkat's Cari pemda."""
    page = OfflinePage(browser, map_server.url, viewport=(390, 844), user_agent=PHONE_USER_AGENT, touch=True)
    try:
        p = page.open(path, wait_text=control, timeout=60_000)
        p.wait_for_function(PAINTED, timeout=30_000)
        overlap = p.evaluate("""() => {
            const bar = document.querySelector('[data-testid="stElementToolbar"]').getBoundingClientRect();
            const above = document.querySelector('[data-testid="stElementToolbar"]')
                .closest('[data-testid="stElementContainer"]').previousElementSibling.getBoundingClientRect();
            return Math.max(0, above.bottom - bar.top); }""")
        assert overlap <= 1, f"the toolbar lies {overlap} px over the control above"
        page.screenshot(f"sentuh-{path}-toolbar", full_page=False)
    finally:
        page.close()


def _sized_page(browser, url: str, viewport: tuple[int, int]) -> OfflinePage:
    """A browser window of `viewport`; below PHONE_PX a phone's: its User-Agent and a touch screen."""
    phone = viewport[0] < PHONE_PX
    return OfflinePage(browser, url, viewport=viewport, user_agent=PHONE_USER_AGENT if phone else None, touch=phone)


# Every segmented control shown on the page: its options' boxes, corner radii and border colours.
SEGMENTED = """() => [...document.querySelectorAll('[data-testid="stMain"] [role="radiogroup"]')]
    .filter(group => group.offsetParent && group.querySelector(':scope > button[data-variant="segmented_control"]'))
    .map(group => ({label: group.getAttribute('aria-label'), options: [...group.children].map(option => {
        const r = option.getBoundingClientRect(), s = getComputedStyle(option);
        return {text: option.innerText, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                radii: [s.borderTopLeftRadius, s.borderTopRightRadius, s.borderBottomRightRadius,
                        s.borderBottomLeftRadius].map(parseFloat),
                borders: [s.borderTopColor, s.borderRightColor, s.borderBottomColor, s.borderLeftColor]};
    })}))"""
TRANSPARENT = "rgba(0, 0, 0, 0)"


def _wrapped_options_stand_apart(control: dict, width: int) -> list[str]:
    """What is wrong with a segmented control at a window `width`: an option off the screen, or — when its options
    wrap onto more rows — options still joined (square corners, a shared border hidden, no gap between them)."""
    options, label = control["options"], control["label"]
    faults = [f"{label}: '{o['text']}' off the screen" for o in options if o["left"] < -1 or o["right"] > width + 1]
    rows: dict[int, list[dict]] = {}
    for option in options:
        rows.setdefault(round(option["top"]), []).append(option)
    if len(rows) == 1:  # one row: Streamlit's joined buttons read well
        return faults
    for option in options:
        if min(option["radii"]) < 4 or TRANSPARENT in option["borders"]:
            faults.append(f"{label}: '{option['text']}' is not a chip of its own ({option['radii']}, "
                          f"{option['borders']})")
    for row in rows.values():
        faults += [f"{label}: '{a['text']}' and '{b['text']}' touch" for a, b in zip(row, row[1:])
                   if b["left"] - a["right"] < 4]
    tops = sorted(rows)
    faults += [f"{label}: rows {i} and {i + 1} touch" for i, (upper, lower) in enumerate(zip(tops, tops[1:]))
               if lower - max(o["bottom"] for o in rows[upper]) < 4]
    return faults


@pytest.mark.parametrize("viewport", [(1024, 768), (390, 844)], ids=["1024x768", "ponsel"])
@pytest.mark.parametrize("path", ["tren", "profil?region=16&tab=Komposisi", "peringkat", "data", "peta"])
def test_segmented_controls_that_wrap_become_separate_chips(browser, map_server, path, viewport):
    """Tren's 'Menurut' (six options) wrapped onto two rows on a phone with the joined borders cut in the middle:
    where a segmented control wraps, every option is a rounded chip with its full border and a gap around it."""
    page = _sized_page(browser, map_server.url, viewport)
    try:
        p = page.open(path)
        p.wait_for_selector('button[data-variant="segmented_control"]', state="attached", timeout=60_000)
        page.wait_idle()
        controls = p.evaluate(SEGMENTED)
        assert controls, f"{path}: no segmented control found"
        faults = [fault for control in controls for fault in _wrapped_options_stand_apart(control, viewport[0])]
        assert faults == [], f"{path} at {viewport}: {faults}"
        assert page.blocked == []
    finally:
        page.close()


def test_menurut_chips_on_a_phone_keep_their_choice_in_the_link(browser, map_server):
    """A tap on a chip of Tren's 'Menurut' (its second row on a phone) chooses it, and the link keeps the choice."""
    page = OfflinePage(browser, map_server.url, viewport=(390, 844), user_agent=PHONE_USER_AGENT, touch=True)
    try:
        p = page.open("tren", wait_text="Komposisi per tahun", timeout=60_000)
        chip = p.get_by_role("radiogroup", name="Menurut").get_by_role("radio", name="Jenis unit pengusul")
        chip.scroll_into_view_if_needed()
        chip.tap()
        p.wait_for_function("() => location.search.includes('komposisi=')", timeout=30_000)
        page.wait_idle()
        assert chip.get_attribute("aria-checked") == "true"
        assert "komposisi=Jenis+unit+pengusul" in p.url or "komposisi=Jenis%20unit%20pengusul" in p.url, p.url
        page.screenshot("ponsel-tren-menurut-chip", full_page=False)
        assert page.blocked == []
    finally:
        page.close()


# Each tab's box, whether it is the chosen one, and the box of the line drawn under the chosen tab.
TABS = """() => [...document.querySelectorAll('[data-testid="stMain"] [role="tablist"] [role="tab"]')].map(tab => {
    const r = tab.getBoundingClientRect();
    const line = [...tab.querySelectorAll('*')].find(e => { const s = getComputedStyle(e);
        return s.position === 'absolute' && e.getBoundingClientRect().height <= 4
            && s.backgroundColor !== 'rgba(0, 0, 0, 0)'; });
    const l = line && line.getBoundingClientRect();
    return {text: tab.innerText, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            chosen: tab.getAttribute('aria-selected') === 'true',
            line: l && {left: l.left, right: l.right, top: l.top, bottom: l.bottom}};
})"""


@pytest.mark.parametrize("viewport", [(1024, 768), (390, 844)], ids=["1024x768", "ponsel"])
def test_every_profile_tab_is_on_screen_and_the_chosen_one_is_marked(browser, map_server, viewport):
    """A province's six tabs scrolled sideways on a phone: 'Daftar ino›' was cut and 'Kabupaten/kota' lay off the
    right edge. Every tab lies inside the window, none over another, and the line under the chosen tab lies under
    it on whichever row it is; a tap on the last tab opens it and names it in the link."""
    phone = viewport[0] < PHONE_PX
    page = _sized_page(browser, map_server.url, viewport)
    try:
        p = page.open("profil?region=16&tab=Komposisi", wait_text="Kabupaten/kota", timeout=60_000)
        p.wait_for_function(TAB_FILLED, timeout=30_000)
        page.wait_idle()
        tabs = p.evaluate(TABS)
        assert [t["text"] for t in tabs] == ["Tren", "Komposisi", "Peringkat", "Penghargaan", "Daftar inovasi",
                                             "Kabupaten/kota"]
        for tab in tabs:
            assert tab["left"] >= 0 and tab["right"] <= viewport[0], tab
        for a, b in zip(tabs, tabs[1:]):
            assert b["left"] >= a["right"] or b["top"] >= a["bottom"], (a, b)  # apart, on one row or the next
        chosen = [t for t in tabs if t["chosen"]]
        assert [t["text"] for t in chosen] == ["Komposisi"]
        line = chosen[0]["line"]
        assert line and chosen[0]["left"] - 1 <= line["left"] and line["right"] <= chosen[0]["right"] + 1, chosen
        assert chosen[0]["bottom"] - 8 <= line["top"] and line["bottom"] <= chosen[0]["bottom"] + 1, chosen
        page.screenshot(f"profil-tab-{viewport[0]}", full_page=False)
        last = p.get_by_role("tab", name="Kabupaten/kota")
        last.tap() if phone else last.click()
        p.wait_for_function("() => location.search.includes('tab=Kabupaten')", timeout=30_000)
        p.wait_for_function(TAB_FILLED, timeout=30_000)
        page.wait_idle()
        assert last.get_attribute("aria-selected") == "true"
        assert page.blocked == []
    finally:
        page.close()
