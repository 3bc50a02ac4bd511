"""The default self-check (docs/rules.md §4.1): six areas, 100 points, the two veto items. The weights are the
proposal of docs/rules.md §4 (no national points scheme was found); a union sets its own weight from a date on."""
import datetime as dt
from decimal import Decimal

from django.db import migrations

SOURCE = "docs/rules.md §4.1（建议自评表，分值为本平台拟定，非官方）"
VETO = "2015年全国模范职工之家评选条件（docs/rules.md §4）"
# code, area, title, guidance, points, method, figure, threshold rule, veto, source
CRITERIA = [
    ("ORG-1", "组织建设", "入会率", "年末入会率达到一票否决下限得满分，不足按比例计分。", 10, "auto", "members.rate",
     "assessment.membership_rate_min", True, VETO),
    ("ORG-2", "组织建设", "按期换届，经审会、女职委健全", "委员会按期换届并经上级批复；经审会、女职委（女职工委员）依规设立。", 8,
     "manual", "", "", False, SOURCE),
    ("ORG-3", "组织建设", "每年召开会员（代表）大会", "年内召开会员（代表）大会并有会议记录。", 4, "manual", "", "", False, SOURCE),
    ("ORG-4", "组织建设", "会员实名制台账", "会员名册完整、及时更新。", 3, "auto", "members.in_membership", "", False, SOURCE),
    ("DEM-1", "民主管理与维权", "职代会、厂务（政务）公开", "依规召开职代会或会员代表大会审议事项，公开按期进行并有记录。", 10,
     "manual", "", "", False, SOURCE),
    ("DEM-2", "民主管理与维权", "集体协商与维权", "签订集体合同或专项集体合同，劳动争议调解、法律援助有记录。", 10,
     "manual", "", "", False, SOURCE),
    ("FUN-1", "经费管理", "独立账户与年度预算", "工会经费独立核算，年度预算经委员会审议。", 8, "auto", "funds.budget_expense", "",
     False, SOURCE),
    ("FUN-2", "经费管理", "经审审查、收支公开、标准执行", "经审会审查年度收支并向大会报告，福利发放不超过标准。", 12,
     "manual", "", "", False, SOURCE),
    ("SER-1", "服务职工", "慰问与送温暖", "年内开展慰问（生病住院、婚育、丧事等）。", 5, "auto", "care.visits", "", False, SOURCE),
    ("SER-2", "服务职工", "困难职工帮扶", "建立困难职工档案，年内开展送温暖走访。", 5, "auto", "care.warmth_recipients", "",
     False, SOURCE),
    ("SER-3", "服务职工", "女职工特殊保护", "组织女职工妇科检查等。", 5, "auto", "care.health_check_women", "", False, SOURCE),
    ("SER-4", "服务职工", "文体活动", "年内组织文体活动。", 5, "auto", "activities.held", "", False, SOURCE),
    ("BAS-1", "阵地与制度", "职工之家阵地与制度", "有活动阵地（职工之家、书屋等），工会工作制度健全。", 5, "manual", "", "",
     False, SOURCE),
    ("SAT-1", "会员评家", "会员满意率", "会员评家满意率（满意与基本满意）达到一票否决下限得满分，不足按比例计分。", 10, "auto",
     "assessment.satisfaction_rate", "assessment.satisfaction_min", True, VETO),
]


def add_defaults(apps, schema_editor):
    Criterion = apps.get_model("assessment", "Criterion")
    for order, (code, area, title, guidance, points, method, figure, rule, veto, source) in enumerate(CRITERIA, 1):
        Criterion.objects.create(union=None, code=code, area=area, title=title, guidance=guidance,
                                 points=Decimal(points), method=method, figure=figure, threshold_rule=rule, veto=veto,
                                 source=source, effective_from=dt.date(2015, 7, 1), order=order * 10)


def remove_defaults(apps, schema_editor):
    apps.get_model("assessment", "Criterion").objects.filter(union=None, effective_from=dt.date(2015, 7, 1)).delete()


class Migration(migrations.Migration):
    reference_data = True  # restored after a test-database flush (core/testing/reference_data.py)
    dependencies = [("assessment", "0001_self_assessment_and_survey")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
