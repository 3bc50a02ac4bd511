"""Figures of the disclosure and inspection rules (issue 10 §3). Local 厂务公开/政务公开 rules set them."""
from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

declare("disclosures.review_months", 12,
        source=gettext_lazy("常见的单位政务（会务）公开制度：公开内容至少每年复核一次，有变化随时更新（可按本单位制度修改）"),
        effective="2026-01-01", label=gettext_lazy("公开事项复核周期（月）"))
declare("disclosures.inspection_months", 6,
        source=gettext_lazy("常见的厂务公开监督检查办法：每半年至少组织一次定期检查，另可随机抽查（可按本单位制度修改）"),
        effective="2026-01-01", label=gettext_lazy("定期检查周期（月）"))
declare("disclosures.photos_max", 6, source=gettext_lazy("本平台上传限制"), effective="2026-01-01",
        label=gettext_lazy("每个问题最多照片数"))
declare("disclosures.photo_max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本平台上传限制（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("检查照片大小上限（字节）"))
