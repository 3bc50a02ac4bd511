from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("比赛"), "competitions:list", "competitions.view", order=45)
