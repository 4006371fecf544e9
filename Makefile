# The two commands a newcomer needs (see README.md). Both install what is missing first.
.PHONY: serve test build tools embed-demo
SHELL := /bin/bash

serve:
	@bash scripts/serve.sh

test:
	@bash scripts/test.sh

# Building blocks, handy on their own.
tools:
	@bash scripts/tools.sh test

build:
	@bash scripts/tools.sh build && source scripts/env.sh && trunk build --release

# The sample consultancy page (examples/embed) and the widget on two origins, as the tests serve them.
embed-demo: build
	@bash scripts/tools.sh test >/dev/null && node tests/e2e/embed-servers.mjs 8081 8082
