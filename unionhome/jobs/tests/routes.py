from unionhome.core.testing.matrix import ROLES, Route
from unionhome.jobs.registry import Outcome, runner


@runner("tests.matrix", "矩阵测试任务")
def _matrix_job(*, job, progress):
    return Outcome(message="完成", file=b"data", filename="a.txt")


def chair_job(cast):
    from unionhome.jobs.services import job_start

    return {"pk": job_start(actor=cast.users["chair"], union=cast.union, kind="tests.matrix", params={},
                            run_now=True).pk}


def chair_job_api(cast):
    return {"job_id": chair_job(cast)["pk"]}


# A job is seen by the person who started it (the chair here) and nobody else: 404, as for a missing one.
ONLY_CHAIR = {**dict.fromkeys(ROLES, 404), "chair": 200}
ROUTES = [
    Route("jobs:detail", kwargs=chair_job, expect=ONLY_CHAIR),
    Route("jobs:status", kwargs=chair_job, expect=ONLY_CHAIR),
    Route("jobs:download", kwargs=chair_job, expect=ONLY_CHAIR),
    Route("api:jobs_job", kwargs=chair_job_api, expect=ONLY_CHAIR),
]
