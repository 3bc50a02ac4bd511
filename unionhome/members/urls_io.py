"""URLs of roster import and export (included by members/urls.py)."""
urlpatterns: list = []
