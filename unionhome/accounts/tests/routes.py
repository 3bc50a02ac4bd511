from unionhome.core.testing.matrix import ROLES, Route

ALL_200 = {r: 200 for r in ROLES}
ROUTES = [
    # A logged-in user opening the login page is sent on to the dashboard.
    Route("accounts:login", expect={r: 302 for r in ROLES}, anonymous=200),
    Route("accounts:logout", method="post", expect={r: 302 for r in ROLES}, anonymous=302),
    Route("accounts:password_change", expect=ALL_200),
    Route("accounts:profile", expect=ALL_200),
    Route("accounts:switch_union", method="post", data={"union": "0"}, expect={r: 302 for r in ROLES}),
]
