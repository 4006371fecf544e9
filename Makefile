# The two commands a newcomer needs (see README.md). Both install what is missing first.
.PHONY: serve test build tools embed-demo stress fuzz
SHELL := /bin/bash

serve:
	@bash scripts/serve.sh

test:
	@bash scripts/test.sh

# Building blocks, handy on their own.
tools:
	@bash scripts/tools.sh test

build:
	@bash scripts/tools.sh build && source scripts/env.sh && trunk build --release && python3 scripts/sri.py dist

# The sample consultancy page (examples/embed) and the widget on two origins, as the tests serve them.
embed-demo: build
	@bash scripts/tools.sh test >/dev/null && node tests/e2e/embed-servers.mjs 8081 8082

# The browser suite N times (default 5) on one build, with a per-test pass count: `make stress N=5`.
stress:
	@bash scripts/stress.sh $(or $(N),5)

# Every decoder of outside input under >= 10,000 generated inputs each (proptest, release build).
fuzz:
	@bash scripts/fuzz.sh
