from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [
    Route("org:home", expect=by_perm("org.view")),
    Route("api:org_union", expect=by_perm("org.view")),
]
