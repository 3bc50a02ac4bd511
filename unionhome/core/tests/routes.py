from unionhome.core.testing.matrix import Route, by_perm

ROUTES = [Route("audit:list", expect=by_perm("audit.view"))]
