"""The WSGI application with the sign-up protection patched out, for the gunicorn burst's control run
(``burst.Server(unsafe=True)``). Test code only: production serves ``unionhome.wsgi``."""
from unionhome.wsgi import application


def _unprotect() -> None:
    from unionhome.activities.tests.signup_control import unprotected  # after Django is set up by unionhome.wsgi

    unprotected().start()  # gunicorn --preload: patched in the master, inherited by every worker


_unprotect()
__all__ = ["application"]
