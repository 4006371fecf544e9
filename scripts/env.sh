# Sourced by the Makefile's recipes: puts the pinned tools first on PATH.
# npm's binaryen (wasm-opt 132) must win over Debian's binaryen 108, which can't read wasm-bindgen's output.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
