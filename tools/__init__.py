"""Developer tools, never bundled: the benchmark, the README screenshots, the responsiveness probe."""
