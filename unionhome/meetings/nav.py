from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("会议"), "meetings:list", "meetings.view", order=55)
add(gettext_lazy("规章制度"), "meetings:regulations", "regulations.view", order=56)
