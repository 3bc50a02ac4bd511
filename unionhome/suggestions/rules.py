"""Figures of the suggestion rules (issue 10 §2). Local 合理化建议 / 职工提案 rules set them: configuration."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("suggestions.answer_days", 30,
        source=gettext_lazy("常见的单位合理化建议管理办法：收到建议之日起30日内答复提出人（各单位自定，可按本单位办法修改）"),
        effective="2026-01-01", label=gettext_lazy("合理化建议答复期限（天）"))
declare("suggestions.photos_max", 4, source=gettext_lazy("本平台上传限制"), effective="2026-01-01",
        label=gettext_lazy("每条建议最多照片数"))
declare("suggestions.photo_max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本平台上传限制（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("建议照片大小上限（字节）"))
