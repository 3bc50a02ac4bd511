from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("选举"), "elections:home", "elections.vote", order=60)
add(gettext_lazy("选举管理"), "elections:manage", "elections.manage", order=61)
