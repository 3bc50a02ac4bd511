from unionhome.core.testing.matrix import ROLES, Route

ROUTES = [Route("dashboard:home", expect=dict.fromkeys(ROLES, 200)),
          Route("dashboard:mine", expect=dict.fromkeys(ROLES, 200))]
