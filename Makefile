# optout-milter: build, run and test. `make help` lists the targets.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= contrib/optout-milter.yaml
SOCKET ?= unix:$(CURDIR)/run/optout-milter.sock
FUZZ_SECONDS ?= 60
# scanner config rules address: all by default; e.g. make fuzz FUZZ_TARGETS=address
FUZZ_TARGETS ?=

.PHONY: help deps build release run lint test test-unit test-tsan test-protocol test-e2e fuzz fuzz-smoke bench bench-e2e bench-unsubscribe eval clean

help:
	@echo "make run        install missing packages (as root), build, run the milter on $(SOCKET)"
	@echo "make test       the whole test suite: lint, unit, thread sanitizer, miltertest protocol, Postfix+Sendmail e2e, fuzz smoke"
	@echo "make bench      every benchmark in one run (end to end through Postfix, scanner, classifier, suppression list) -> BENCHMARKS.md, each figure against its budget (~7 min, as root)"
	@echo "make bench-unsubscribe  requests/s of the one-click unsubscribe endpoint, with wrk (docs/BENCHMARKS-UNSUBSCRIBE.md)"
	@echo "make bench-e2e  msg/s and milter CPU: a corpus newsletter through Postfix with no milter, the C no-op, optout-milter (docs/BENCHMARKS-E2E.md)"
	@echo "make eval       classifier and scanner figures on ../shared/corpus (when present)"

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The example configuration with the store and the audit file under ./run, so it runs as any user.
run: release
	@mkdir -p run
	sed -e 's|^  store: sqlite:.*|  store: sqlite:$(CURDIR)/run/suppressions.db|' \
	    -e 's|^  path: /var/log/.*|  path: $(CURDIR)/run/audit.jsonl|' $(CONFIG) >run/optout-milter.yaml
	.build/release/optout-milter run --config run/optout-milter.yaml --socket $(SOCKET)

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift Benchmarks/Package.swift Benchmarks/Benchmarks \
	    Fuzz/Package.swift Fuzz/Sources Fuzz/FuzzEntry.swift

# The end-to-end suite runs last: its closing line counts the cases of the whole MTA suite.
test: deps lint test-unit test-tsan test-protocol fuzz-smoke test-e2e

test-unit: deps
	$(SWIFT) build -Xswiftc -warnings-as-errors
	$(SWIFT) test

# Concurrency tests under the thread sanitizer, in their own build directory (~7 min from scratch).
test-tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter "SuppressionTests|ConcurrentPolicyReloadTests|UnsubscribeSessionTests|UnsubscribeHTTPServerTests"

test-protocol: build
	bash Tests/protocol/run.sh .build/debug/optout-milter

test-e2e: build
	bash Tests/e2e/run.sh .build/debug/optout-milter

# Each libFuzzer target (scanner, config, rules, address) for FUZZ_SECONDS (Fuzz/run.sh).
fuzz-smoke: deps
	bash Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz: deps
	bash Fuzz/run.sh 600 $(FUZZ_TARGETS)

bench: release
	bash scripts/bench-report.sh .build/release/optout-milter

bench-e2e: release
	bash Benchmarks/e2e/bench.sh .build/release/optout-milter

bench-unsubscribe: release
	bash Benchmarks/unsubscribe/bench.sh .build/release/optout-milter

eval: build
	bash scripts/eval-corpus.sh

clean:
	rm -rf .build run
