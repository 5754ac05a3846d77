# Archive Reader — the two commands: `make run` and `make test`.
# Both are idempotent: on a machine that has everything they install nothing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP_RUN  := $(VENV)/.stamp-run
STAMP_TEST := $(VENV)/.stamp-test
STAMP_SYS  := $(VENV)/.stamp-system

# Debian packages: Qt's runtime libraries (offscreen and X11/xcb), the CJK font the
# PDF export embeds, poppler (PDF checks in tests), Xvfb (screenshots), ripgrep (benchmark),
# postgresql (the tests' throwaway server cluster: initdb/pg_ctl, never a running service).
DEB_RUNTIME := libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 \
	libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
	libxcb-xkb1 libxcb-xfixes0 libxrender1 libxi6 fonts-wqy-microhei
DEB_TEST := poppler-utils xvfb xauth ripgrep postgresql

.PHONY: run test screenshots bench lint clean system-packages

run: $(STAMP_RUN)
	@$(PY) -m reader.app

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check reader tests benchmarks
	$(VENV)/bin/mypy reader

screenshots: $(STAMP_TEST)
	rm -rf .screenshot-corpus && $(PY) benchmarks/make_corpus.py .screenshot-corpus --articles 4000
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) -m reader.ui.screenshots docs/screenshots \
		--corpus .screenshot-corpus
	rm -rf .screenshot-corpus

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py $(ARGS)

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 needed"'
	$(PYTHON) -m venv $(VENV)

$(STAMP_SYS): | $(VENV)/bin/python
	@sh scripts/system-packages.sh $(DEB_RUNTIME)
	@touch $@

$(STAMP_RUN): pyproject.toml $(STAMP_SYS) | $(VENV)/bin/python
	$(PY) -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(STAMP_TEST): pyproject.toml $(STAMP_RUN)
	@sh scripts/system-packages.sh $(DEB_TEST)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,postgres]'
	@touch $@

clean:
	rm -rf $(VENV) build *.egg-info
