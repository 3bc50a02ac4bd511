"""The platform's page plumbing under the names the care views use (``act``: a posted form runs a service and
comes back with its message; ``form_error``: a service's refusal shown on its form field)."""
from unionhome.core.forms import add_domain_error as form_error
from unionhome.core.views import form_action as act

__all__ = ["act", "form_error"]
