from django.utils.translation import gettext_lazy

from unionhome.core.permissions import Role, register

# The assessor's bundle holds the whole year's records of the union: the officers who answer for them build it.
# The federation sees roll-ups, never a member's row, so it has no bundle of a union.
register("records.bundle", gettext_lazy("生成和下载年度台账包"), {Role.CHAIR, Role.ADMIN, Role.AUDITOR, Role.COMMITTEE})
