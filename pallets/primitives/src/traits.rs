//! How one pallet reads (or, for settlement, moves) another's state.

use crate::{
	BasisPoints, CollectionId, CollectionInfo, ItemId, ItemInfo, KycLevel, Licence, Perquintill,
	Points, TagHash, Tier, WorkId, WorkStatus,
};
use alloc::vec::Vec;
use sp_runtime::{DispatchError, DispatchResult};

/// Read access to the copyright registry (implemented by `pallet-works`).
pub trait WorkRegistry<AccountId> {
	/// The balance type of licence fees.
	type Balance;

	/// The work's status, or `None` if no such work is registered.
	fn status(work: WorkId) -> Option<WorkStatus>;

	/// Whether the work exists and is neither disputed nor revoked, so that items of it may be
	/// minted and traded.
	fn is_usable(work: WorkId) -> bool {
		Self::status(work) == Some(WorkStatus::Active)
	}

	/// The work's rights holders and their shares (summing to 10 000 bp), in registration order.
	fn rights_holders(work: WorkId) -> Option<Vec<(AccountId, BasisPoints)>>;

	/// Whether `who` holds a share of the work.
	fn is_rights_holder(work: WorkId, who: &AccountId) -> bool;

	/// The work's licence.
	fn licence(work: WorkId) -> Option<Licence<Self::Balance>>;

	/// The work's direct parents and the share of its royalties each is owed.
	fn parents(work: WorkId) -> Vec<(WorkId, BasisPoints)>;

	/// How a royalty owed to `work` is divided between the work and its ancestors.
	///
	/// Each entry is a work (this one included) and the fraction of the royalty that goes to
	/// that work's own rights holders, to be divided among them by its split. A work passes
	/// each parent the parent's share of what reaches it and keeps the rest; shares reaching an
	/// ancestor by several paths add up. The fractions are exact and sum to exactly one. The
	/// list has at most the runtime's ancestor bound plus one entries, the work itself first.
	fn royalty_distribution(work: WorkId) -> Option<Vec<(WorkId, Perquintill)>>;
}

/// Read access to creator attestations (implemented by `pallet-works`).
pub trait CreatorAttestations<AccountId> {
	/// The KYC level of `who`'s attestation if it exists and has not expired.
	fn kyc_level(who: &AccountId) -> Option<KycLevel>;

	/// Whether `who` holds an unexpired attestation of at least `level`.
	fn is_attested(who: &AccountId, level: KycLevel) -> bool {
		Self::kyc_level(who).is_some_and(|held| held >= level)
	}
}

/// How the marketplace reads and moves collectibles (implemented by `pallet-collectibles`).
///
/// Only the runtime decides who gets this trait: it is wired into the marketplace pallet and
/// no extrinsic exposes it, so settlement is the only way a sale moves an item.
pub trait CollectibleSettlement<AccountId, BlockNumber> {
	/// The collection's terms, or `None` if it does not exist.
	fn collection(collection: CollectionId) -> Option<CollectionInfo<AccountId, BlockNumber>>;

	/// The item's owner and nonce, or `None` if it does not exist.
	fn item(collection: CollectionId, item: ItemId) -> Option<ItemInfo<AccountId>>;

	/// Moves a sold item from `seller` to `buyer`: fails unless `seller` owns it, it is
	/// tradable, the collection's policy allows sales and `buyer` meets the collection's KYC
	/// level. Increments the item's nonce.
	fn settle_transfer(
		collection: CollectionId,
		item: ItemId,
		seller: &AccountId,
		buyer: &AccountId,
	) -> DispatchResult;

	/// Mints the next edition of `collection` straight to `buyer` (a primary sale), with the
	/// same checks as an issuer's mint. Returns the new item.
	fn mint_sold(collection: CollectionId, buyer: &AccountId) -> Result<ItemId, DispatchError>;

	/// Accepts a tap of the item's tag as proof that the item was delivered: fails unless `tag`
	/// is bound to this item and `counter` is above its watermark, then raises the watermark to
	/// `counter`, so that no earlier read of the tag can be used again.
	fn accept_tap(
		collection: CollectionId,
		item: ItemId,
		tag: TagHash,
		counter: u32,
	) -> DispatchResult;
}

/// A member's loyalty tier (会员等级), read by the marketplace to gate drops.
pub trait MemberTiers<AccountId> {
	/// The tier of `who` (0 for everyone without points).
	fn tier_of(who: &AccountId) -> Tier;
}

impl<AccountId> MemberTiers<AccountId> for () {
	fn tier_of(_who: &AccountId) -> Tier {
		0
	}
}

/// The loyalty pallet's part in a sale, called by the marketplace's settlement inside the same
/// transaction, so that a sale and its points succeed or fail together.
pub trait OnSettlement<AccountId, AssetKind, Balance> {
	/// Spends `points` of `buyer` for a discount on a purchase in `asset`, worth at most
	/// `max_discount`; returns the discount, which the platform's sponsor account pays.
	/// Fails if the buyer does not have the points.
	fn redeem(
		buyer: &AccountId,
		asset: &AssetKind,
		points: Points,
		max_discount: Balance,
	) -> Result<Balance, DispatchError>;

	/// A sale of `price` in `asset` to `buyer` has settled; returns the points minted for it.
	fn settled(
		buyer: &AccountId,
		asset: &AssetKind,
		price: Balance,
	) -> Result<Points, DispatchError>;
}

/// No loyalty programme: no discounts (redeeming any points fails) and no points.
impl<AccountId, AssetKind, Balance: Default> OnSettlement<AccountId, AssetKind, Balance> for () {
	fn redeem(
		_buyer: &AccountId,
		_asset: &AssetKind,
		points: Points,
		_max_discount: Balance,
	) -> Result<Balance, DispatchError> {
		if points == 0 {
			Ok(Balance::default())
		} else {
			Err(DispatchError::Other("no loyalty programme to redeem points in"))
		}
	}

	fn settled(
		_buyer: &AccountId,
		_asset: &AssetKind,
		_price: Balance,
	) -> Result<Points, DispatchError> {
		Ok(0)
	}
}

/// Whether an item is bound by money waiting on it (an open physical order, an auction's
/// held bid): such an item cannot be gifted, exported or burned, or the money would wait for
/// an item that is gone. Implemented by the marketplace, read by the collectibles pallet.
pub trait ItemLocks {
	/// Whether `item` of `collection` is locked.
	fn is_locked(collection: CollectionId, item: ItemId) -> bool;
}

impl ItemLocks for () {
	fn is_locked(_collection: CollectionId, _item: ItemId) -> bool {
		false
	}
}
