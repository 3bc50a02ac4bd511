from unionhome.core.testing.matrix import ROLES, Route

ROUTES = [Route("dashboard:home", expect={r: 200 for r in ROLES})]
