from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("年度总结"), "reports:home", "reports.view", order=58)
