//! Builds the runtime's wasm blob (skipped with `SKIP_WASM_BUILD=1`).
//!
//! `YINJI_WASM_RUNTIME_BENCHMARKS=1` builds the blob with `runtime-benchmarks` while the native
//! crate keeps its own features: `scripts/bench weights` gets a benchmarkable wasm without a
//! second native build of every FRAME crate with that feature.

#[cfg(feature = "std")]
const BENCHMARKS_WASM: &str = "YINJI_WASM_RUNTIME_BENCHMARKS";

#[cfg(feature = "std")]
fn builder() -> substrate_wasm_builder::WasmBuilder {
	println!("cargo:rerun-if-env-changed={BENCHMARKS_WASM}");
	let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
	if std::env::var(BENCHMARKS_WASM).is_ok_and(|value| value == "1") {
		builder.enable_feature("runtime-benchmarks")
	} else {
		builder
	}
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	builder().enable_metadata_hash("YJ", 12).build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	builder().build();
}

/// The wasm builder is a `std` build dependency; a `no_std` build of this crate needs nothing.
#[cfg(not(feature = "std"))]
fn main() {}
