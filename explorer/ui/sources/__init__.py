"""The source library page: the table, its filters and the source card."""
