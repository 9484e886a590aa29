"""The briefing-pack dialog."""
