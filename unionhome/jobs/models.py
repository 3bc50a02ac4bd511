from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One long piece of work (a large import or export, issuing accounts, a mass mailing) run by the background
    worker for the person who asked; its page shows the progress, then the outcome and the file to download."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    union = models.ForeignKey("core.Union", on_delete=models.CASCADE, related_name="+", verbose_name=_("工会"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("类型"), max_length=60)
    params = models.JSONField(default=dict)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    message = models.TextField(_("结果"), blank=True)
    result_file = models.CharField(max_length=300, blank=True)  # its name in the storage (jobs/…), never shown
    result_name = models.CharField(max_length=200, blank=True)  # the file name offered on download
    result_once = models.BooleanField(default=False)  # deleted at the first download (activation slips)
    next_url = models.CharField(max_length=300, blank=True)  # where the outcome is seen (e.g. the roster)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("后台任务")
        constraints = [models.CheckConstraint(condition=models.Q(status__in=["queued", "running", "done", "failed"]),
                                              name="job_status_valid")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
