# lit suites: filled in by the walking skeleton
