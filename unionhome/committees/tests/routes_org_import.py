from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [
    Route("committees:org_import", expect=by_perm("committees.manage")),
    Route("committees:org_import", method="post", data={}, expect=by_perm("committees.manage")),
    Route("committees:org_template", expect=by_perm("committees.manage")),
    Route("api:committees_org_template", expect=by_perm("committees.manage")),
    # Without a file the holders are told to upload one (422); nothing is imported.
    Route("api:committees_org_import", method="post", expect=by_perm("committees.manage", ok=422)),
]
