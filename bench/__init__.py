"""The benchmark and the load test (`make bench`, `make bench-data`, `make loadtest`; docs/performance.md,
docs/reliability.md). Outside the runtime apps: production's settings never install or import this package."""
