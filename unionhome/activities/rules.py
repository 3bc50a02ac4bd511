from django.utils.translation import gettext_lazy

from unionhome.core.rules import declare

# Photo uploads: images only and small, so a phone picture fits and nothing else gets in (ASVS 5.1.1).
declare("activities.photo_max_bytes", 5 * 1024 * 1024, source=gettext_lazy("本系统上传文件规定（OWASP ASVS 5.1.1）"),
        effective="2026-01-01", label=gettext_lazy("活动照片大小上限（字节）"))
declare("activities.photos_per_activity", 30, source=gettext_lazy("本系统上传文件规定"), effective="2026-01-01",
        label=gettext_lazy("每项活动照片数上限"))
# Loans of the activity room: the union's own house rule (活动室管理制度).
declare("room.loan_days", 30, source=gettext_lazy("工会活动室管理制度"), effective="2024-01-01", label=gettext_lazy("借用期限（天）"))
declare("room.max_open_loans", 3, source=gettext_lazy("工会活动室管理制度"), effective="2024-01-01", label=gettext_lazy("每人同时借用上限（件）"))
declare("room.booking_max_hours", 8, source=gettext_lazy("工会活动室管理制度"), effective="2024-01-01", label=gettext_lazy("单次预约最长（小时）"))
# A series is created in one go; a year of weekly sessions fits, a typo such as 5000 does not.
declare("activities.series_max_occurrences", 60, source=gettext_lazy("本系统活动管理规定"), effective="2026-01-01",
        label=gettext_lazy("系列活动一次最多创建次数"))
