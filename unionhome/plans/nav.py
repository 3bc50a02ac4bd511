from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("工作计划"), "plans:home", "plans.view", order=57)
