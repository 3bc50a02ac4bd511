from django import forms
from django.utils.translation import gettext_lazy as _

from unionhome.core.forms import BootstrapFormMixin
from unionhome.reports.sections import sections


class NarrativeForm(BootstrapFormMixin, forms.Form):
    """One text box per section of the document; figures are written as placeholders such as {{ care.visits }}."""

    def __init__(self, *args, kind: str, texts: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for s in sections(kind):
            self.fields[f"text_{s.key}"] = forms.CharField(
                label=s.heading, required=False, initial=texts.get(s.key, ""),
                widget=forms.Textarea(attrs={"rows": 5}))
        self.kind = kind

    def texts(self) -> dict:
        return {name.removeprefix("text_"): value for name, value in self.cleaned_data.items()}


class GenerateForm(BootstrapFormMixin, forms.Form):
    as_of = forms.DateField(label=_("数据截至"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text=_("留空：年度的最后一天（本年度为今天）"))


class TemplateForm(BootstrapFormMixin, forms.Form):
    template = forms.FileField(label=_("Word 模板（.docx）"))
