"""The report's sections, as data: each names the registered figures (``core/figures.py`` keys) and charts it
shows and the narrative the draft starts from. ``tests/test_sections.py`` fails when a listed key is not registered.

Why a list here and not a ``<app>/report.py`` discovered in every app: ``reports`` sits above every domain app,
so it may read all of them, and a section is the report's wording (its heading, its order in the document, which
figures and charts it picks) rather than a fact of the area. One list shows the whole document's structure in
one place. An area added later adds its ``Section`` (or its keys to an existing one) with ``register`` — from
this file, or from an app above ``reports`` at start-up.

Placeholders in a text: ``{{ care.visits }}`` is replaced by the registered figure's value and unit word
("37人次"); a placeholder naming no registered figure is refused when the narrative is saved.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from unionhome.core import figures as registry
from unionhome.plans.queries import plan_summary
from unionhome.reports.models import Kind


@dataclass(frozen=True)
class ChartSpec:
    figure: str  # a registered figure key
    kind: str = "parts"  # parts: one bar per part of the figure; monthly: twelve columns
    title: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    figures: tuple[str, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    text: str = ""  # the narrative a new draft starts with (placeholders allowed)
    deeds_text: str = ""  # the same area in the 集体典型事迹材料 ("" = not in that document)
    # Rows of a list the section prints after its narrative: (union, year, as_of) -> [dict]; see plan_rows.
    items: Callable | None = field(default=None, compare=False)

    def in_kind(self, kind: str) -> bool:
        return kind == Kind.ANNUAL or bool(self.deeds_text)

    def default_text(self, kind: str) -> str:
        return str(self.deeds_text if kind == Kind.DEEDS else self.text)

    def missing(self) -> list[str]:
        """The keys listed here that no app has registered (shown as missing in the editor)."""
        return [k for k in self.figures + tuple(c.figure for c in self.charts) if registry.get(k) is None]


# ---- THE PLAN AND ITS SUMMARY ------------------------------------------------------------------------------------
# ``plans.queries.plan_summary(*, union, year, as_of=None)`` returns per item: title, area, owners, target, the
# figure computed from the registry, status, comment and the linked records (label, date, url); the section prints
# them after its narrative (``document._plan_paragraphs``).
def plan_rows(*, union, year, as_of=None) -> list[dict]:
    return [{**row, "figure": row["value"], "status": str(row["status_label"])}
            for row in plan_summary(union=union, year=year, as_of=as_of)]


def _plan_items(union, year, as_of):
    return plan_rows(union=union, year=year, as_of=as_of)


# Every area's section lists the registered figures of what the area records (meetings, suggestions and
# disclosures under democratic management; study; the year-end evaluation), so the year's numbers are in the
# report's tables and appendix even where the narrative cites none.
_SECTIONS: list[Section] = [
    Section(
        "organisation", _("一、加强组织建设，夯实工会基础"),
        figures=("members.staff", "members.in_membership", "members.rate", "elections.held"),
        charts=(ChartSpec("members.by_gender", title=_("会员性别构成")),
                ChartSpec("members.by_age_band", title=_("会员年龄构成"))),
        text=_("坚持把组织建设作为工会工作的基础。截至年末，在职职工{{ members.staff }}，在会会员{{ members.in_membership }}，"
               "入会率{{ members.rate }}。全年按程序举行选举{{ elections.held }}，工会小组和委员会运转正常。"),
        deeds_text=_("坚持“一次入会、动态接转”，入会率达到{{ members.rate }}，会员{{ members.in_membership }}。")),
    Section(
        "democracy", _("二、推进民主管理，维护职工合法权益"),
        figures=("meetings.held", "meetings.decisions_adopted", "suggestions.submitted", "suggestions.adopted",
                 "disclosures.published"),
        text=_("坚持召开会员大会，听取和审议工会工作报告、经费收支情况报告和经费审查报告，"
               "认真办理职工意见建议，推进会务公开。"),
        deeds_text=_("坚持民主办会，重大事项经会员大会或委员会讨论决定。")),
    Section(
        "care", _("三、关心关爱职工，服务职工群众"),
        figures=("care.visits", "care.health_check_women", "care.warmth_recipients", "care.donations",
                 "care.blood_donors"),
        charts=(ChartSpec("care.visits", title=_("慰问（按类型）")),
                ChartSpec("care.visits", kind="monthly", title=_("慰问（按月）"))),
        text=_("全年开展慰问{{ care.visits }}，送温暖走访{{ care.warmth_recipients }}；组织女职工妇科检查，"
               "参检{{ care.health_check_women }}；组织捐资捐物{{ care.donations }}，义务献血{{ care.blood_donors }}。"),
        deeds_text=_("把职工冷暖放在心上，全年慰问{{ care.visits }}，送温暖走访{{ care.warmth_recipients }}。")),
    Section(
        "culture", _("四、丰富文体活动，建设职工之家"),
        figures=("activities.held", "activities.participation", "competitions.held"),
        charts=(ChartSpec("activities.participation", kind="monthly", title=_("活动参与人次（按月）")),),
        text=_("围绕重要节日开展文体活动{{ activities.held }}，参与{{ activities.participation }}；"
               "举办比赛{{ competitions.held }}，增强了职工的凝聚力。"),
        deeds_text=_("常态化开展文体活动{{ activities.held }}，职工参与{{ activities.participation }}。")),
    Section(
        "study", _("五、加强学习培训，提高职工素质"),
        figures=("study.sessions", "study.attendance_present", "study.officers_trained", "study.training_hours"),
        text=_("组织会员开展政治理论和业务知识学习，组织工会干部参加上级工会培训。")),
    Section(
        "evaluation", _("六、开展评先评优，弘扬劳模精神"),
        figures=("awards.honours", "awards.people_by_gender"),
        text=_("按照民主推荐、公示、委员会决定的程序开展年度评先评优，营造比学赶超的氛围。")),
    Section(
        "funds", _("七、规范经费管理，保障工会工作"),
        figures=("funds.income", "funds.expense", "funds.budget_expense"),
        charts=(ChartSpec("funds.expense", title=_("经费支出（按科目）")),
                ChartSpec("funds.expense", kind="monthly", title=_("经费支出（按月）"))),
        text=_("严格执行工会经费收支管理办法，全年经费收入{{ funds.income }}，支出{{ funds.expense }}"
               "（预算{{ funds.budget_expense }}），经费审查委员会按规定开展审查。"),
        deeds_text=_("经费收支规范，全年经费收入{{ funds.income }}，支出{{ funds.expense }}，经审审查无问题。")),
    Section(
        "plan", _("八、年度工作计划完成情况"), items=_plan_items,
        text=_("对照年初工作计划，逐项检查完成情况如下。")),
    Section(
        "next_year", _("九、存在的不足和明年工作打算"),
        text=_("在总结成绩的同时，我们也清醒地看到工作中的不足。明年将继续围绕中心、服务大局，"
               "扎实做好组织建设、民主管理、关心关爱和经费管理各项工作。"),
        deeds_text=_("下一步，我们将继续努力，把职工之家建设成为职工信赖的温暖之家。")),
]


def register(section: Section, *, after: str | None = None) -> Section:
    """Add an area's section (after the section ``after``, else at the end)."""
    if any(s.key == section.key for s in _SECTIONS):
        raise ValueError(f"report section {section.key} registered twice")
    index = next((i + 1 for i, s in enumerate(_SECTIONS) if s.key == after), len(_SECTIONS))
    _SECTIONS.insert(index, section)
    return section


def sections(kind: str = Kind.ANNUAL) -> list[Section]:
    return [s for s in _SECTIONS if s.in_kind(kind)]


def section_keys(kind: str = Kind.ANNUAL) -> list[str]:
    return [s.key for s in sections(kind)]


def figure_keys(kind: str = Kind.ANNUAL) -> list[str]:
    """Every registered figure the document shows, once, in the order of its sections."""
    keys: list[str] = []
    for s in sections(kind):
        for k in s.figures + tuple(c.figure for c in s.charts):
            if k not in keys and registry.get(k) is not None:
                keys.append(k)
    return keys
