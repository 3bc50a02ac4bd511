"""Building the 台账 bundle in the background (``unionhome.jobs``): progress by part, the zip kept by the bundle."""
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from unionhome.jobs.registry import Outcome, runner
from unionhome.records.models import Bundle
from unionhome.records.services import JOB_KIND, bundle_build


@runner(JOB_KIND, gettext_lazy("生成年度台账包"))
def bundle_job(*, job, progress) -> Outcome:
    bundle = Bundle.objects.select_related("union", "requested_by").get(pk=job.params["bundle"], union=job.union)
    bundle = bundle_build(bundle, progress=progress)
    return Outcome(message=_("%(year)s年度台账包已生成：%(message)s") % {"year": bundle.year, "message": bundle.message},
                   next_url=reverse("records:home"))
