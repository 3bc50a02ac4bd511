from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("活动"), "activities:list", "activities.view", order=40)
add(gettext_lazy("活动统计"), "activities:stats", "activities.stats", order=41)
add(gettext_lazy("活动室"), "activities:room", "room.view", order=42)
