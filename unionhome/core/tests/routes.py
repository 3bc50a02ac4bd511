from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [
    Route("audit:list", expect=by_perm("audit.view")),
    Route("health", default=200, anonymous=200, note="for load balancers: no login, no personal data"),
]
ROUTES += [
    Route("api:audit_list", expect=by_perm("audit.view")),
]
