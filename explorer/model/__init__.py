"""Pure records and rules shared by every layer: no Qt, no I/O."""
