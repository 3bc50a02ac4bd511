from unionhome.core.testing.matrix import ROLES, Route, by_perm

ROUTES = [Route("dashboard:home", expect=dict.fromkeys(ROLES, 200)),
          Route("dashboard:mine", expect=dict.fromkeys(ROLES, 200)),
          # The index lists what the role may see (nothing, for some): every signed-in user opens it.
          Route("dashboard:figures", expect=dict.fromkeys(ROLES, 200)),
          Route("dashboard:figure", kwargs=lambda c: {"key": "members.rate"}, expect=by_perm("members.view_all")),
          Route("dashboard:chart_png", kwargs=lambda c: {"key": "budget_vs_actual"}, expect=by_perm("funds.view")),
          Route("api:figures_list", expect=by_perm("dashboard.view")),
          Route("api:figures_detail", kwargs=lambda c: {"key": "care.visits"}, expect=by_perm("care.view")),
          # The federation's view: aggregates of the unions below (the cast's union is below its federation).
          Route("dashboard:federation", expect=by_perm("federation.view")),
          Route("dashboard:federation_export", expect=by_perm("federation.view")),
          Route("dashboard:federation_union_figure", kwargs=lambda c: {"union_id": str(c.union.pk), "key": "members.rate"},
                expect=by_perm("federation.view")),
          Route("api:federation_compare", expect=by_perm("federation.view")),
          Route("api:federation_union_figure", kwargs=lambda c: {"union_id": str(c.union.pk), "key": "care.visits"},
                expect=by_perm("federation.view"))]
