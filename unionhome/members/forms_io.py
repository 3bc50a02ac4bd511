"""Input of the roster import pages: the upload, and the confirmation of a previewed file."""
from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("花名册文件（.xlsx）"), error_messages={"required": _("请选择要上传的 Excel 文件")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.UNIONHOME_MAX_UPLOAD_BYTES
        if upload.size > limit:  # refused before anything is stored
            raise forms.ValidationError(gettext("文件过大（%(value)sMB），上限为 %(value2)sMB") % {"value": format(upload.size / 1024 / 1024, '.1f'), "value2": format(limit / 1024 / 1024, '.1f')})
        return upload


class RosterConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", error_messages={"required": _("上传的文件已过期，请重新上传"),
                                                                      "invalid": _("上传的文件已过期，请重新上传")})
    valid_only = forms.BooleanField(required=False, label=_("仅导入有效行"))
    rows = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)  # for the progress bar only


class ExportFullForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=_("导出用途"), max_length=200,
                             help_text=_("例如：报送上级工会会员实名制数据。用途会记入审计日志。"),
                             error_messages={"required": _("请填写导出用途")})
