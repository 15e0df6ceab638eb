# Two commands for a fresh machine with Python 3.11 and make:
#   make run   serve the site with demo content at http://127.0.0.1:$(PORT),
#              with the worker that sends queued email
#   make test  run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
#   make benchmark  measure speed under gunicorn (see benchmarks/run.py)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# setup_site and the dev settings build links (sign-in, emails) from PORT.
export PORT
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: run test benchmark install install-dev lint format migrate demo clean scale-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when a requirements file changes, so a second `make run` is quick.
# `make run` needs the demo requirements (reportlab draws the demo PDFs);
# production installs requirements.txt alone.
$(VENV)/.installed: requirements.txt requirements-demo.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-demo.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-demo.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_site
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	# The mail/task worker runs beside the web server and stops with it.
	$(BIN)/python manage.py db_worker --no-reload --queue-name '*' & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SHOW_SIGN_IN_DETAILS=1 $(BIN)/gunicorn config.wsgi:application --config config/gunicorn.conf.py

test: install-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

# Two app servers on PostgreSQL, Redis and a local S3 take a burst of submissions
# (benchmarks/scale_check.py). SCALE_ARGS=--small for the CI size.
scale-check: install-dev
	$(BIN)/python benchmarks/scale_check.py $(SCALE_ARGS)

# Throughput, latency, queries and memory under gunicorn with production
# settings (benchmarks/run.py; uses wrk when installed: apt-get install -y wrk).
benchmark: install-dev
	$(BIN)/python benchmarks/run.py $(BENCHMARK_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts
