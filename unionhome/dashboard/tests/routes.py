from unionhome.core.testing.matrix import ROLES, Route, by_perm

ROUTES = [Route("dashboard:home", expect=dict.fromkeys(ROLES, 200)),
          Route("dashboard:mine", expect=dict.fromkeys(ROLES, 200)),
          # The index lists what the role may see (nothing, for some): every signed-in user opens it.
          Route("dashboard:figures", expect=dict.fromkeys(ROLES, 200)),
          Route("dashboard:figure", kwargs=lambda c: {"key": "members.rate"}, expect=by_perm("members.view_all")),
          Route("dashboard:chart_png", kwargs=lambda c: {"key": "budget_vs_actual"}, expect=by_perm("funds.view")),
          Route("api:figures_list", expect=by_perm("dashboard.view")),
          Route("api:figures_detail", kwargs=lambda c: {"key": "care.visits"}, expect=by_perm("care.view"))]
