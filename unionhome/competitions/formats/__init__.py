"""Pure competition format engines: no Django models, no database.

Each module takes entrants (any hashable keys) and results and returns schedules,
pairings, brackets or standings. The Django side (``competitions.services`` /
``competitions.queries``) stores entries and results and calls these.

- ``timed``: individual timed events (cycling): times → ranking.
- ``round_robin``: circle-method schedule and standings with tie-breaks (Chinese chess).
- ``swiss``: Swiss pairing and Buchholz standings.
- ``bracket``: single elimination with seeding and byes (table tennis).
- ``sets``: set-score validation (volleyball, table tennis) and team round-robin standings.
"""
