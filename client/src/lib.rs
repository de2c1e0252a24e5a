//! The chain client shared by yinji's off-chain services (the indexer and the gateway).
//!
//! It wraps [`subxt`] with what those services need and nothing more:
//! - [`Chain`]: connect (with backoff), read the finalized head, fetch a finalized block with
//!   its events decoded by the metadata of the runtime that produced it, read storage at a
//!   block, sign and submit extrinsics and wait for them to be finalized;
//! - [`fields`]: typed access to decoded event and storage values (accounts, amounts, variant
//!   names), and their JSON rendering;
//! - `testing` (feature `testing`): a real `yinji-node --dev` process for tests.

mod chain;
pub mod fields;
#[cfg(feature = "testing")]
pub mod testing;

pub use chain::{
	Block, BlockView, Chain, ChainEvent, Error, HeaderFacts, Prepared, Submitted,
	PREPARED_MORTALITY,
};
pub use subxt::{
	self,
	dynamic::{At, Value},
	utils::{AccountId32, H256},
};
pub use subxt_signer::{self, sr25519::Keypair};
