"""The platform's URLs plus an empty view: the P3 baseline's Django part (same middleware, no work)."""
from django.http import HttpResponse
from django.urls import path

from unionhome.urls import handler403, handler404, handler500  # noqa: F401
from unionhome.urls import urlpatterns as platform


def empty(request):
    return HttpResponse("")


urlpatterns = [path("bench-empty/", empty)] + platform
