# FlightQL: `make run` sets everything up and serves on 127.0.0.1:8080; `make test` runs every test.
SHELL := /bin/bash
SWIFT ?= swift
PORT ?= 8080
export FLIGHTQL_DB ?= .flightql/flightql.sqlite
export FLIGHTQL_MODEL ?= models/delay-tree.json

RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path)/flightql
DEBUG_BIN = $(shell $(SWIFT) build --show-bin-path)/flightql

.PHONY: run test build setup format bench demo clean

## run: build (release), load the data, train the model if needed, start MongoDB if none is configured, serve
run: setup
	$(SWIFT) build -c release --product flightql
	FLIGHTQL_BIN=$(RELEASE_BIN) PORT=$(PORT) scripts/run.sh

## test: static checks; the unit tests, then the integration tests one at a time (they start servers and wait on
## processes, which would starve the 2-thread task pool that timed unit tests share), against a real MongoDB
## wire-protocol server; the leak check; the release smoke run
test: setup
	scripts/setup.sh test
	scripts/setup.sh python
	scripts/check-static.sh
	$(SWIFT) build --build-tests
	FLIGHTQL_BIN=$(DEBUG_BIN) scripts/with-mongodb.sh $(SWIFT) test --skip-build --skip IntegrationTests
	FLIGHTQL_BIN=$(DEBUG_BIN) scripts/with-mongodb.sh $(SWIFT) test --skip-build --filter IntegrationTests --no-parallel
	SWIFT=$(SWIFT) scripts/with-mongodb.sh scripts/leak-check.sh
	SWIFT=$(SWIFT) scripts/with-mongodb.sh scripts/release-smoke.sh

## bench: FlightQL beside ../shared/bench-peers (release builds); ONLY="parse http" runs some sections; writes bench/RESULTS.md
bench: setup
	bench/run.sh $(ONLY)

## demo: a narrated terminal walk-through: load, replay a winter week into MongoDB, one cross-store query, drift, the retrain decision
demo: setup
	$(SWIFT) build -c release --product flightql
	FLIGHTQL_BIN=$(RELEASE_BIN) scripts/demo.sh

## fuzz: libFuzzer over the GraphQL engine (fuzz/, address sanitizer) for SECONDS seconds (default 60); finds in .build-fuzz/findings
SECONDS ?= 60
.PHONY: fuzz
fuzz:
	fuzz/run.sh $(SECONDS)

## build: release build of the flightql executable
build: setup
	$(SWIFT) build -c release --product flightql

setup:
	scripts/setup.sh system

## format: rewrite the sources in the project's style (.swift-format)
format:
	$(SWIFT) format --in-place --recursive Sources Tests

clean:
	rm -rf .build .flightql
