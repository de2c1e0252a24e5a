//! # The yinji runtime
//!
//! One runtime for every yinji network: Aura blocks and GRANDPA finality with validators the
//! consortium votes in ([`pallet_validator_set`] on `pallet-session`), the member institutions
//! ([`pallet_membership`] + [`pallet_collective`]) as the governing, arbitrating and attesting
//! body, a node allow-list ([`pallet_node_authorization`]), the settlement asset
//! ([`pallet_assets`]), and the four yinji pallets. `sudo` exists only for the development
//! preset's key; the local and consortium presets set none.
//!
//! - `configs/`: each pallet's configuration, grouped by concern.
//! - `apis.rs`: the runtime APIs the node and clients call.
//! - `genesis_config_presets.rs`: the `development` and `local_testnet` presets and the builder
//!   the consortium chain spec uses.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`, `impl_runtime_apis` and the weights expand to code these lints dislike.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::large_enum_variant)]
// They also generate the runtime's aggregate types (`RuntimeCall`, `RuntimeEvent`, …) at the
// crate root without documentation; our own items are documented.
#![allow(missing_docs)]

/// The runtime's wasm blob, built by `build.rs` (`None` under `SKIP_WASM_BUILD`).
#[cfg(feature = "std")]
#[allow(dead_code)]
mod wasm {
	include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
}
#[cfg(feature = "std")]
pub use wasm::{WASM_BINARY, WASM_BINARY_BLOATY};

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

// The macros below name `Vec` unqualified.
#[allow(unused_imports)]
use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_support::weights::constants::ParityDbWeight;
pub use pallet_timestamp::Call as TimestampCall;
pub use sp_runtime::{Perbill, Permill};

/// Opaque types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::Hash as HashT};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: Aura for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		/// Block authoring.
		pub aura: Aura,
		/// Finality voting.
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` with every change of behaviour.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("yinji"),
	impl_name: alloc::borrow::Cow::Borrowed("yinji"),
	authoring_version: 1,
	spec_version: 105,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Milliseconds between blocks. Three seconds keeps a 2-core test network responsive; a
/// production consortium may raise it with a runtime upgrade of its own.
pub const MILLI_SECS_PER_BLOCK: u64 = 3_000;
/// Aura's slot duration equals the block time.
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Blocks per session: validator-set changes apply at session rotations.
pub const SESSION_PERIOD: BlockNumber = 10;

/// One native token (YJ), in its smallest unit.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a token.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// A signature of an extrinsic.
pub type Signature = MultiSignature;
/// An account id: the public key behind a signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of the native token or of an asset.
pub type Balance = u128;
/// A transaction index.
pub type Nonce = u32;
/// A block hash.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// The address format of the runtime.
pub type Address = MultiAddress<AccountId, ()>;
/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// The block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A signed block with justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// A block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The checks every transaction passes, the metadata hash among them so that wallets can verify
/// what they sign.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as submitted.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations to run on upgrade (none yet).
type Migrations = ();

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(4)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(5)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(6)]
	pub type Multisig = pallet_multisig;

	// Consensus: the validator set must come before session, session before Aura and GRANDPA.
	#[runtime::pallet_index(10)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(11)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(12)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(13)]
	pub type Grandpa = pallet_grandpa;

	// The consortium.
	#[runtime::pallet_index(20)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(21)]
	pub type Institutions = pallet_membership<Instance1>;
	#[runtime::pallet_index(22)]
	pub type NodeAuthorization = pallet_node_authorization;

	// The settlement asset.
	#[runtime::pallet_index(30)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(31)]
	pub type AssetsHolder = pallet_assets_holder;

	// yinji.
	#[runtime::pallet_index(40)]
	pub type Works = pallet_works;
	#[runtime::pallet_index(41)]
	pub type Collectibles = pallet_collectibles;
	#[runtime::pallet_index(42)]
	pub type Marketplace = pallet_marketplace;
	#[runtime::pallet_index(43)]
	pub type Loyalty = pallet_loyalty;
}
