"""Presentation mode, the year player and the PNG export in Chromium, offline, at projector sizes.

What a person in the meeting room sees: the map fills the screen, title, legend and source are inside it and apart,
the keyboard steps through the years with the same classes, and the exported PNG has a fixed size and margins.
"""

from __future__ import annotations

import io
import itertools
import time

import pytest

from briefing.map_image import blank_margin
from tests.support.browser import SCREENSHOTS, OfflinePage
from ui.presentation import BAR_PX, TALL_BAR_PX, TALL_PX, bar_px

VIEWPORTS = [(1920, 1080), (1280, 720), (1024, 768)]
PHONE = (390, 844)
VIEWS = [("provinsi", "peta?presentasi=true", 38), ("kabkota", "peta?presentasi=true&peta=Kab%2Fkota", 514),
         ("lampung", "peta?presentasi=true&fokus=Lampung", 15)]
PATHS = "document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length"
# The figure fills the window above the bar of on-screen controls (ui.presentation.bar_px high).
FILLS_WINDOW = """(n) => {
    const plot = document.querySelector('.js-plotly-plot');
    if (!plot) return false;
    const r = plot.getBoundingClientRect(), BAR = innerHeight >= TALL ? TALL_BAR : SHORT_BAR;
    return Math.abs(r.width - innerWidth) <= 2 && Math.abs(r.height - (innerHeight - BAR)) <= 2 && r.x <= 1
        && r.y <= 1 && document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length >= n;
}""".replace("TALL_BAR", str(TALL_BAR_PX)).replace("SHORT_BAR", str(BAR_PX)).replace("TALL", str(TALL_PX))
MEASURE = """() => {
    const q = (s) => document.querySelector(s);
    const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
    const out = {vw: innerWidth, vh: innerHeight, boxes: {},
                 scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight]};
    out.boxes.map = box(q('.js-plotly-plot .choroplethlayer'));
    out.boxes.title = box(q('.js-plotly-plot .gtitle'));
    out.boxes.legend = box(q('.js-plotly-plot .legend'));
    for (const a of q('.js-plotly-plot').querySelectorAll('.annotation')) {
        const text = a.textContent;
        if (!text.trim()) continue;
        const name = text.startsWith('DATA DEMO') ? 'notice' : text.startsWith('Batas wilayah') ? 'source'
            : 'subtitle';
        out.boxes[name] = box(a.querySelector('.annotation-text') || a);
    }
    out.title = q('.js-plotly-plot .gtitle').textContent;
    out.titleSize = parseFloat(getComputedStyle(q('.js-plotly-plot .gtitle')).fontSize);
    out.legendSize = parseFloat(getComputedStyle(q('.js-plotly-plot .legend .legendtext')).fontSize);
    out.legendText = [...document.querySelectorAll('.js-plotly-plot .legend .legendtext')].map(t => t.textContent);
    out.legendTitle = q('.js-plotly-plot .legend .legendtitletext').textContent;
    out.swatches = [...document.querySelectorAll('.js-plotly-plot .legend .legendpoints path')]
        .map(p => p.getBoundingClientRect().width);
    out.labelSizes = [...document.querySelectorAll('.js-plotly-plot .scattergeolayer text')]
        .map(t => parseFloat(getComputedStyle(t).fontSize));
    const bar = q('.st-key-peta_bar');
    if (bar) out.boxes.bar = box(bar);
    out.barText = bar ? bar.innerText : '';
    out.buttons = bar ? [...bar.querySelectorAll('button')].filter(b => b.offsetParent).map(box) : [];
    // The words shown in the bar (a phone shows the player's buttons as icons) and the year: size and baseline (the
    // top of an empty inline-block put at the end of the text sits on its baseline)
    out.texts = !bar ? [] : [...bar.querySelectorAll('button p, .st-key-peta_year_shown p')]
        .filter(p => p.closest('[data-testid="stMarkdownContainer"]').getBoundingClientRect().width > 1).map(p => {
            const probe = p.appendChild(document.createElement('span'));
            probe.style.display = 'inline-block';
            const baseline = probe.getBoundingClientRect().top;
            probe.remove();
            return {text: p.textContent, size: parseFloat(getComputedStyle(p).fontSize), baseline};
        });
    const sidebar = q('[data-testid="stSidebar"]');
    out.sidebarShown = !!sidebar && sidebar.getBoundingClientRect().width > 0
        && getComputedStyle(sidebar).display !== 'none';
    return out;
}"""


def _overlap(a: dict, b: dict, tolerance: float = 1.0) -> bool:
    return (a["x"] + tolerance < b["x"] + b["w"] and b["x"] + tolerance < a["x"] + a["w"]
            and a["y"] + tolerance < b["y"] + b["h"] and b["y"] + tolerance < a["y"] + a["h"])


