"""Pages of the care domain, one module per sub-domain; each view validates, calls one service, renders."""
