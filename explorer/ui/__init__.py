"""The PySide6 interface: reads only through library.py, search.py and userdata.py."""
