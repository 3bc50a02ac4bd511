from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("关爱"), "care:home", "care.view", order=40)
add(gettext_lazy("困难帮扶"), "care:hardship_list", "care.hardship", order=41)
add(gettext_lazy("妇检"), "care:health_list", "care.health", order=42)
add(gettext_lazy("公示"), "care:publicity", "care.publicity", order=43)
