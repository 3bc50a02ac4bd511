"""How the audit trail reads for a chair: Chinese names for action codes and for the keys of before/after.

The trail stores stable codes (``members.worker.updated``); this table names them. An action missing here
still shows, under its domain's name and its code: add a line when you add an action.
"""
from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DOMAIN_LABELS = {
    "accounts": _("账号与角色"),
    "org": _("组织"),
    "members": _("会员"),
    "committees": _("委员会"),
    "funds": _("经费"),
    "care": _("关爱帮扶"),
    "activities": _("活动"),
    "room": _("活动室"),
    "competitions": _("竞赛"),
    "elections": _("选举"),
    "suggestions": _("合理化建议"),
    "disclosures": _("政务公开"),
    "meetings": _("会议与制度"),
    "study": _("学习与培训"),
    "awards": _("评选表彰"),
    "reports": _("年度总结"),
    "core": _("系统"),
}

ACTION_LABELS = {
    "study.campaign.created": _("建立教育活动"),
    "study.certificate.opened": _("查看培训证书"),
    "study.event.added": _("添加教育活动场次"),
    "study.event.attendance": _("登记教育活动参加人员"),
    "study.photo.added": _("上传学习照片"),
    "study.plan.created": _("建立学习计划"),
    "study.quiz.answered": _("提交知识测试答卷"),
    "study.quiz.created": _("发布知识测试"),
    "study.reflection.opened": _("查看心得体会手写稿"),
    "study.reflection.reviewed": _("审阅心得体会"),
    "study.reflection.submitted": _("提交心得体会"),
    "study.series.created": _("生成每周学习安排"),
    "study.session.created": _("安排小组学习"),
    "study.session.moved": _("调整学习日期"),
    "study.session.recorded": _("记录小组学习和考勤"),
    "study.topic.set": _("设置学习专题"),
    "study.training.created": _("登记培训"),
    "study.training.recorded": _("登记参训人员"),
    "awards.kind.created": _("设置荣誉种类"),
    "awards.round.created": _("开始年终评选"),
    "awards.exclusion.added": _("登记不参评人员"),
    "awards.nomination.added": _("录入小组推荐"),
    "awards.nomination.removed": _("删除小组推荐"),
    "awards.round.decided": _("委员会评定"),
    "awards.round.published": _("评选结果公示"),
    "awards.objection.raised": _("对公示提出异议"),
    "awards.objection.answered": _("答复公示异议"),
    "awards.round.finalised": _("确定评选结果"),
    "awards.reward.booked": _("评选奖励记账"),
    "awards.certificates.downloaded": _("下载荣誉证书"),
    "accounts.account.activated": _("激活账号"),
    "accounts.account.issued": _("发放账号（激活码）"),
    "accounts.account.reissued": _("换发激活码"),
    "accounts.account.reopened": _("恢复会籍，账号待重新激活"),
    "accounts.account.reset": _("重置账号（新激活码）"),
    "accounts.activation.failed": _("激活失败（激活码或信息不符）"),
    "accounts.federation_viewer.created": _("开通上级工会查看账号"),
    "accounts.login.failed": _("登录失败（密码错误）"),
    "accounts.login.succeeded": _("登录"),
    "accounts.password.changed": _("修改密码"),
    "accounts.role.granted": _("授予角色"),
    "accounts.role.rejected": _("驳回角色授予"),
    "accounts.role.requested": _("提出角色授予（待确认）"),
    "accounts.role.revoked": _("收回角色"),
    "accounts.token.issued": _("签发API令牌"),
    "accounts.token.revoked": _("吊销API令牌"),
    "accounts.user.created": _("开通账号"),
    "accounts.user.disabled": _("停用账号"),
    "accounts.user.unlocked": _("解除账号锁定"),
    "activities.activity.cancelled": _("取消活动"),
    "activities.activity.created": _("发布活动"),
    "activities.activity.updated": _("修改活动"),
    "activities.cost.recorded": _("登记活动费用"),
    "activities.invitation.answered": _("答复活动邀请"),
    "activities.invitation.created": _("发出活动邀请"),
    "activities.photo.added": _("上传活动照片"),
    "activities.photo.deleted": _("删除活动照片"),
    "activities.quota.set": _("设置报名名额"),
    "activities.roster.exported": _("导出报名名单"),
    "activities.signup.cancelled": _("取消报名"),
    "activities.signup.checked_in": _("活动签到"),
    "activities.signup.created": _("活动报名"),
    "activities.signup.promoted": _("候补转正"),
    "activities.stats.exported": _("导出活动统计"),
    "care.assistance.recorded": _("登记帮扶救助"),
    "care.blood.outcome": _("登记献血结果"),
    "care.blood.volunteered": _("报名献血"),
    "care.blood_drive.created": _("发起献血活动"),
    "care.consent.recorded": _("登记本人同意"),
    "care.consent.withdrawn": _("撤回本人同意"),
    "care.donation.received": _("接收捐款"),
    "care.donation.recorded": _("登记捐款"),
    "care.donation_drive.created": _("发起募捐"),
    "care.donation_drive.handed_over": _("移交募捐款"),
    "care.hardship.closed": _("困难职工档案销档"),
    "care.hardship.opened": _("建立困难职工档案"),
    "care.hardship.published": _("公示困难职工名单"),
    "care.hardship.reviewed": _("复核困难职工档案"),
    "care.hardship.viewed": _("查阅困难职工档案"),
    "care.health.attendance": _("登记体检到检"),
    "care.health.created": _("安排体检"),
    "care.health.day_attendance": _("登记当日到检"),
    "care.health.invited": _("通知体检"),
    "care.health.result_recorded": _("登记体检结果"),
    "care.health.result_viewed": _("查阅体检结果"),
    "care.health.scheduled": _("安排体检时段"),
    "care.health.scheduled_all": _("批量安排体检时段"),
    "care.health.slots_added": _("增加体检时段"),
    "care.visit.discharged": _("登记出院"),
    "care.visit.photo_viewed": _("查看慰问照片"),
    "care.visit.recorded": _("登记慰问"),
    "care.warmth.assigned": _("分配送温暖名额"),
    "care.warmth.closed": _("结束送温暖活动"),
    "care.warmth.created": _("发起送温暖活动"),
    "care.warmth.done": _("送温暖已送达"),
    "care.warmth.selected": _("确定送温暖对象"),
    "care.warmth.visited": _("登记送温暖走访"),
    "committees.committee.created": _("建立委员会"),
    "committees.position.assigned": _("任职"),
    "committees.position.ended": _("卸任"),
    "committees.term.approved": _("届期获批"),
    "committees.term.created": _("新建届期"),
    "committees.term.ended": _("届期结束"),
    "competitions.competition.created": _("新建竞赛"),
    "competitions.competition.finished": _("竞赛结束"),
    "competitions.competition.started": _("竞赛开始"),
    "competitions.document.downloaded": _("下载竞赛文书"),
    "competitions.entry.added": _("报名参赛"),
    "competitions.entry.removed": _("取消参赛"),
    "competitions.lots.drawn": _("抽签"),
    "competitions.prize.awarded": _("颁发奖项"),
    "competitions.result.recorded": _("登记比赛结果"),
    "competitions.round.paired": _("编排轮次"),
    "competitions.time.recorded": _("登记成绩"),
    "meetings.attendance.marked": _("会议点名"),
    "meetings.attendance.marked_rest": _("其余参会人员一并点名"),
    "meetings.attendee.added": _("增加参会人员"),
    "meetings.decision.done": _("会议决定已落实"),
    "meetings.decision.recorded": _("记录会议决定"),
    "meetings.goal.set": _("设定委员年度目标"),
    "meetings.goal.updated": _("更新委员年度目标"),
    "meetings.item.added": _("增加会议议题"),
    "meetings.item.noted": _("记录议题讨论情况"),
    "meetings.meeting.closed": _("会议纪要定稿"),
    "meetings.meeting.created": _("新建会议"),
    "meetings.minutes.downloaded": _("下载会议纪要"),
    "meetings.regulation.created": _("新建规章制度"),
    "meetings.regulation.version_added": _("修订规章制度"),
    "meetings.scan.attached": _("上传签字纪要"),
    "reports.draft.created": _("建立年度总结草稿"),
    "reports.narrative.saved": _("保存年度总结文字"),
    "reports.report.generated": _("生成年度总结数字"),
    "reports.report.downloaded": _("下载年度总结文稿"),
    "reports.template.uploaded": _("上传年度总结模板"),
    "reports.template.reset": _("恢复默认年度总结模板"),
    "reports.template.downloaded": _("下载年度总结模板"),
    "core.field_keys.rotated": _("更换加密密钥"),
    "core.rule.set": _("设置规则参数"),
    "elections.ballot.cast": _("投票"),
    "elections.candidate.confirmed": _("确定候选人"),
    "elections.candidate.nominated": _("提名候选人"),
    "elections.candidate.withdrawn": _("候选人退出"),
    "elections.count.recorded": _("登记计票"),
    "elections.document.downloaded": _("下载选举文书"),
    "elections.election.approved": _("选举结果获批"),
    "elections.election.closed": _("结束投票"),
    "elections.election.created": _("新建选举"),
    "elections.election.officers_set": _("设置监票计票人员"),
    "elections.election.opened": _("开始投票"),
    "elections.electorate.set": _("确定选举人名单"),
    "elections.results.released": _("公布选举结果"),
    "elections.round.created": _("新一轮投票"),
    "suggestions.suggestion.submitted": _("提出合理化建议"),
    "suggestions.photo.added": _("补充建议照片"),
    "suggestions.suggestion.assigned": _("分办合理化建议"),
    "suggestions.suggestion.answered": _("评估并答复合理化建议"),
    "suggestions.suggestion.progress": _("记录建议落实情况"),
    "suggestions.suggestion.rated": _("评价建议答复"),
    "suggestions.year.exported": _("导出年度合理化建议"),
    "disclosures.item.created": _("发布公开事项"),
    "disclosures.item.revised": _("修订公开事项（新版本）"),
    "disclosures.item.reviewed": _("复核公开事项"),
    "disclosures.inspection.planned": _("安排公开检查"),
    "disclosures.check.recorded": _("记录检查清单结果"),
    "disclosures.finding.recorded": _("记录检查发现的问题"),
    "disclosures.inspection.finished": _("完成公开检查"),
    "disclosures.rectification.closed": _("复查确认整改"),
    "funds.attachment.viewed": _("查看票据"),
    "funds.budget.set": _("设置预算"),
    "funds.dues.paid": _("缴纳会费"),
    "funds.dues.rate_set": _("设置会费标准"),
    "funds.entry.attachment_added": _("上传票据"),
    "funds.entry.commented": _("经审意见"),
    "funds.entry.posted": _("记账"),
    "funds.entry.reversed": _("冲销"),
    "funds.ledger.exported": _("导出账簿"),
    "funds.period.signed_off": _("期间审核签字"),
    "funds.voucher.posted": _("记账凭证"),
    "funds.policy.drafted": _("保存福利政策草稿"),
    "funds.policy.published": _("发布福利政策"),
    "funds.policy.superseded": _("福利政策被新版本取代"),
    "funds.welfare.confirmed": _("确认按全国规定发放的慰问"),
    "funds.welfare.overridden": _("福利超标准审批"),
    "funds.welfare.reversed": _("冲销福利发放"),
    "members.membership.join": _("入会"),
    "members.membership.transfer_in": _("转入会籍"),
    "members.membership.transfer_out": _("转出会籍"),
    "members.membership.retire": _("退休保留会籍"),
    "members.membership.leave": _("退会"),
    "members.membership.reinstate": _("恢复会籍"),
    "members.roster.exported": _("导出会员名单"),
    "members.roster.imported": _("导入会员名单"),
    "members.worker.created": _("新增职工"),
    "members.worker.revealed": _("查看敏感信息"),
    "members.worker.updated": _("修改职工信息"),
    "org.group.created": _("新建工会小组"),
    "org.group.leader_set": _("设置小组负责人"),
    "org.group.updated": _("修改工会小组"),
    "org.union.created": _("建立工会"),
    "org.unit.created": _("新建单位"),
    "org.unit.updated": _("修改单位"),
    "room.asset.created": _("登记物品"),
    "room.asset.updated": _("修改物品"),
    "room.booking.cancelled": _("取消预约"),
    "room.booking.created": _("预约活动室"),
    "room.loan.created": _("借出物品"),
    "room.loan.returned": _("归还物品"),
    "room.room.created": _("新建活动室"),
    "room.room.updated": _("修改活动室"),
    "room.room.closed": _("停用活动室"),
    "room.room.reopened": _("重新启用活动室"),
}

