# Shared settings for the scripts: sourced, not run.
# One persistent target directory outside the clone, shared by every checkout and by CI.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/yinji-target}"
# Build the wasm runtime independently of where the clone lives, so that the same source gives
# the same wasm (and chain-spec/local.raw.json stays comparable) on every machine.
# The scripts source this file from the repository root.
export WASM_BUILD_RUSTFLAGS="--remap-path-prefix=$PWD=/yinji"
# Features every pallet declares, so tests also cover benchmarks and try-state.
YINJI_TEST_FEATURES="runtime-benchmarks,try-runtime"
# The crates that need no wasm runtime: the pallets and their primitives.
YINJI_PALLETS=(-p yinji-primitives -p pallet-works -p pallet-collectibles -p pallet-marketplace
	-p pallet-loyalty -p pallet-validator-set)
# The off-chain crates: the shared chain client, the indexer and its queries, the gateway and its tag
# crate (tests start a dev node built from this workspace, Postgres, and the outside IPFS
# implementations).
YINJI_OFFCHAIN=(-p yinji-client -p yinji-indexer -p yinji-index-query -p yinji-gateway -p yinji-tags
	-p yinji-evm)
