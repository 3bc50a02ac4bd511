from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("合理化建议"), "suggestions:board", "suggestions.view", order=55)