# Keys of before/after that are not a field of the target row (or read better with their own name).
KEY_LABELS = {
    "user": _("账号"),
    "role": _("角色"),
    "group": _("工会小组"),
    "owner": _("持有人"),
    "prefix": _("令牌前缀"),
    "expires_at": _("有效期至"),
    "requested_by": _("提出人"),
    "confirmed_by": _("确认人"),
    "locked_sources": _("锁定来源"),
    "username": _("用户名"),
    "worker": _("职工"),
}


def action_label(code: str) -> str:
    """The Chinese name of an action code; an unnamed code shows under its domain's name."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    domain = DOMAIN_LABELS.get(code.split(".", 1)[0])
    return f"{domain} · {code}" if domain else code


def action_choices(present: list[str]) -> list:
    """The filter's list: per domain, "all of it" and then each action; codes found in the trail but not
    named here are listed too, so every row can be filtered to."""
    codes = list(ACTION_LABELS) + sorted(set(present) - set(ACTION_LABELS))
    groups = []
    for domain, domain_label in DOMAIN_LABELS.items():
        mine = [c for c in codes if c.startswith(domain + ".")]
        if mine:
            options = [(f"{domain}.", _("全部（%(domain)s）") % {"domain": domain_label})]
            options += [(c, action_label(c)) for c in mine]
            groups.append((domain_label, options))
    others = [(c, c) for c in codes if c.split(".", 1)[0] not in DOMAIN_LABELS]
    if others:
        groups.append((_("其他"), others))
    return [("", _("全部操作")), *groups]


# Entries written before a model moved between apps keep their old label (audit rows are never updated).
MOVED = {"org.union": "core.union"}


def _model_of(target_type: str):
    from django.apps import apps

    target_type = MOVED.get(target_type, target_type)
    try:
        return apps.get_model(target_type) if "." in target_type else None
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except Exception:  # FieldDoesNotExist, or a key that is not a field name at all
        return None


def _display(value, field=None, key: str = "") -> str:
    import datetime as dt

    from unionhome.core.permissions import Role

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("是") if value else _("否"))
    if isinstance(value, list):
        return gettext("、").join(_display(v) for v in value) or "—"
    if isinstance(value, dict):
        return gettext("；").join(f"{k}: {_display(v)}" for k, v in value.items()) or "—"
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else None
    if key == "role" and value in Role.values:
        return str(Role(value).label)
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        try:
            from django.utils import timezone

            moment = dt.datetime.fromisoformat(value)
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(moment) else value
        except ValueError:
            return value
    return str(value)


def key_label(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and getattr(field, "verbose_name", None) and str(field.verbose_name) != key.replace("_", " "):
        return str(field.verbose_name)
    return str(KEY_LABELS.get(key, key))


def change_rows(entry) -> list[dict]:
    """Before/after as rows of (field label, before, after, changed), fields in the order written."""
    before, after = entry.before, entry.after
    if not isinstance(before, dict) and not isinstance(after, dict):
        return []
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    model = _model_of(entry.target_type)
    rows = []
    for key in [*before, *(k for k in after if k not in before)]:
        field = _field(model, key)
        rows.append({"label": key_label(model, key),
                     "before": _display(before[key], field, key) if key in before else "",
                     "after": _display(after[key], field, key) if key in after else "",
                     "changed": key in before and key in after and before[key] != after[key]})
    return rows


def note_text(entry) -> str:
    """A note that names a field of the target (a reveal notes which one) reads as the field's name."""
    field = _field(_model_of(entry.target_type), entry.note) if entry.note and " " not in entry.note else None
    return str(field.verbose_name) if field is not None and getattr(field, "verbose_name", None) else entry.note
