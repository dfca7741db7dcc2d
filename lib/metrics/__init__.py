"""Metrics: pure pandas over the cleaned tables; time is always a parameter (`as_of`)."""
