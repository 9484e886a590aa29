"""The search page and the controller between the search box and the views."""
