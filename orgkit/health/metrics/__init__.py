"""The democratic-health metrics: pure functions over plain data (no Django, no database, no
clock — ``today`` is always an argument). ``orgkit.health.panels`` fetches the rows and calls
these; ``docs/health.md`` gives each formula in a sentence."""
