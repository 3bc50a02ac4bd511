"""Test-only settings for the control run of the sign-up race: the lock is skipped and a short
sleep widens the race, so the test proves it can see an oversell. Never used outside tests."""
from unionhome.settings import *  # noqa: F403

UNIONHOME_SIGNUP_UNSAFE = True
