from django.utils.translation import gettext_lazy

from unionhome.core.nav import add

add(gettext_lazy("职工之家自评"), "assessment:home", "assessment.view", order=88)
add(gettext_lazy("会员评家"), "assessment:survey_mine", "assessment.answer", order=89)
