from unionhome.core.testing.matrix import Route, by_perm


def rule_kwargs(cast):
    return {"key": "funds.dues_base_round"}


def setting(cast):
    from django.utils import timezone

    return {"scope": "union", "value": "10", "effective_from": timezone.localdate().isoformat(),
            "source": "矩阵测试", "reason": "矩阵测试"}


def rule_settings(cast, kw):
    from unionhome.core.models import RuleSetting

    return RuleSetting.objects.filter(key=kw["key"]).count()


ROUTES = [
    Route("audit:list", expect=by_perm("audit.view")),
    Route("health", default=200, anonymous=200, note="for load balancers: no login, no personal data"),
    Route("rules:list", expect=by_perm("rules.view")),
    Route("rules:detail", kwargs=rule_kwargs, expect=by_perm("rules.view")),
    # The federation officer may set only a province's value: the union scope is no choice of theirs (form shown again).
    Route("rules:set", method="post", kwargs=rule_kwargs, data=setting, expect=by_perm("rules.view", ok=302,
                                                                                     federation=200),
          probe=rule_settings, changes={"federation": False}),
    Route("api:rules_list", expect=by_perm("rules.view")),
    Route("api:rule_read", kwargs=rule_kwargs, expect=by_perm("rules.view")),
    Route("api:rule_set", method="post", json=True, kwargs=rule_kwargs, data=setting,
          expect=by_perm("rules.view", ok=201, federation=403), probe=rule_settings),
]
ROUTES += [
    Route("api:audit_list", expect=by_perm("audit.view")),
]
