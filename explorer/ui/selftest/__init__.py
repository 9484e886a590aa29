"""The self-test's walk through the real window."""
