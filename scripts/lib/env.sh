# Shared settings for the scripts: sourced, not run.
# One persistent target directory outside the clone, shared by every checkout and by CI.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yinji-target}"
# Pallet and off-chain crates need no wasm; the runtime's build script honours this.
export SKIP_WASM_BUILD="${SKIP_WASM_BUILD:-1}"
# Features every crate of the workspace declares, so tests also cover benchmarks and try-state.
YINJI_TEST_FEATURES="runtime-benchmarks,try-runtime"
