# Entry points (see README): `make demo`, `make test` and `make serve`. Each sets up its own virtualenv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup serve

$(BIN)/tdkt: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,web]'
	touch $(BIN)/tdkt

setup: $(BIN)/tdkt

demo: setup
	$(BIN)/tdkt score rules/lao-cai-2023 fixtures/lao-cai-2023/units.csv -o out/lao-cai-2023.xlsx
	$(BIN)/tdkt explain rules/lao-cai-2023 fixtures/lao-cai-2023/units.csv bat_xat
	$(BIN)/tdkt titles rules/titles fixtures/titles-lao-cai/titles.xlsx --year 2024 \
		-o out/titles-2024.xlsx --explain p005 --explain si_ma_cai
	$(BIN)/tdkt delegates rules/thai-nguyen-2019 fixtures/thai-nguyen-2019 --level huyen \
		-o out/delegates-dai-tu.json
	-$(BIN)/tdkt plan-check rules/thai-nguyen-2019 fixtures/thai-nguyen-2019 -o out/plan-check.xlsx

serve: setup
	$(BIN)/tdkt serve

test: setup
	-sh .ci/browser.sh
	-sh .ci/office.sh
	$(BIN)/python -m pytest src tests
	$(BIN)/tdkt test rules
