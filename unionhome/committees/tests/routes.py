from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [
    Route("committees:home", expect=by_perm("org.view")),
    Route("api:committees_terms", expect=by_perm("org.view")),
]
