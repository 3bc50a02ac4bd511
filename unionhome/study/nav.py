from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("学习"), "study:home", "study.view", order=46)
add(gettext_lazy("学习统计"), "study:stats", "study.stats", order=47)
add(gettext_lazy("教育活动"), "study:campaigns", "study.view", order=48)
add(gettext_lazy("干部培训"), "study:trainings", "study.manage", order=49)
