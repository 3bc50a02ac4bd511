"""Forms of the account page (chair/admin): a login for a worker, a role, a token."""
from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin
from unionhome.core.permissions import Role
from unionhome.members.models import Worker
from unionhome.members.picker import PersonPicker
from unionhome.org.models import UnionGroup

# Roles a union's chair may hand out inside the union (the federation viewer is set up by the federation).
UNION_ROLES = [(r.value, r.label) for r in Role if r != Role.FEDERATION]


class AccountCreateForm(BootstrapFormMixin, forms.Form):
    worker = forms.ModelChoiceField(label=_("职工"), queryset=Worker.objects.none(), widget=PersonPicker())
    username = forms.RegexField(label=_("用户名"), regex=r"^[A-Za-z0-9_.@-]{3,150}$", max_length=150,
                                error_messages={"invalid": _("用户名只能包含字母、数字和 _ . @ -，至少3位")})
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=False),
                               help_text=_("首次登录须修改"))
    roles = forms.MultipleChoiceField(label=_("角色"), choices=UNION_ROLES, initial=["member"],
                                      widget=forms.CheckboxSelectMultiple)
    group = forms.ModelChoiceField(label=_("工会小组（小组长须填）"), queryset=UnionGroup.objects.none(),
                                   required=False, empty_label="—")

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = Worker.objects.filter(union=union, account__isnull=True)
        self.fields["group"].queryset = UnionGroup.objects.filter(union=union)


class RoleGrantForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=UNION_ROLES)
    group = forms.ModelChoiceField(label=_("工会小组"), queryset=UnionGroup.objects.none(), required=False,
                                   empty_label="—")

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = UnionGroup.objects.filter(union=union)


class TokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("令牌用途"), max_length=100)
    days = forms.IntegerField(label=_("有效天数"), min_value=1, required=False,
                              help_text=_("留空为最长有效期"))
