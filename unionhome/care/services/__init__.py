"""Writes of the care domain, one module per sub-domain (visits, hardship, warmth, health, drives)."""
