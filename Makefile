# Report Explorer: every target does its own set-up from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Release builds (`make dist`) use their own venv, made from the hash-pinned lock and nothing else:
# the developer's .venv takes the newest versions pyproject.toml's ranges allow, the release the
# versions in the lock (`make lock` writes it; see requirements/README.md).
LOCK := requirements/release.txt
RELEASE_VENV := .venv-release
RELEASE_PY := $(RELEASE_VENV)/bin/python
RELEASE_STAMP := $(RELEASE_VENV)/.installed
# `make lock`: uv, pinned, in a throw-away venv under build/work/.
UV_VERSION := 0.13.8
LOCK_VENV := build/work/lock-venv
# Debian libraries Qt needs to run offscreen (and a font, or text renders as empty boxes).
QT_DEBS := libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 fonts-dejavu-core

# What Qt's xcb platform plugin links to: a real X display (a desktop, or Xvfb) needs these.
X11_DEBS := libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-sync1 libxcb-xfixes0 libxcb-shm0 \
	libxcb-util1
# `make run` opens a window: with a display set, it needs the X11 libraries too.
RUN_DEBS := $(QT_DEBS) $(if $(DISPLAY)$(WAYLAND_DISPLAY),$(X11_DEBS))
# `make dist` also needs binutils (PyInstaller strips with it), the X11 libraries (so PyInstaller
# bundles them), Xvfb (the bundle is tested on a real X display), strace (the bundle test lists
# every file the frozen app writes) and xdotool (the journey tests drive the frozen app by keyboard
# and mouse on that display).
DIST_DEBS := $(QT_DEBS) $(X11_DEBS) binutils strace xvfb xauth xdotool
# `make windows-check`: Wine, 64- and 32-bit (ISCC.exe and setup.exe are 32-bit), Xvfb, and MinGW
# for the two stub DLLs Wine 8 lacks. The i386 architecture is added first.
WINDOWS_DEBS := wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32
BUNDLE := dist/report-explorer

.PHONY: run test content-test build check lint bench screenshots clean system-deps dist dist-floor dist-system-deps \
	run-system-deps windows-check windows-system-deps lock

run: $(STAMP) run-system-deps
	$(PY) -m explorer build --if-stale
	$(PY) -m explorer

test: $(STAMP) system-deps
	$(VENV)/bin/ruff check explorer tests tools
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not shipped_content"

# The shipped content: the editorial rules (FILE:LINE, as authors see them), then the facts this
# edition promises (tests marked shipped_content). Apart from `make test`, so an author's edit
# never fails the code's tests.
content-test: $(STAMP) system-deps
	$(PY) -m explorer check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m shipped_content

build: $(STAMP)
	$(PY) -m explorer build

check: $(STAMP)
	$(PY) -m explorer check

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.bench

screenshots: $(STAMP) system-deps
	$(PY) -m explorer build --if-stale
	QT_QPA_PLATFORM=offscreen $(PY) -m tools.screenshots docs/screenshots

# The deployable bundle: library from content/, PyInstaller, archive + .sha256, the frozen self-test,
# then the bundle tests (read-only copy, offline, files written, X11) on the archive IT gets, and
# journeys through the frozen app's window driven by keyboard and mouse (screenshots in dist/journey/).
dist: $(RELEASE_STAMP) dist-system-deps
	$(RELEASE_PY) build/bundle.py
	REPORT_EXPLORER_BUNDLE=$(BUNDLE) $(RELEASE_PY) -m pytest -q -rP -p no:cacheprovider tests/test_bundle.py tests/test_journeys.py

# The benchmark's floor: an empty PySide6 window frozen with the same trimming (dist/floor/floor).
dist-floor: $(RELEASE_STAMP) dist-system-deps
	$(RELEASE_PY) build/bundle.py --floor

# The Windows release under Wine, from scratch: a Windows Python in a fresh Wine prefix, the
# bundle by build/bundle.py, the installer by Inno Setup, then silent install, the installed app's
# self-test, a screenshot of its window, silent uninstall (build/windows/check.sh). Needs no
# `make dist`; its results go to dist/windows-check/, its caches to build/work/windows/.
windows-check: windows-system-deps
	PYTHON=$(PYTHON) bash build/windows/check.sh

windows-system-deps:
	@sh build/windows/system-deps.sh $(WINDOWS_DEBS)

# A new venv whenever the lock changes, so that it holds exactly the lock: every package pinned
# and checked against its hashes, then the project itself (no dependencies, and no build isolation,
# which would fetch an unpinned setuptools: the lock has it).
$(RELEASE_STAMP): $(LOCK) pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11+ (Debian: apt-get install python3 python3-venv)"; exit 1; }
	rm -rf $(RELEASE_VENV)
	$(PYTHON) -m venv $(RELEASE_VENV)
	$(RELEASE_PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(RELEASE_PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(RELEASE_PY) -m pip check
	touch $(RELEASE_STAMP)

# requirements/release.txt from pyproject.toml (+ requirements/release.in, constraints.txt): every
# package `make dist` and the Windows build install, for Linux, Windows and macOS, with hashes.
# Keeps the pinned versions while they still fit; `make lock UPGRADE=1` takes the newest.
lock:
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found"; exit 1; }
	test -x $(LOCK_VENV)/bin/uv && $(LOCK_VENV)/bin/uv --version | grep -q '^uv $(UV_VERSION) ' \
	  || { rm -rf $(LOCK_VENV) && $(PYTHON) -m venv $(LOCK_VENV) \
	       && $(LOCK_VENV)/bin/pip install --quiet 'uv==$(UV_VERSION)'; }
	$(LOCK_VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	  $(if $(UPGRADE),--upgrade) --custom-compile-command 'make lock' \
	  pyproject.toml requirements/release.in --extra build --extra dist --extra test \
	  --constraint requirements/constraints.txt --output-file $(LOCK)

run-system-deps:
	@$(MAKE) --no-print-directory system-deps QT_DEBS="$(RUN_DEBS)"

dist-system-deps:
	@$(MAKE) --no-print-directory system-deps QT_DEBS="$(DIST_DEBS)"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11+ (Debian: apt-get install python3 python3-venv)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@missing=""; for p in $(QT_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Qt's system libraries:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Qt needs these Debian packages. Run, then try again:"; \
	    echo "  sudo apt-get install --no-install-recommends$$missing"; exit 1; \
	  fi; \
	fi

clean:
	rm -rf $(VENV) $(RELEASE_VENV) dist build/work .pytest_cache .ruff_cache
