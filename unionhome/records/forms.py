from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin


class BundleForm(BootstrapFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    reveal = forms.BooleanField(label=_("包含完整姓名和会员证号（默认脱敏；仅限有权查看的角色）"), required=False)

    def __init__(self, *args, may_reveal: bool = False, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        if not may_reveal:
            del self.fields["reveal"]
