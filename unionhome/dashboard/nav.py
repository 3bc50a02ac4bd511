from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("下级工会对比"), "dashboard:federation", "federation.view", order=94)
