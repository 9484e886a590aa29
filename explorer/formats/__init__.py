"""What the app writes for other programs and for print: references, exports, briefing packs."""
