"""Ask the app to close as a user would: WM_CLOSE to its visible top-level windows.

Run by the Windows Python under Wine (Wine 8's taskkill does not find the app's process):
    python.exe build\\windows\\close_window.py "Report Explorer"
Exit 1 if no visible window has that text in its title.
"""

import ctypes
import sys
from ctypes import wintypes

WM_CLOSE = 0x0010
user32 = ctypes.windll.user32
title_part = sys.argv[1]
found = []


@ctypes.WINFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)
def each_window(hwnd, _):
    length = user32.GetWindowTextLengthW(hwnd)
    title = ctypes.create_unicode_buffer(length + 1)
    user32.GetWindowTextW(hwnd, title, length + 1)
    if user32.IsWindowVisible(hwnd) and title_part in title.value:
        found.append((hwnd, title.value))
    return True


user32.EnumWindows(each_window, 0)
for hwnd, title in found:
    print(f"closing window: {title.encode('ascii', 'replace').decode()}")
    user32.PostMessageW(hwnd, WM_CLOSE, 0, 0)
sys.exit(0 if found else 1)
