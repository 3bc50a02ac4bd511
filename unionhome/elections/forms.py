"""Input for the election pages; every rule lives in the services."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.committees.models import Committee
from unionhome.elections.models import Election
from unionhome.elections.queries import eligible_workers
from unionhome.members.picker import PersonPicker

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M")


class _Bootstrap:
    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                widget.attrs.setdefault("class", "form-control")


class ElectionForm(_Bootstrap, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=Election.Kind.choices)
    committee_kind = forms.ChoiceField(label=gettext_lazy("委员会"), choices=Committee.Kind.choices)
    purpose = forms.ChoiceField(label=gettext_lazy("选举职务"), choices=Election.Purpose.choices, initial=Election.Purpose.COMMITTEE)
    mode = forms.ChoiceField(label=gettext_lazy("投票方式"), choices=Election.Mode.choices)
    seats = forms.IntegerField(label=gettext_lazy("应选名额"), min_value=1, max_value=99)
    held_on = forms.DateField(label=gettext_lazy("选举日期"), widget=DATE)
    term_years = forms.TypedChoiceField(label=gettext_lazy("任期（换届选举）"), coerce=int, required=False, empty_value=None,
                                        choices=[("", "—"), (3, gettext_lazy("3年")), (5, gettext_lazy("5年"))])
    body = forms.ChoiceField(label=gettext_lazy("选举机构"), required=False,
                             choices=[("", gettext_lazy("按会员人数自动确定"))] + Election.Body.choices[:2])
    title = forms.CharField(label=gettext_lazy("名称（可留空）"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class WorkerPickForm(_Bootstrap, forms.Form):
    worker = forms.ModelChoiceField(label=gettext_lazy("会员"), queryset=None, widget=PersonPicker(scope="members"))
    nominated_by = forms.CharField(label=gettext_lazy("推荐方式"), required=False, max_length=100)

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = eligible_workers(union)
        self._style()


class OfficersForm(_Bootstrap, forms.Form):
    scrutineers = forms.ModelMultipleChoiceField(label=gettext_lazy("监票人"), queryset=None, required=False)
    tellers = forms.ModelMultipleChoiceField(label=gettext_lazy("计票人"), queryset=None, required=False)

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scrutineers"].queryset = eligible_workers(union)
        self.fields["tellers"].queryset = eligible_workers(union)
        self._style()


class ElectorsForm(forms.Form):
    """The representatives (会员代表) of a representatives' congress: rendered as checkboxes by union group."""

    workers = forms.ModelMultipleChoiceField(label=gettext_lazy("会员代表"), queryset=None, required=False)

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = eligible_workers(union)


class OpenForm(_Bootstrap, forms.Form):
    opens_at = forms.DateTimeField(label=gettext_lazy("投票开始（网上投票）"), required=False, widget=DATETIME,
                                   input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    closes_at = forms.DateTimeField(label=gettext_lazy("投票截止（网上投票）"), required=False, widget=DATETIME,
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    present = forms.IntegerField(label=gettext_lazy("实到会人数（开始投票前清点；网上投票必填）"), required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class PaperCountForm(_Bootstrap, forms.Form):
    present = forms.IntegerField(label=gettext_lazy("实到会人数"), min_value=0)
    issued = forms.IntegerField(label=gettext_lazy("发出选票"), min_value=0)
    returned = forms.IntegerField(label=gettext_lazy("收回选票"), min_value=0)
    invalid = forms.IntegerField(label=gettext_lazy("无效票"), min_value=0)
    write_in = forms.ModelChoiceField(label=gettext_lazy("另选他人（如有）"), queryset=None, required=False,
                                      widget=PersonPicker(scope="members"))
    write_in_votes = forms.IntegerField(label=gettext_lazy("另选他人得票"), min_value=0, required=False)

    def __init__(self, *args, union, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["write_in"].queryset = eligible_workers(union)
        for c in candidates:
            for key, label in (("f", _("赞成")), ("a", _("反对")), ("x", _("弃权"))):
                self.fields[f"c{c.pk}_{key}"] = forms.IntegerField(label=f"{c.worker.name} {label}", min_value=0)
        self._style()

    def counts(self) -> dict:
        d = self.cleaned_data
        return {c.pk: (d[f"c{c.pk}_f"], d[f"c{c.pk}_a"], d[f"c{c.pk}_x"]) for c in self.candidates}

    def write_ins(self) -> list:
        d = self.cleaned_data
        return [(d["write_in"], d["write_in_votes"] or 0)] if d.get("write_in") else []


class ApproveForm(_Bootstrap, forms.Form):
    approved_on = forms.DateField(label=gettext_lazy("批复日期"), widget=DATE)
    approval_document = forms.CharField(label=gettext_lazy("批复文号"), max_length=100)
    approved_by = forms.CharField(label=gettext_lazy("批复单位"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class ChairElectionForm(_Bootstrap, forms.Form):
    purpose = forms.ChoiceField(label=gettext_lazy("选举职务"), choices=Election.Purpose.choices[1:])
    seats = forms.IntegerField(label=gettext_lazy("应选名额"), min_value=1, max_value=9, initial=1)
    mode = forms.ChoiceField(label=gettext_lazy("投票方式"), choices=Election.Mode.choices)
    held_on = forms.DateField(label=gettext_lazy("选举日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class ReleaseForm(_Bootstrap, forms.Form):
    released_on = forms.DateField(label=gettext_lazy("公布日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class DateForm(_Bootstrap, forms.Form):
    held_on = forms.DateField(label=gettext_lazy("日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class CandidatePhotoForm(forms.Form):
    photo = forms.FileField(label=gettext_lazy("照片"))


class VoteForm(forms.Form):
    """One radio group per candidate (赞成/反对/弃权) and up to ``seats`` members written in."""

    CHOICES = [("F", gettext_lazy("赞成")), ("A", gettext_lazy("反对")), ("X", gettext_lazy("弃权"))]

    def __init__(self, *args, candidates, union, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for c in candidates:
            self.fields[f"c{c.pk}"] = forms.ChoiceField(label=c.worker.name, choices=self.CHOICES, initial="X",
                                                        widget=forms.RadioSelect)
        qs = eligible_workers(union).exclude(pk__in=[c.worker_id for c in candidates])
        for i in range(seats):
            self.fields[f"w{i}"] = forms.ModelChoiceField(label=_("另选他人%(value)s") % {"value": i + 1}, queryset=qs, required=False,
                                                          widget=PersonPicker(scope="members"))

    def marks(self) -> dict:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.candidates}

    def write_ins(self) -> list:
        return [w for k, w in self.cleaned_data.items() if k.startswith("w") and w is not None]

    def candidate_fields(self) -> list:
        """(candidate, its radio group) in list order, for showing each candidate's unit and post."""
        return [(c, self[f"c{c.pk}"]) for c in self.candidates]

    def write_in_fields(self) -> list:
        return [self[name] for name in self.fields if name.startswith("w")]

    def choices(self) -> list[tuple]:
        """What the voter chose, to confirm before the ballot is cast: (candidate, mark, its label)."""
        labels = dict(self.CHOICES)
        return [(c, mark, labels[mark]) for c, mark in ((c, self.cleaned_data[f"c{c.pk}"]) for c in self.candidates)]

    def chosen(self) -> int:
        """People chosen (赞成 and written in): more than the seats makes the ballot void (rule 8)."""
        return list(self.marks().values()).count("F") + len(self.write_ins())
