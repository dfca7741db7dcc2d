"""AppTest of the presentation page: the first slide, next/previous, pause, time, the URL's interval."""

from __future__ import annotations

import re
import time

import pytest
from streamlit.testing.v1 import AppTest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.exports.slides import Clock
from lib.sources import SOURCE_ENV, read_source
from lib.sources.snapshot import write_snapshot

PAGES = PROJECT_ROOT / "app_pages"


@pytest.fixture
def present(monkeypatch):
    """present(lang="vi", interval=None, clock=None) → the presentation page after one run."""

    def run(lang: str = "vi", interval: str | None = None, clock: Clock | None = None, source=None) -> AppTest:
        if source is None:
            monkeypatch.delenv(SOURCE_ENV, raising=False)
        else:
            monkeypatch.setenv(SOURCE_ENV, str(source))
        app = AppTest.from_file(str(PAGES / "present.py"), default_timeout=60)
        app.query_params["lang"] = lang
        if interval is not None:
            app.query_params["interval"] = interval
        if clock is not None:
            app.session_state["present_clock"] = clock
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    return run


def _slide(app: AppTest) -> tuple[str, str, str]:
    """(kind, title, position) of the slide on screen, from its heading."""
    head = next(element.proto.body for element in app.get("html") if 'class="slide-head"' in element.proto.body)
    kind = re.search(r'data-slide="(\w+)"', head).group(1)
    title = re.search(r"<h1>(.*?)</h1>", head).group(1)
    position = re.search(r"(\d+/\d+)</span>", head).group(1)
    return kind, title, position


def _html(app: AppTest) -> str:
    return "".join(element.proto.body for element in app.get("html"))


def test_first_slide_is_the_province_headline_with_countdowns(present):
    app = present()
    assert _slide(app) == ("headline", "Tỉnh Khánh Hòa: tiến độ triển khai", "1/13")
    shown = _html(app)
    assert '<div class="value">150</div>' in shown  # vaccination points
    assert '<div class="value">80 / 153</div>' in shown  # live on the System, of the 153 points expected
    assert "còn 12 ngày" in shown and 'class="countdowns"' in shown


def test_next_advances_and_previous_wraps(present):
    app = present()
    app.button(key="present_next").click().run()
    assert _slide(app)[0] == "map"
    app.button(key="present_next").click().run()
    assert _slide(app)[:2] == ("training", "Tập huấn cán bộ tiêm chủng")
    # Two charts, each drawn twice: in a projector's type, and in the page's for a phone (CSS shows one).
    assert len(app.get("vega_lite_chart")) == 2 * 2
    app.button(key="present_prev").click().run()
    app.button(key="present_prev").click().run()
    app.button(key="present_prev").click().run()
    assert _slide(app) == ("district", "Huyện Trường Sa", "13/13")


def test_the_slide_follows_the_clock(present):
    app = present(interval="10", clock=Clock(0, time.time() - 35))
    assert _slide(app)[0] == "deadlines"  # 35 s at 10 s per slide: the fourth slide
    assert "Đã nộp đúng hạn" in _html(app)


def test_a_district_slide(present):
    app = present(clock=Clock(6, time.time()))
    kind, title, position = _slide(app)
    assert (kind, title, position) == ("district", "Huyện Cam Lâm", "7/13")
    shown = _html(app)
    assert '<div class="value">10 / 15</div>' in shown  # Cam Lâm's points live
    assert "✔ Đã nộp đúng hạn" in shown


def test_pause_holds_the_slide(present):
    app = present(interval="3")
    assert app.session_state["present_interval"] == 3
    app.button(key="present_pause").click().run()
    assert app.session_state["present_clock"].paused
    assert app.button(key="present_pause").label == "Tự chạy"
    assert any(caption.value == "Đang tạm dừng" for caption in app.caption)


def test_the_interval_comes_from_the_url_and_can_be_changed(present):
    app = present(interval="7")
    assert app.session_state["present_interval"] == 7
    app.selectbox(key="present_interval").set_value(30).run()
    assert app.session_state["present_interval"] == 30
    assert app.query_params["interval"] in ("30", ["30"])  # kept in the URL for a reload


def test_jumping_to_a_slide(present):
    app = present()
    app.selectbox(key="present_jump").set_value(5).run()
    assert _slide(app)[1] == "Thành phố Cam Ranh"


def test_works_on_the_offline_snapshot(present, tmp_path):
    snapshot = write_snapshot(read_source(str(DEMO_WORKBOOK)), tmp_path / "ban-luu.xlsx")
    app = present(source=snapshot, clock=Clock(6, time.time()))
    assert _slide(app) == ("district", "Huyện Cam Lâm", "7/13")
    assert '<div class="value">10 / 15</div>' in _html(app)


def test_english(present):
    app = present(lang="en")
    assert _slide(app)[1] == "Khánh Hòa: roll-out progress"
    assert app.button(key="present_next").label == "Next"
