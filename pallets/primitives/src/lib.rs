//! Types and traits shared by the yinji pallets.
//!
//! A pallet that needs to read another (the collectibles pallet reading a work, the marketplace
//! reading a work's split) depends on the trait here, and the runtime wires in the pallet that
//! implements it. No pallet depends on another pallet's crate.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod collectible;
mod split;
mod traits;
mod work;

pub use collectible::{
	CollectionId, CollectionInfo, CollectionKind, ItemId, ItemInfo, TagHash, TagKind,
	TransferPolicy,
};
pub use split::{validate_split, SplitError};
pub use traits::{
	CollectibleSettlement, CreatorAttestations, ItemLocks, MemberTiers, OnSettlement, WorkRegistry,
};
pub use work::{CcVariant, Licence, WorkKind, WorkStatus};

/// Identifier of a registered work, assigned in order of registration.
pub type WorkId = u64;

/// A share in basis points: 1 bp = 0.01 %, [`WHOLE`] = 100 %.
pub type BasisPoints = u16;

/// All shares of a split, in basis points.
pub const WHOLE: BasisPoints = 10_000;

/// The sha2-256 digest of a work's content bytes.
pub type ContentHash = [u8; 32];

/// How thoroughly an institution has verified a person (实名); higher is stronger.
pub type KycLevel = u8;

/// Loyalty points (积分), counted in whole points.
pub type Points = u128;

/// A member tier (会员等级): 0 for everyone, higher for members with more lifetime points.
pub type Tier = u8;

/// Fraction type for a work's royalty distribution over its ancestry.
pub use sp_arithmetic::Perquintill;