def _inside(box: dict, width: float, height: float, tolerance: float = 1.0) -> bool:
    return (box["x"] >= -tolerance and box["y"] >= -tolerance and box["x"] + box["w"] <= width + tolerance
            and box["y"] + box["h"] <= height + tolerance)


def _check_presentation(offline: OfflinePage, name: str, viewport: tuple[int, int]) -> None:
    page = offline.page
    m = page.evaluate(MEASURE)
    offline.screenshot(f"presentasi-{name}-{viewport[0]}x{viewport[1]}", full_page=False)
    width, height = m["vw"], m["vh"]
    assert (width, height) == viewport
    boxes = m["boxes"]
    assert {"title", "subtitle", "legend", "source", "notice", "map"} <= set(boxes), boxes.keys()
    assert not m["sidebarShown"] and not page.get_by_text("Pengaturan peta").first.is_visible()
    assert m["scroll"][0] <= width and m["scroll"][1] <= height, m["scroll"]  # nothing below the fold
    for part, box in boxes.items():
        assert _inside(box, width, height), (name, viewport, part, box)
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not _overlap(box_a, box_b), (name, viewport, a, box_a, b, box_b)
    drawn = boxes["map"]
    assert max(drawn["w"] / width, drawn["h"] / (height - bar_px(height))) >= 0.85, (name, viewport, drawn)
    if viewport == (1920, 1080):  # readable from the back of the room
        assert m["titleSize"] >= 20 and m["legendSize"] >= 20, m
    # Swatches as big as the layout makes them (legend 0,9 em; plotly draws at most 16 px), not a fixed 12 px
    assert m["swatches"] and min(m["swatches"]) >= min(0.9 * m["legendSize"], 16) - 1.5, m["swatches"]
    assert all(size >= 14 for size in m["labelSizes"]), m["labelSizes"]  # region names on a drilled-down map
    # The bar of on-screen controls: below the map (the figure above it ends where it starts), buttons to tap
    assert boxes["bar"]["y"] >= max(b["y"] + b["h"] for part, b in boxes.items() if part != "bar") - 1
    assert "Keluar" in m["barText"] and "Esc" in m["barText"] and "2018–2025" in m["barText"], m["barText"]
    assert len(m["buttons"]) == 4 and all(_inside(b, width, height) for b in m["buttons"])
    _bar_reads_from_the_back(m, viewport)


def _bar_reads_from_the_back(m: dict, viewport: tuple[int, int]) -> None:
    """The bar is as high as the map's canvas leaves (down to the window's bottom edge); its buttons are 44 px to
    tap with 16-px words, on a 1080p projector 56 px with 20-px words (it had 40 px and 14 px); the year's text
    sits on the words' baseline (it had hung 13 px below)."""
    bar, height = m["boxes"]["bar"], viewport[1]
    assert abs(bar["h"] - bar_px(height)) <= 1 and abs(bar["y"] + bar["h"] - height) <= 1, (viewport, bar)
    tall = height >= TALL_PX
    assert all(b["h"] >= (56 if tall else 44) for b in m["buttons"]), (viewport, m["buttons"])
    texts = m["texts"]
    names = {t["text"] for t in texts}
    assert "Keluar" in names and any(name[:2] == "20" for name in names), texts  # *Keluar* and the year shown
    assert all(t["size"] >= (20 if tall else 16) for t in texts), (viewport, texts)
    baselines = [t["baseline"] for t in texts]
    assert max(baselines) - min(baselines) <= 1, (viewport, texts)


@pytest.mark.parametrize(("name", "path", "regions"), VIEWS, ids=[v[0] for v in VIEWS])
def test_presentation_mode_fills_the_screen_with_everything_apart(browser, map_server, name, path, regions):
    """A link opens straight into presentation mode; the same page is then resized to the other projectors."""
    offline = OfflinePage(browser, map_server.url, viewport=VIEWPORTS[0])
    try:
        started = time.perf_counter()
        page = offline.open(path)
        page.wait_for_function(FILLS_WINDOW, arg=regions, timeout=60_000)
        print(f"{name}: painted {time.perf_counter() - started:.2f} s after navigation")
        for viewport in VIEWPORTS:
            page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
            page.wait_for_function(FILLS_WINDOW, arg=regions, timeout=30_000)
            offline.wait_idle()
            _check_presentation(offline, name, viewport)
        if name == "kabkota":
            _keyboard_steps_the_years_and_esc_leaves(offline)
        assert offline.blocked == [], offline.blocked[:5]
    finally:
        offline.close()


def _title(page) -> str:
    return page.evaluate("() => (document.querySelector('.js-plotly-plot .gtitle') || {textContent: ''}).textContent")


