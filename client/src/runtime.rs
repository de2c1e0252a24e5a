//! The yinji runtime's interface, generated at compile time by subxt's static codegen from the
//! runtime metadata in `metadata/yinji.scale`: every call as a typed [`Call`], every event as a
//! typed [`Event`], and the runtime's types.
//!
//! The file is the runtime's own metadata: `scripts/metadata` writes it from the node this
//! workspace builds, and the client's `metadata` test fails while the two differ. So a runtime
//! change that alters a call or an event breaks the services' build, not their behaviour.
//!
//! Services build calls through [`crate::calls`] rather than by hand; this module gives the
//! types those builders take and the events they decode.

/// The generated interface (`subxt::subxt` over `metadata/yinji.scale`).
#[allow(missing_docs, clippy::all, clippy::pedantic, rustdoc::all, unused_qualifications)]
#[subxt::subxt(
	runtime_metadata_path = "metadata/yinji.scale",
	derive_for_all_types = "Clone, PartialEq, Eq",
	substitute_type(
		path = "bounded_collections::bounded_vec::BoundedVec<T>",
		with = "::subxt::alloc::vec::Vec<T>"
	),
	substitute_type(
		path = "bounded_collections::weak_bounded_vec::WeakBoundedVec<T>",
		with = "::subxt::alloc::vec::Vec<T>"
	)
)]
pub mod yinji {}

pub use yinji::runtime_types;

/// Any call of the runtime, the way it is nested in `batch_all`, `sudo` and council motions.
pub type Call = yinji::runtime_types::yinji_runtime::RuntimeCall;

/// Any event of the runtime.
pub type Event = yinji::Event;

/// Whether the interface was generated from the metadata of the runtime a node runs: `false`
/// means the node runs another runtime than the one this client was built for.
pub fn matches(metadata: &subxt::Metadata) -> bool {
	yinji::is_codegen_valid_for(metadata)
}
