"""Forms of the organisation pages (``committees/views_org.py``)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin
from unionhome.members.models import Worker
from unionhome.org.models import UnionGroup, Unit


class UnitForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    code = forms.CharField(label=_("单位代码"), max_length=40, required=False)
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=0, required=False)


class GroupForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(label=_("小组名称"), max_length=100)
    unit = forms.ModelChoiceField(label=_("所在单位"), queryset=Unit.objects.none(), required=False,
                                  empty_label="—")
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, initial=0, required=False)

    def __init__(self, *args, union=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(union=union)


class GroupLeaderForm(BootstrapFormMixin, forms.Form):
    leader = forms.ModelChoiceField(label=_("负责人"), queryset=UnionGroup.objects.none(), required=False,
                                    empty_label=_("（不设负责人）"))

    def __init__(self, *args, group: UnionGroup, **kwargs):
        super().__init__(*args, **kwargs)
        # Every worker of the group is offered; the service says why a non-member cannot lead.
        self.fields["leader"].queryset = Worker.objects.filter(union_id=group.union_id, group=group)
