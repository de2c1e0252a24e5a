//! yinji's EVM mirror, over alloy (`docs/decisions/0009-alloy-for-the-evm-mirror.md`).
//!
//! - [`contracts`]: the Solidity contracts' bindings, from the artifacts `contracts/compile.mjs`
//!   commits (ABI and bytecode), so the Rust side always speaks to exactly what is deployed.
//! - [`checkpoint`]: the EIP-712 digest the consortium's member keys sign for a checkpoint of a
//!   finalized block (number, hash, state root), signing it, posting it, and verifying a
//!   consortium block against the checkpoints on the EVM chain.
//! - [`bridge`]: minting items exported from the consortium chain on their collection
//!   contracts, and proposing the import of items burned there.
//!
//! The consortium side is read through `yinji-client`, at finalized blocks only.

pub mod bridge;
pub mod checkpoint;
pub mod contracts;

/// What can go wrong between the two chains.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The consortium node failed to answer, or answered something unexpected.
	#[error("consortium chain: {0}")]
	Consortium(String),
	/// The EVM node failed to answer, or a call reverted.
	#[error("EVM chain: {0}")]
	Evm(String),
	/// A key could not sign.
	#[error("signing: {0}")]
	Signing(String),
}

impl From<yinji_client::Error> for Error {
	fn from(error: yinji_client::Error) -> Self {
		Error::Consortium(error.to_string())
	}
}

impl From<alloy::contract::Error> for Error {
	fn from(error: alloy::contract::Error) -> Self {
		Error::Evm(error.to_string())
	}
}
