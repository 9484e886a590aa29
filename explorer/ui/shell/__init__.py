"""The main window and what frames the pages: navigation, commands, menus, window state."""
