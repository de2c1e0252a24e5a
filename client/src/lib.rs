//! The chain client shared by yinji's off-chain services (the indexer, the gateway, the EVM
//! relayer and the load generator).
//!
//! It wraps [`subxt`] with what those services need and nothing more:
//! - [`runtime`]: the runtime's calls, events and types, generated from its metadata;
//! - [`calls`]: one builder for each call the services submit, in the services' terms;
//! - [`Chain`]: connect (with backoff), read the finalized head, fetch a finalized block with
//!   its events decoded by the metadata of the runtime that produced it, read storage at a
//!   block ([`BlockView`]), sign and submit calls and wait for them to be finalized, or prepare
//!   them for a signer elsewhere ([`Prepared`]);
//! - [`orders`]: the names of physical orders' states and outcomes, shared by the services;
//! - [`fields`]: typed access to dynamically decoded event and storage values (accounts,
//!   amounts, variant names), and their JSON rendering;
//! - `testing` (feature `testing`): a real `yinji-node --dev` process for tests.

mod block;
pub mod calls;
mod chain;
mod error;
pub mod fields;
pub mod orders;
pub mod runtime;
mod submit;
#[cfg(feature = "testing")]
pub mod testing;

pub use block::{Block, BlockView, ChainEvent, HeaderFacts};
pub use chain::Chain;
pub use error::Error;
pub use runtime::{Call, Event};
pub use submit::{Prepared, Submitted, PREPARED_MORTALITY};
pub use subxt::{
	self,
	dynamic::{At, Value},
	utils::{AccountId32, H256},
};
pub use subxt_signer::{self, sr25519::Keypair};
