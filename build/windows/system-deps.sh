#!/bin/sh
# Debian packages for `make windows-check`: Wine (64- and 32-bit: ISCC.exe and setup.exe are
# 32-bit programs), Xvfb, and MinGW for the two stub DLLs Wine 8 lacks. As root, installs what is
# missing; otherwise prints the exact commands and fails.
#   build/windows/system-deps.sh PACKAGE...
set -eu
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
need_i386=""
dpkg --print-foreign-architectures | grep -qx i386 || need_i386=yes
[ -z "$missing" ] && [ -z "$need_i386" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "windows-check needs these Debian packages. Run, then try again:"
  [ -n "$need_i386" ] && echo "  sudo dpkg --add-architecture i386"
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends$missing"
  exit 1
fi
if [ -n "$need_i386" ]; then
  echo "windows-check: adding the i386 architecture (for 32-bit Wine)"
  dpkg --add-architecture i386
fi
echo "windows-check: installing Debian packages:$missing"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
