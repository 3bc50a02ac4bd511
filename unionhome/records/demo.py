"""The demo union's 台账 bundle: the chair builds the running year's bundle (masked), so the page shows one ready
to download. Runs last (``finish``), after the funds reviewer has closed the past months and reviewed the last
ended year's 决算."""
from __future__ import annotations


def build(ctx) -> None:
    """Nothing before the other apps have finished their year."""


def finish(ctx) -> None:
    from unionhome.records.services import bundle_request

    bundle_request(actor=ctx.users["zhuxi"], union=ctx.union, year=ctx.today.year, run_now=True)
