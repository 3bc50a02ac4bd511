"""The WSGI application with the sign-up protection patched out, for the gunicorn burst's control run
(``burst.Server(unsafe=True)``). Test code only: production serves ``unionhome.wsgi``."""
import os

from unionhome.wsgi import application


def _unprotect() -> None:
    # after Django is set up by unionhome.wsgi
    from unionhome.activities.tests.signup_control import processes_meet, unprotected

    # gunicorn --preload: patched in the master, inherited by every worker
    unprotected().start()
    processes_meet(int(os.environ["UNIONHOME_RACE_PARTIES"])).start()


_unprotect()
__all__ = ["application"]
