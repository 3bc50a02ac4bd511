"""Issuing logins for a large union or group in the background (``unionhome.jobs``): codes are made with a
progress bar and the slips (.docx) are the job's result, downloadable once by the officer who asked."""
from django.utils.translation import gettext as _

from unionhome.accounts import documents
from unionhome.accounts.services_activation import accounts_issue
from unionhome.core.errors import RuleViolation
from unionhome.jobs.registry import Outcome, runner


@runner("accounts.issue_slips", _("发放会员账号（打印激活单）"))
def issue_slips_job(*, job, progress) -> Outcome:
    from unionhome.org.models import UnionGroup

    p = job.params
    group = UnionGroup.objects.filter(union=job.union, pk=p["group"]).first() if p.get("group") else None
    issued = accounts_issue(actor=job.created_by, union=job.union, group=group,
                            progress=lambda done, total: progress(done, total, _("生成激活码")))
    if not issued:
        raise RuleViolation("nothing_to_issue", _("没有需要发放的账号：在会会员都已有账号并已激活"))
    progress(len(issued), len(issued), _("生成激活单"))
    content = documents.slips(union=job.union, issued=issued, activate_url=p["activate_url"])
    return Outcome(message=_("已为 %(n)s 人发放账号，激活单只能下载一次") % {"n": len(issued)}, file=content,
                   filename=documents.slips_filename(job.union, group), once=True)
