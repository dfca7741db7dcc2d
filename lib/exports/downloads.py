"""What the pages offer for download: label, file name, type and a deferred builder for each file.

A page turns each `Download` into a button (`st.download_button(**download.kwargs())`); the file
is only built when someone clicks, so a page with many buttons costs nothing to draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from lib.exports import file_stem
from lib.exports.charts import render_chart_png, render_chart_svg
from lib.exports.excel import build_tables_workbook
from lib.exports.followup import build_followup_docx, build_followup_txt
from lib.exports.report import build_report_docx
from lib.exports.summary import build_summary_png
from lib.i18n import t
from lib.views.format import format_date
from lib.views.offline import standalone_html

PNG, SVG, HTML = "image/png", "image/svg+xml", "text/html"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Download:
    """One take-away file of a page: its button label, its bytes (made only when asked), file name, MIME type, icon, key and help."""
    label: str
    data: Callable[[], bytes | str]
    file_name: str
    mime: str
    icon: str
    key: str
    help: str | None = None

    def kwargs(self) -> dict:
        """Keyword arguments for `st.download_button` (file built on click, no rerun)."""
        return {"label": self.label, "data": self.data, "file_name": self.file_name, "mime": self.mime,
                "icon": self.icon, "key": self.key, "help": self.help, "on_click": "ignore"}


def chart_downloads(chart, name: str, title: str, subtitle: str, as_of: date, lang: str = "vi") -> list[Download]:
    """PNG and SVG of one chart; `name` is an ASCII slug that keeps the widget keys unique."""
    stem = file_stem(name, as_of=as_of)
    return [
        Download(t("exp.png", lang), lambda: render_chart_png(chart, title=title, subtitle=subtitle), f"{stem}.png",
                 PNG, ":material/image:", f"download_{name}_png", t("exp.png_help", lang)),
        Download(t("exp.svg", lang), lambda: render_chart_svg(chart, title=title, subtitle=subtitle), f"{stem}.svg",
                 SVG, ":material/draw:", f"download_{name}_svg", t("exp.svg_help", lang)),
    ]


def tables_download(rollout, province: str, lang: str = "vi", district_code: str | None = None,
                    district_name: str | None = None) -> Download:
    """The figures as a formatted .xlsx (districts and points of `rollout`), for the province or one district."""
    stem = file_stem(t("exp.file.tables", "vi"), district_name or province, as_of=rollout.as_of)
    return Download(t("exp.xlsx", lang), lambda: build_tables_workbook(rollout, province, lang, district_code),
                    f"{stem}.xlsx", XLSX, ":material/table_view:", f"download_tables_{district_code or 'province'}",
                    t("exp.xlsx_help", lang))


def summary_download(rollout, province: str, lang: str = "vi") -> Download:
    """The one-image daily summary (PNG) of `rollout`."""
    stem = file_stem(t("exp.file.summary", "vi"), province, as_of=rollout.as_of)
    return Download(t("exp.summary", lang), lambda: build_summary_png(rollout, province, lang), f"{stem}.png", PNG,
                    ":material/smartphone:", "download_summary", t("exp.summary_help", lang))


def report_download(dataset, rollout, lang: str = "vi", district_code: str | None = None,
                    district_name: str | None = None, change=None) -> Download:
    """The official report (.docx) of `rollout`, for the province or one district; with `change`
    (`progress.compute_change_since`, or None) its changes since the previous report."""
    stem = file_stem(t("exp.file.report", "vi"), district_name or dataset.province, as_of=rollout.as_of)
    label = t("exp.report_district" if district_code else "exp.report_province", lang)
    return Download(label, lambda: build_report_docx(dataset, rollout, lang, district_code, change), f"{stem}.docx", DOCX,
                    ":material/description:", f"download_report_{district_code or 'province'}",
                    t("exp.report_help", lang))


def map_download(folium_map, province: str, as_of: date, lang: str = "vi") -> Download:
    """The readiness map as a self-contained HTML file that opens with no Internet."""
    title = t("exp.map_title", lang, province=province, as_of=format_date(as_of, lang))
    stem = file_stem(t("exp.file.map", "vi"), province, as_of=as_of)
    return Download(t("exp.map_html", lang), lambda: standalone_html(folium_map, title=title), f"{stem}.html", HTML,
                    ":material/map:", "download_map_html", t("exp.map_html_help", lang))



def followup_downloads(texts: list[str], province: str, as_of: date, lang: str = "vi") -> list[Download]:
    """Every district's follow-up message (`views.followup.build_followup_text`) in one .txt and one .docx."""
    stem = file_stem(t("fu.file", "vi"), province, as_of=as_of)
    title = f"{t('fu.title', lang)} · {province} · {format_date(as_of, lang)}"
    return [
        Download(t("fu.txt", lang), lambda: build_followup_txt(texts), f"{stem}.txt", "text/plain",
                 ":material/sms:", "download_followup_txt"),
        Download(t("fu.docx", lang), lambda: build_followup_docx(texts, title), f"{stem}.docx", DOCX,
                 ":material/description:", "download_followup_docx"),
    ]
