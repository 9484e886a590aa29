"""What every page uses: theme, messages, file dialogs, workers, the crash handler."""
