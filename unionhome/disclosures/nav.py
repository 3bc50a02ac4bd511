from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("政务公开"), "disclosures:list", "disclosures.view", order=56)
add(gettext_lazy("公开检查"), "disclosures:inspections", "disclosures.inspect", order=57)
