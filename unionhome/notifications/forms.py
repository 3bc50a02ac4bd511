from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin


class PreferenceForm(BootstrapFormMixin, forms.Form):
    channels = forms.MultipleChoiceField(label=_("除站内消息外，还通过以下渠道通知我"), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, available: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = list(available.items())


class BroadcastForm(BootstrapFormMixin, forms.Form):
    """通知公告: to the whole union (officers) or to one group (officers, or the group's leader)."""

    group = forms.ChoiceField(label=_("发送给"), required=False)
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("内容"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, groups, whole_union: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("全体会员"))] if whole_union else []
        self.fields["group"].choices = choices + [(str(g.pk), g.name) for g in groups]
        self.groups = {str(g.pk): g for g in groups}

    def clean_group(self):
        value = self.cleaned_data.get("group") or ""
        return self.groups.get(value) if value else None
