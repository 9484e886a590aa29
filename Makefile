# Report Explorer: every target does its own set-up from a fresh clone.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Debian libraries Qt needs to run offscreen (and a font, or text renders as empty boxes).
QT_DEBS := libegl1 libgl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3 fonts-dejavu-core

.PHONY: run test build check lint bench screenshots clean system-deps

run: $(STAMP) system-deps
	$(PY) -m explorer build --if-stale
	$(PY) -m explorer

test: $(STAMP) system-deps
	$(VENV)/bin/ruff check explorer tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

build: $(STAMP)
	$(PY) -m explorer build

check: $(STAMP)
	$(PY) -m explorer check

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m explorer.bench

screenshots: $(STAMP) system-deps
	$(PY) -m explorer build --if-stale
	QT_QPA_PLATFORM=offscreen $(PY) -m explorer.ui.screenshots docs/screenshots

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
	rm -rf $(VENV) dist build/work .pytest_cache .ruff_cache
