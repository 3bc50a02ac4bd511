from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin


class PreferenceForm(BootstrapFormMixin, forms.Form):
    channels = forms.MultipleChoiceField(label=_("除站内消息外，还通过以下渠道通知我"), required=False,
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, available: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = list(available.items())