def _legend(page) -> list[str]:
    """The class labels of the legend ("Tidak ada data" aside: whether some region lacks data varies by year)."""
    texts = page.evaluate("() => [...document.querySelector('.js-plotly-plot').querySelectorAll('.legendtext')]"
                          ".map(t => t.textContent)")
    return [t for t in texts if t != "Tidak ada data"]


def _keyboard_steps_the_years_and_esc_leaves(offline: OfflinePage) -> None:
    """→ shows the first year, → again the next one, with the same class labels; Esc leaves presentation mode."""
    page = offline.page
    assert "2018–2025" in _title(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => (document.querySelector('.js-plotly-plot .gtitle') || {textContent: ''})"
                           ".textContent.endsWith(', 2018')", timeout=30_000)
    offline.wait_idle()
    first = _legend(page)
    legend_title = page.evaluate("() => document.querySelector('.js-plotly-plot .legend .legendtitletext')"
                                 ".textContent")
    assert "kelas sama untuk 2018–2025" in legend_title
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => (document.querySelector('.js-plotly-plot .gtitle') || {textContent: ''})"
                           ".textContent.endsWith(', 2019')", timeout=30_000)
    offline.wait_idle()
    assert _legend(page) == first  # same breaks: a colour means the same number in both years
    offline.screenshot("presentasi-kabkota-2019", full_page=False)
    page.keyboard.press("Escape")
    page.get_by_text("Pengaturan peta").first.wait_for(state="visible", timeout=30_000)
    assert "presentasi=true" not in page.url


def test_play_advances_the_year_and_keeps_the_breaks(browser, map_server):
    offline = OfflinePage(browser, map_server.url, viewport=(1440, 1000))
    try:
        page = offline.open("peta?peta=Kab%2Fkota", wait_text="Tahun pada peta")
        page.wait_for_function(PATHS + " >= 514", timeout=60_000)
        page.get_by_role("button", name="Putar").click()
        seen: dict[str, list[str]] = {}
        deadline = time.time() + 30
        while len(seen) < 3 and time.time() < deadline:
            title = _title(page)
            year = title.rsplit(", ", 1)[-1]
            if year.isdigit() and year not in seen:
                seen[year] = _legend(page)
            page.wait_for_timeout(200)
        assert len(seen) >= 3, seen.keys()  # the map stepped through the years on its own
        assert sorted(seen) == list(seen), seen.keys()  # forwards
        legends = list(seen.values())
        assert all(legend == legends[0] for legend in legends), seen
        offline.screenshot("peta-putar")
        page.get_by_role("button", name="Jeda").click()
        assert offline.blocked == []
    finally:
        offline.close()


def test_png_export_has_a_fixed_size_and_margins(browser, map_server):
    from PIL import Image

    offline = OfflinePage(browser, map_server.url, viewport=(1024, 768))  # a narrow browser: the PNG is not
    try:
        page = offline.open("peta?fokus=Lampung&tahun=2023&tahun=2023", wait_text="Unduh peta / bahan rapat")
        page.wait_for_function(PATHS + " >= 15", timeout=60_000)
        page.get_by_role("button", name="Unduh peta / bahan rapat").click()  # the menu draws its buttons on opening
        for label, size in (("PNG 16:9 (1920×1080)", (1920, 1080)), ("PNG 4:3 (1440×1080)", (1440, 1080))):
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name=label).click()
            canvas = "16x9" if size[0] == 1920 else "4x3"  # named in the legend's words, ASCII hyphens only
            assert download.value.suggested_filename == f"peta-jumlah-inovasi-kabupaten-kota-lampung-2023-{canvas}.png"
            data = open(download.value.path(), "rb").read()
            image = Image.open(io.BytesIO(data))
            assert image.format == "PNG" and image.size == size
            left, top, right, bottom = blank_margin(data)
            assert min(left, top, right, bottom) >= 20, (label, left, top, right, bottom)  # margins on every side
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            (SCREENSHOTS / f"export-lampung-{size[0]}x{size[1]}.png").write_bytes(data)
        assert offline.blocked == []
    finally:
        offline.close()


