"""Fixed lists of the roster: the 56 ethnic groups (GB 3304), statuses, education."""
from django.db import models
from django.utils.translation import gettext_lazy as _

ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族", "满族", "侗族", "瑶族",
    "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族",
    "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
    "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族",
    "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
]
ETHNICITY_CHOICES = [(e, e) for e in ETHNICITIES]


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("在职")
    RETIRED = "retired", _("退休")
    TRANSFERRED = "transferred", _("调离")


class PoliticalStatus(models.TextChoices):
    CPC = "cpc", _("中共党员")
    PROBATIONARY = "cpc_probationary", _("中共预备党员")
    CYL = "cyl", _("共青团员")
    DEMOCRATIC = "democratic", _("民主党派")
    MASSES = "masses", _("群众")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("研究生")
    BACHELOR = "bachelor", _("大学本科")
    COLLEGE = "college", _("大学专科")
    SECONDARY = "secondary", _("中专/高中")
    JUNIOR = "junior", _("初中及以下")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("在会")
    RETAINED = "retained", _("保留会籍")
    TRANSFERRED_OUT = "transferred_out", _("转出")
    LEFT = "left", _("退会")


AGE_BANDS = [("-30", _("30岁以下"), 0, 29), ("30-39", _("30-39岁"), 30, 39), ("40-49", _("40-49岁"), 40, 49),
             ("50-59", _("50-59岁"), 50, 59), ("60-", _("60岁及以上"), 60, 200)]
