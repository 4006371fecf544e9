# The two commands a newcomer needs (see README.md). Both install what is missing first.
.PHONY: serve test build tools
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