def test_page_map_on_a_phone_keeps_legend_and_source_apart(browser, map_server):
    offline = OfflinePage(browser, map_server.url, viewport=(390, 844))
    try:
        for path in ("peta", "peta?fokus=Lampung"):
            page = offline.open(path, wait_text="Tahun pada peta")
            page.wait_for_function("""() => {
                const plot = document.querySelector('.js-plotly-plot');  // laid out for its column
                const column = plot && plot.closest('[data-testid="stVerticalBlock"]');
                return plot && column && document.querySelectorAll('.js-plotly-plot').length === 1
                    && Math.abs(plot.getBoundingClientRect().width - column.getBoundingClientRect().width) <= 2
                    && document.querySelectorAll('.js-plotly-plot .choroplethlayer path').length > 10;
            }""", timeout=60_000)
            offline.wait_idle()
            m = page.evaluate(MEASURE)
            plot = page.evaluate("() => { const r = document.querySelector('.js-plotly-plot')"
                                 ".getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; }")
            boxes = m["boxes"]
            for part, box in boxes.items():  # inside the figure, which fits the phone's width
                shifted = {**box, "x": box["x"] - plot["x"], "y": box["y"] - plot["y"]}
                assert _inside(shifted, plot["w"], plot["h"]), (path, part, shifted, plot)
            assert plot["x"] >= 0 and plot["x"] + plot["w"] <= 390 + 1
            for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
                assert not _overlap(box_a, box_b), (path, a, box_a, b, box_b)
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            offline.screenshot(f"peta-ponsel-{path.split('=')[-1].lower()}", full_page=False)
        assert offline.blocked == []
    finally:
        offline.close()


def test_the_year_player_on_a_phone_keeps_its_three_buttons_on_one_row(browser, map_server):
    """At 390 px the words 'Sebelumnya', 'Putar', 'Berikutnya' put ▶ on a second row beside the slider; as icons the
    three sit in one row (still named for a screen reader) and the slider takes the row below."""
    offline = OfflinePage(browser, map_server.url, viewport=(390, 844))
    try:
        page = offline.open("peta", wait_text="Tahun pada peta")
        offline.wait_idle()
        boxes = [page.get_by_role("button", name=name).first.bounding_box()
                 for name in ("Sebelumnya", "Putar", "Berikutnya")]
        assert len({round(b["y"]) for b in boxes}) == 1, boxes
        assert all(b["height"] >= 40 and b["x"] + b["width"] <= 390 for b in boxes), boxes
        slider = page.locator(".st-key-peta_player [data-testid='stSlider']").first.bounding_box()
        assert slider["y"] > boxes[0]["y"] + boxes[0]["height"] and slider["width"] > 300, slider
        assert offline.blocked == []
    finally:
        offline.close()


# The map's title ends in `end`; while a rerun redraws the map there is no title yet (not an error: wait on).
TITLE_ENDS = "end => (document.querySelector('.js-plotly-plot .gtitle')?.textContent || '').endsWith(end)"


def test_presentation_bar_steps_the_years_and_leaves_by_mouse(browser, map_server):
    """A touch screen or a clicker has no arrow keys: the bar's ◀/▶ step the years, *Keluar* leaves; after a click
    on the map and a key no focus ring is drawn across the title; the play button's key is Indonesian."""
    offline = OfflinePage(browser, map_server.url, viewport=(1280, 720))
    try:
        page = offline.open("peta?presentasi=true")
        page.wait_for_function(FILLS_WINDOW, arg=38, timeout=60_000)
        offline.wait_idle()
        plot = page.locator(".js-plotly-plot").first.bounding_box()
        page.mouse.click(plot["x"] + 5, plot["y"] + plot["height"] / 2)  # on the canvas, off the regions
        page.keyboard.press("ArrowRight")
        page.wait_for_function(TITLE_ENDS, arg=", 2018", timeout=30_000)
        offline.wait_idle()
        ring = page.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]');
            const before = getComputedStyle(main, '::before');
            return {focused: main.matches(':focus-visible'), display: before.display, shadow: before.boxShadow}; }""")
        assert not ring["focused"] or ring["display"] == "none" or ring["shadow"] == "none", ring
        offline.screenshot("presentasi-setelah-klik-dan-panah", full_page=False)
        assert "2018" in page.locator(".st-key-peta_bar").inner_text()
        hint = page.evaluate("""() => getComputedStyle(
            document.querySelector('.st-key-peta_bar kbd[aria-label="Shortcut Space"]'), '::after').content""")
        assert hint == '"Spasi"', hint
        page.get_by_role("button", name="Berikutnya").click()
        page.wait_for_function(TITLE_ENDS, arg=", 2019", timeout=30_000)
        offline.wait_idle()
        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        page.wait_for_function(FILLS_WINDOW, arg=38, timeout=30_000)
        offline.wait_idle()
        offline.screenshot("presentasi-ponsel", full_page=False)
        m = page.evaluate(MEASURE)
        assert all(_inside(b, *PHONE) for b in m["buttons"]), m["buttons"]
        _bar_reads_from_the_back(m, PHONE)
        leave = page.get_by_role("button", name="Keluar")
        leave.click()
        page.get_by_text("Pengaturan peta").first.wait_for(state="visible", timeout=30_000)
        assert "presentasi=true" not in page.url
        assert offline.blocked == []
    finally:
        offline.close()
