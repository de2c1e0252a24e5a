//! What can go wrong talking to the chain.

/// What can go wrong talking to the chain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The node could not be reached.
	#[error("cannot reach the node at {url}: {reason}")]
	Connect {
		/// The node's RPC URL.
		url: String,
		/// The transport's error.
		reason: String,
	},
	/// An RPC call failed (the node went away, or answered with an error).
	#[error("RPC call {call} failed: {reason}")]
	Rpc {
		/// What was asked.
		call: String,
		/// The error.
		reason: String,
	},
	/// The node does not know the block.
	#[error("block {0} is not on the node's chain")]
	UnknownBlock(u64),
	/// A value did not decode as expected.
	#[error("cannot decode {what}: {reason}")]
	Decode {
		/// The value.
		what: String,
		/// Why.
		reason: String,
	},
	/// A submitted extrinsic was rejected or failed on chain.
	#[error("{call} failed: {reason}")]
	Extrinsic {
		/// `Pallet.call`.
		call: String,
		/// The pool's or the runtime's error.
		reason: String,
	},
}

pub(crate) fn rpc_error(call: &str, error: impl std::fmt::Display) -> Error {
	Error::Rpc { call: call.to_string(), reason: error.to_string() }
}
