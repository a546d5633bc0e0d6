VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench catalogs clean messages

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $(STAMP)

catalogs: $(STAMP)
	$(PY) -m pipeline.i18n compile

demo: catalogs
	rm -rf demo
	$(VENV)/bin/mecigep demo --workspace demo

test: catalogs
	$(VENV)/bin/ruff check --select F pipeline tests bench
	$(PY) -m pytest

bench: catalogs
	$(PY) -m bench

clean:
	rm -rf $(VENV) demo

# Re-extract the message catalog template and merge it into each language's .po
messages: $(STAMP)
	$(VENV)/bin/pybabel extract --no-location --sort-output -k N_ -k NP_:1,2 -o pipeline/i18n/locale/mecigep.pot pipeline
	for lang in es en pt fr; do \
	  if [ -f pipeline/i18n/locale/$$lang/LC_MESSAGES/mecigep.po ]; then \
	    $(VENV)/bin/pybabel update --no-fuzzy-matching -i pipeline/i18n/locale/mecigep.pot -d pipeline/i18n/locale -D mecigep -l $$lang; \
	  else \
	    $(VENV)/bin/pybabel init -i pipeline/i18n/locale/mecigep.pot -d pipeline/i18n/locale -D mecigep -l $$lang; \
	  fi; \
	done
