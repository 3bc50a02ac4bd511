"""Settings of the framework floor (P5/P6): the platform's settings with no middleware and a URLconf holding
only the floor views (bench/floor.py). Same database, same gunicorn, same workers as the real endpoint."""
from unionhome.settings import *  # noqa: F403

MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.floor"
