import pytest


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """These tests run each queued send at once; test_background_sends.py uses the database queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
