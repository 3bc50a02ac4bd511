from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("funds.dues_rate", "0.005",
        source=gettext_lazy("《中国工会章程》第四条、全总会费标准：按月缴纳本人工资收入的0.5%（regulations §2.4）"),
        effective="2013-10-22", label=gettext_lazy("会费比例"))
declare("funds.dues_base_round", 10,
        source=gettext_lazy("全总会费缴纳规定：工资基数不足10元的尾数不计（regulations §2.4，规则21）"),
        effective="2013-10-22", label=gettext_lazy("会费工资基数取整（元）"))
declare("funds.dues_wage_items", ["职务工资", "级别工资"],
        source=gettext_lazy("机关工作人员会费基数：职务工资+级别工资（regulations §2.4）"), effective="2013-10-22",
        label=gettext_lazy("计缴会费的工资项目"))
declare("funds.dormant_months", 6,
        source=gettext_lazy("《中国工会章程》第七条：连续6个月不交会费、不参加组织生活，视为自动退会（规则22，仅列入审查）"),
        effective="2013-10-22", label=gettext_lazy("列入审查的连续月数"))
declare("funds.prize_ratio_default", "1/3",
        source=gettext_lazy("安徽省基层工会经费收支管理办法：获奖人数不超过参赛人数的三分之一（规则19）"),
        effective="2018-01-01", label=gettext_lazy("获奖比例上限（政策未规定时）"))
declare("funds.welfare_categories",
        {"festival": ["activity", "welfare"], "birthday": ["activity", "welfare"], "wedding": ["activity", "welfare"],
         "childbirth": ["activity", "welfare"], "hospital": ["activity", "welfare"],
         "death_member": ["activity", "welfare"], "death_relative": ["activity", "welfare"],
         "retirement": ["activity", "welfare"]},
        source=gettext_lazy("《基层工会经费收支管理办法》(2017)：职工集体福利支出用于逢年过节和会员生日、婚丧嫁娶、退休离岗的慰问"),
        effective="2018-01-01", label=gettext_lazy("慰问支出记入的科目"))
declare("funds.attachment_max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本平台默认：票据照片/PDF单个不超过5MB"),
        effective="2026-01-01", label=gettext_lazy("票据附件大小上限"))
declare("funds.import_max_bytes", 2 * 1024 * 1024, source=gettext_lazy("本平台默认：会费导入文件不超过2MB"),
        effective="2026-01-01", label=gettext_lazy("会费导入文件大小上限"))
declare("funds.import_max_rows", 5000, source=gettext_lazy("本平台默认"), effective="2026-01-01", label=gettext_lazy("会费导入行数上限"))

# The national rule (《基层工会经费收支管理办法》, 2017; regulations §2.3), applied where no provincial policy is in
# force: the occasions it names and gifts in kind. It sets no amounts ("amounts set by provinces"), so no national
# cap is declared; such payouts are flagged for the chair's confirmation instead.
NATIONAL_SOURCE = gettext_lazy("《基层工会经费收支管理办法》(总工办发〔2017〕32号)：节日慰问限元旦、春节、清明、劳动节、端午、中秋、国庆，"
                   "发放符合习俗的物品；生日、结婚、生育、住院、去世、退休慰问；金额由各省规定（regulations §2.3）")
declare("funds.national_festivals",
        ["new_year", "spring_festival", "qingming", "labour_day", "dragon_boat", "mid_autumn", "national_day"],
        source=NATIONAL_SOURCE, effective="2018-01-01", label=gettext_lazy("全国规定：可发放节日慰问的节日"))
declare("funds.national_benefits",
        ["festival", "birthday", "wedding", "childbirth", "hospital", "death_member", "death_relative", "retirement"],
        source=NATIONAL_SOURCE, effective="2018-01-01", label=gettext_lazy("全国规定：可发放的慰问项目"))
declare("funds.national_forms", ["goods", "voucher"],
        source=gettext_lazy("全国规定发放实物（慰问品、纪念品、蛋糕券）；不得发放现金、购物卡见各省办法和党内规定（regulations §2.3 [U]，规则17）"),
        effective="2018-01-01", label=gettext_lazy("全国规定：允许的发放形式"))
declare("funds.source_categories",
        {"care.hardship_aid": ["expense", "rights", "hardship_aid"],
         "care.warmth": ["expense", "rights", "warmth"],
         "activities.cost.culture_sports": ["expense", "activity", "culture_sports"],
         "activities.cost.education": ["expense", "activity", "education"],
         "activities.cost.publicity": ["expense", "activity", "publicity"],
         "activities.cost.welfare": ["expense", "activity", "welfare"],
         "activities.cost.other": ["expense", "activity", "other"],
         "activities.asset_purchase": ["expense", "capital", ""],
         "competitions.prize": ["expense", "activity", "culture_sports"],
         "awards.reward": ["expense", "business", "special"]},
        source=gettext_lazy("《基层工会经费收支管理办法》(2017) 支出科目：困难职工帮扶费、送温暖费记入维权支出；职工活动的教育、文体、"
                            "宣传、集体福利支出记入职工活动支出；购置设备记入资本性支出；竞赛奖品记入文体活动费；评选表彰奖励记入业务支出—专项业务费 [U：以本省实施办法为准]（regulations §2.2、§5）"),
        effective="2018-01-01", label=gettext_lazy("各类业务记入的经费科目（收支、科目、明细科目）"))
