# Cocreate: `make run` serves the site with a Celery worker; `make test` runs the whole suite.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.9
INSTALLED := $(VENV)/.installed
# Where `make run` keeps its database, broker folders and mail; the settings read the same variable.
VAR_DIR ?= var
export VAR_DIR
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: install run test bench cluster loadtest-seed loadtest loadtest-faults loadtest-throughput lint format messages check-deploy clean

$(PY):
	@python=$$(scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# Installs exactly what uv.lock says (dev tools included); redone when the lock changes.
$(INSTALLED): $(PY) pyproject.toml uv.lock
	$(UV) sync --frozen --inexact --python $(PY)
	@touch $(INSTALLED)

install: $(INSTALLED)

run: install
	@mkdir -p $(VAR_DIR)/mail $(VAR_DIR)/celery/queue $(VAR_DIR)/celery/processed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py search_rebuild --if-empty
	$(PY) manage.py site_address_record $${SITE_URL:-127.0.0.1:$(PORT)}
	@echo
	@echo "  Cocreate: http://127.0.0.1:$(PORT)/   (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "  Sign in as admin@, convener@, facilitator@, citizen@ or outsider@example.org"
	@echo "  with the password cocreate-demo. Emails land in $(VAR_DIR)/mail/. Ctrl-C stops everything."
	@echo
	PORT=$(PORT) exec $(VENV)/bin/honcho --no-prefix -f Procfile.dev start

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=cocreate.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

# The benchmarks, one table of figures (details in $(VAR_DIR)/bench/). Figures worth comparing need PostgreSQL:
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cocreate_bench make bench     (BENCH_ARGS=--quick: a smoke run)
bench: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bench $(BENCH_ARGS)

# Production's shape on this machine: HAProxy on 127.0.0.1:$${CLUSTER_PORT:-8080} in front of two gunicorn
# nodes with the production settings, two Celery workers and beat, one database and Redis (scripts/cluster).
cluster: install
	$(PY) scripts/cluster

# The load test (loadtest/): people for it in the demo arenas, then locust headless against HOST (the cluster
# of `make cluster` by default); figures in $(VAR_DIR)/loadtest/results.json and a table.
PARTICIPANTS ?= 200
HOST ?= http://127.0.0.1:$${CLUSTER_PORT:-8080}
USERS ?= 100
SPAWN_RATE ?= 10
DURATION ?= 1m

loadtest-seed: install
	@mkdir -p $(VAR_DIR)/loadtest
	$(PY) manage.py seed_demo
	$(PY) manage.py loadtest_seed --participants $(PARTICIPANTS) --sessions-file $(VAR_DIR)/loadtest/sessions.json

loadtest: install
	@mkdir -p $(VAR_DIR)/loadtest
	LOADTEST_SESSIONS=$${LOADTEST_SESSIONS:-$(VAR_DIR)/loadtest/sessions.json} \
	LOADTEST_POSTS_FILE=$${LOADTEST_POSTS_FILE:-$(VAR_DIR)/loadtest/posts-accepted.txt} \
	  $(PY) loadtest/run.py --host "$(HOST)" --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION) \
	  --out $(VAR_DIR)/loadtest

# The load test with faults (a web node, a worker, Redis) against `make cluster`, then the after-run check.
loadtest-faults: install
	$(PY) loadtest/faults.py --host "$(HOST)" --users $(USERS) --spawn-rate $(SPAWN_RATE) --duration $(DURATION)

# The cluster's requests a second against one web process's × the cores (needs `make cluster` running).
loadtest-throughput: install
	$(PY) loadtest/throughput.py

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Update locale/*/django.po after changing strings, translate, then compile.
messages: install
	$(PY) manage.py makemessages --locale da --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'static/*' --no-obsolete
	$(PY) manage.py compilemessages --locale da --ignore '.venv/*'

check-deploy: install
	set -a && source .env.example && set +a && \
	  $(PY) manage.py check --deploy --fail-level WARNING --settings=cocreate.settings.production

clean:
	rm -rf $(VENV) var
