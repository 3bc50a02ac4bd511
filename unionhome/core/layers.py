"""The order of the apps' layers, bottom first (docs/architecture.md, "Layers").

An app may import, and point relations or migrations at, only apps in an earlier layer (and itself); apps in the
same layer never depend on each other. ``core/tests/test_layers.py`` reads every module to enforce it and checks
that the picture in docs/architecture.md shows the same order.
"""

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("org", "backups"),
    ("jobs",),
    ("members",),
    ("committees",),
    ("accounts",),
    ("notifications",),
    ("funds",),
    ("care", "activities", "elections", "suggestions", "disclosures", "study"),
    ("competitions", "meetings"),
    ("awards",),
    ("plans",),
    ("reports", "assessment"),
    ("records", "dashboard", "demo"),
)


def layer_of(app: str) -> int:
    for i, apps in enumerate(LAYERS):
        if app in apps:
            return i
    raise KeyError(app)
