from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("评选表彰"), "awards:home", "awards.view", order=58)
