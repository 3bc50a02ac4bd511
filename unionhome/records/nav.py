from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("台账包"), "records:home", "records.bundle", order=95)
