from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# docs/union-year.md "Study and training": each group studies once a week; two weeks without a recorded session
# means the group has stopped (or stopped writing it down), which the chair should hear about.
declare("study.no_session_warning_days", 14, source=gettext_lazy("本工会政治学习制度（每周一次）"),
        effective="2026-01-01", label=gettext_lazy("小组未记录学习的提醒天数"))
declare("study.series_max_weeks", 53, source=gettext_lazy("本系统学习管理规定"), effective="2026-01-01",
        label=gettext_lazy("学习周期一次最多生成周数"))
# Uploads: phone pictures and scanned certificates (OWASP ASVS 5.1.1).
declare("study.photo_max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本系统上传文件规定（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("学习照片、心得照片大小上限（字节）"))
declare("study.photos_per_session", 10, source=gettext_lazy("本系统上传文件规定"), effective="2026-01-01",
        label=gettext_lazy("每次学习照片数上限"))
declare("study.file_max_bytes", 10 * 1024 * 1024, source=gettext_lazy("本系统上传文件规定（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("学习材料、培训证书大小上限（字节）"))
