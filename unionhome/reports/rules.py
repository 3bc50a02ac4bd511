"""Figures the report reads (docs/rules.md): limits on what a chair types and uploads (platform settings)."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("reports.section_max_chars", 5000,
        source=gettext_lazy("平台设定：年度工作总结每部分文字的上限（约十页三号字）"), effective="2026-01-01",
        label=gettext_lazy("总结每部分文字上限（字）"))
declare("reports.template_max_bytes", 5 * 1024 * 1024,
        source=gettext_lazy("平台设定：工会上传的 Word 模板文件上限（含版头图片）"), effective="2026-01-01",
        label=gettext_lazy("Word 模板文件上限（字节）"))
