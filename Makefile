# medlex: the two commands that matter are `make run` and `make test`.
PYTHON ?= python3
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MEDLEX_WORKERS ?= 2

.PHONY: run serve test lint test-sqlite test-postgres install messages bench bench-ablation screenshots clean

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-nodeps.txt requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c requirements.lock
	$(PY) -m pip install --quiet --no-deps -r requirements-nodeps.txt
	touch $@

# The audit tools (axe-core, the Nu Html Checker, Lighthouse), exactly as package-lock.json
# pins them. No install scripts: vnu-jar's would download a Java runtime; the system's is used.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# Only the audits need Node.js; without npm, `make run` still works and the audits
# say that node_modules is missing.
NPM := $(shell command -v npm)
install: $(VENV)/.installed $(if $(NPM),node_modules/.installed)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	$(PY) manage.py db_worker --backend translation --queue-name '*' & trap 'kill $$!' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: install
	MEDLEX_ENV=production $(PY) manage.py migrate --noinput
	MEDLEX_ENV=production $(PY) manage.py createcachetable
	MEDLEX_ENV=production $(PY) manage.py collectstatic --noinput --verbosity 0
	MEDLEX_ENV=production $(VENV)/bin/gunicorn medlex.wsgi --bind 127.0.0.1:$(PORT) --workers $(MEDLEX_WORKERS) --access-logfile -

# The two databases' runs go side by side: each keeps about one core busy, and one after
# the other they took 27 minutes. Each line says which run it comes from, both run to the
# end, and `make test` fails if either fails. TEST_JOBS=1 runs them one after the other.
TEST_JOBS ?= 2
test: lint
	$(MAKE) --no-print-directory --jobs=$(TEST_JOBS) --keep-going LABEL_OUTPUT=1 test-sqlite test-postgres

# Code style (pyproject.toml): the linter's rules and the formatter's layout.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-sqlite: install
	$(PY) -m pytest $(call labelled,sqlite)

# The PostgreSQL run leaves out what drives Chromium (those tests look at pages) and what does
# not depend on the database (nginx's rules, how gunicorn serves the app): the SQLite run
# covers both, and the time they would cost goes to the CI budget (docs/decisions.md,
# 2026-12-01 and 2026-12-02).
test-postgres: install
	$(PY) scripts/with_postgres.py $(PY) -m pytest -m "not browser and not audit and not same_on_every_database" $(call labelled,postgres)

# With LABEL_OUTPUT set: every line of a run's output starts with "[name] "; the run's own
# exit status counts, not the labeller's.
labelled = $(if $(LABEL_OUTPUT),2>&1 | sed -u 's/^/[$(1)] /'; exit $${PIPESTATUS[0]})

# Refresh the pictures in README.md and docs/ from the browser tests.
screenshots: install
	MEDLEX_SCREENSHOT_DIR=$(CURDIR)/docs/screenshots $(PY) -m pytest -m browser -q

messages: install
	cd $(CURDIR) && $(PY) manage.py makemessages -l de --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) bench/article_page.py

# What each piece of page delivery earns, against an A/A test of the same run (bench/README.md).
bench-ablation: install
	$(PY) bench/ablation.py

clean:
	rm -rf $(VENV) var
