import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhome.settings")
application = get_wsgi_application()
# Import the URLconf now, as the server starts, not on each worker's first request: it builds the API (340
# operations and their schemas), about 1.6 s of CPU. With gunicorn --preload (./run) the workers inherit it.
url_patterns = get_resolver().url_patterns
