//! # Collectibles pallet: editions of registered works, and the rules they change hands by
//!
//! A rights holder of a registered work creates a collection of it — digital collectibles
//! (数字藏品) or digital twins of physical products — with a maximum supply, a resale royalty and
//! a transfer policy. The issuer mints editions "#n of N" in order. Items change hands only as the
//! policy allows: gifts (转赠) where permitted, sales only through the marketplace's settlement
//! ([`yinji_primitives::CollectibleSettlement`], which no extrinsic exposes). Physical twins
//! carry a tag (NFC or QR) bound one-to-one, with a tap-counter watermark that only the
//! tag-verifier origin raises.
//!
//! Implements FRAME's `nonfungibles_v2` `Inspect`, `InspectEnumerable` and `InspectRole`.
//!
//! This file is the index: configuration, storage, events, errors and calls. Each call checks
//! its origin and hands off to a `do_*` function in `features/`. See
//! `docs/pallets/collectibles.md`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod features;
mod impl_nonfungibles;
mod impl_settlement;
mod invariants;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the benchmarks need from the runtime: a registered work and an attested account.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Registers a usable work wholly held by `holder` (already funded) and returns its id.
	fn registered_work(holder: &AccountId) -> yinji_primitives::WorkId;
	/// Gives `who` an unexpired attestation at `level`.
	fn attest(who: &AccountId, level: yinji_primitives::KycLevel);
}

// FRAME's macros expand to `expect` calls with their own proofs; our code lives in `features/`,
// where the lints stay on.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, StorageVersion},
	};
	use frame_system::pallet_prelude::*;
	use yinji_primitives::{
		BasisPoints, CollectionId, CollectionKind, CreatorAttestations, ItemId, KycLevel, TagHash,
		TagKind, WorkId, WorkRegistry,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the collectibles pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The copyright registry (`pallet-works`).
		type Works: WorkRegistry<Self::AccountId>;

		/// Creator and holder attestations (`pallet-works`).
		type Attestations: CreatorAttestations<Self::AccountId>;

		/// Who freezes and thaws collections and items (the consortium, in disputes).
		type ArbitrationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who raises tag watermarks: the verifier service of a member institution.
		type TagVerifierOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Who brings exported items home: the consortium, attesting that the holder burned the
		/// item's token on the EVM chain (two thirds of the council, in the runtime).
		type BridgeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The account that holds exported items while their tokens live on the EVM chain. No
		/// key may exist for it, so nothing moves an exported item but an import.
		#[pallet::constant]
		type BridgeCustodian: Get<Self::AccountId>;

		/// Whether money waits on an item (an open order, a held bid): then it cannot be
		/// gifted, exported or burned.
		type Locks: yinji_primitives::ItemLocks;

		/// Deposit held from the issuer for a collection.
		#[pallet::constant]
		type CollectionDeposit: Get<BalanceOf<Self>>;

		/// Deposit held from the issuer for each item, released when it is burned.
		#[pallet::constant]
		type ItemDeposit: Get<BalanceOf<Self>>;

		/// Most items one mint call creates.
		#[pallet::constant]
		type MaxMintBatch: Get<u32>;

		/// Highest resale royalty a collection may set, in basis points.
		#[pallet::constant]
		type MaxRoyalty: Get<BasisPoints>;

		/// Longest CID, in bytes of its text form.
		#[pallet::constant]
		type MaxCidLength: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up works and attestations for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper<Self::AccountId>;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a collection.
		Collection,
		/// The deposit for an item.
		Item,
	}

	/// The id the next collection gets.
	#[pallet::storage]
	pub type NextCollectionId<T> = StorageValue<_, CollectionId, ValueQuery>;

	/// Collections by id.
	#[pallet::storage]
	pub type Collections<T: Config> = StorageMap<_, Blake2_128Concat, CollectionId, Collection<T>>;

	/// Items by collection and edition number.
	#[pallet::storage]
	pub type Items<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Item<T>>;

	/// Owner index: the items each account holds.
	#[pallet::storage]
	pub type Account<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, CollectionId>,
			NMapKey<Blake2_128Concat, ItemId>,
		),
		(),
		OptionQuery,
	>;

	/// Bound tags by the hash of their UID.
	#[pallet::storage]
	pub type TagOf<T: Config> = StorageMap<_, Identity, TagHash, TagBinding<BlockNumberFor<T>>>;

	/// Tags unbound for good, with the block they were retired in; never bound again.
	#[pallet::storage]
	pub type RetiredTags<T: Config> = StorageMap<_, Identity, TagHash, BlockNumberFor<T>>;

	/// Number the next export gets.
	#[pallet::storage]
	pub type NextExportId<T> = StorageValue<_, u64, ValueQuery>;

	/// Items in bridge custody, by collection and item, while their tokens live on the EVM.
	#[pallet::storage]
	pub type Exports<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Export<T>>;

	/// EVM burns already imported, with the item and the export they ended; a burn is
	/// imported once.
	#[pallet::storage]
	pub type ImportedBurns<T: Config> =
		StorageMap<_, Blake2_128Concat, EvmBurn, (CollectionId, ItemId, u64)>;

	/// Events of the collectibles pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A collection was created.
		CollectionCreated {
			/// The new collection.
			collection: CollectionId,
			/// The work it is of.
			work: WorkId,
			/// Its issuer.
			issuer: T::AccountId,
			/// Digital collectibles or physical twins.
			kind: CollectionKind,
			/// Its maximum supply.
			max_supply: u32,
			/// The royalty on resales, in basis points of the price.
			royalty: BasisPoints,
			/// Its trading policy.
			policy: PolicyOf<T>,
			/// The KYC level a holder needs.
			min_holder_kyc: KycLevel,
			/// CID of its metadata document.
			metadata: Cid<T>,
		},
		/// An edition was minted.
		Minted {
			/// The collection.
			collection: CollectionId,
			/// The edition number.
			item: ItemId,
			/// Its first owner.
			owner: T::AccountId,
		},
		/// An item was given away (转赠).
		Gifted {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The giver.
			from: T::AccountId,
			/// The recipient.
			to: T::AccountId,
		},
		/// Marketplace settlement moved a sold item.
		SoldTransferred {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The seller.
			from: T::AccountId,
			/// The buyer.
			to: T::AccountId,
		},
		/// An item was burned by its owner.
		Burned {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// Its last owner.
			owner: T::AccountId,
		},
		/// The issuer tightened a collection's rules.
		PolicyTightened {
			/// The collection.
			collection: CollectionId,
			/// The new policy.
			policy: PolicyOf<T>,
			/// The new KYC level every holder needs.
			min_holder_kyc: KycLevel,
		},
		/// A tag was bound to an item.
		TagBound {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// sha2-256 of the tag's UID.
			tag: TagHash,
			/// NFC or QR.
			kind: TagKind,
			/// The key generation the tag's keys derive from.
			key_epoch: u32,
		},
		/// A tag was unbound from its item and retired.
		TagUnbound {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The retired tag.
			tag: TagHash,
			/// Why.
			reason: UnbindReason,
		},
		/// A tag's accepted tap counter rose.
		WatermarkRaised {
			/// The tag.
			tag: TagHash,
			/// The new watermark.
			counter: u32,
		},
		/// An item went into bridge custody, to be minted as an ERC-721 token on the EVM chain.
		Exported {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The holder who exported it.
			from: T::AccountId,
			/// The account that now holds it ([`Config::BridgeCustodian`]).
			custodian: T::AccountId,
			/// The EVM address its token goes to.
			evm_owner: EvmAddress,
			/// The export's number, which the EVM contract mints once.
			export: u64,
		},
		/// The consortium attested the burn of an exported item's token; the item left bridge
		/// custody.
		Imported {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The bridge custodian it left.
			custodian: T::AccountId,
			/// Its new holder.
			to: T::AccountId,
			/// The export this import ends.
			export: u64,
			/// The EVM burn attested.
			burn: EvmBurn,
		},
		/// The arbitration origin froze or thawed a collection.
		CollectionFrozenSet {
			/// The collection.
			collection: CollectionId,
			/// Frozen (true) or thawed (false).
			frozen: bool,
		},
		/// The arbitration origin froze or thawed an item.
		ItemFrozenSet {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// Frozen (true) or thawed (false).
			frozen: bool,
		},
	}

	/// Errors of the collectibles pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No collection with this id exists.
		UnknownCollection,
		/// No item with this id exists in the collection.
		UnknownItem,
		/// Only a rights holder of the work may create a collection of it.
		NotRightsHolder,
		/// The work is unknown, disputed or revoked.
		WorkNotUsable,
		/// A maximum supply must be at least one.
		ZeroSupply,
		/// The royalty is above `MaxRoyalty`.
		RoyaltyTooHigh,
		/// A collection with a resale royalty cannot use the `Free` policy, whose gifts could
		/// hide a sale.
		RoyaltyRequiresSettlement,
		/// Only the collection's issuer may do this.
		NotIssuer,
		/// Minting would pass the maximum supply.
		MaxSupplyReached,
		/// A mint must create between 1 and `MaxMintBatch` items.
		InvalidMintCount,
		/// The recipient lacks the KYC level the collection or policy requires.
		RecipientKycTooLow,
		/// Only the item's owner may do this.
		NotOwner,
		/// The policy forbids gifts (`SettlementOnly`).
		GiftNotAllowed,
		/// The collection is soulbound: its items never move.
		ItemSoulbound,
		/// The owner has not held the item for the policy's hold period yet.
		HoldPeriodNotOver,
		/// The policy forbids sales.
		SaleNotAllowed,
		/// An item cannot move to its own owner.
		SelfTransfer,
		/// The collection is frozen.
		CollectionFrozen,
		/// The item is frozen.
		ItemFrozen,
		/// The new rules would allow something the current ones forbid.
		PolicyNotTighter,
		/// Tags go only on physical twins.
		NotPhysical,
		/// The item already has a tag.
		ItemAlreadyTagged,
		/// The tag is bound to another item.
		TagAlreadyBound,
		/// The tag was retired and can never be bound again.
		TagRetired,
		/// The item has no tag.
		ItemNotTagged,
		/// No tag with this hash is bound.
		UnknownTag,
		/// A new watermark must be above the current one.
		CounterNotAbove,
		/// A tap counter has 24 bits.
		CounterOutOfRange,
		/// The collection or item is already frozen.
		AlreadyFrozen,
		/// The collection or item is not frozen.
		NotFrozen,
		/// A counter or id would overflow.
		Overflow,
		/// The tag is bound to another item.
		TagOfAnotherItem,
		/// Only digital collectibles whose policy allows sales and whose holders need no KYC
		/// level leave the consortium; physical twins never do.
		NotExportable,
		/// The item is in bridge custody already.
		AlreadyExported,
		/// Money waits on the item (an open order or a held bid): it cannot be gifted, exported
		/// or burned until that closes.
		ItemLocked,
		/// The item is not in bridge custody.
		NotExported,
		/// This EVM burn was imported already.
		BurnAlreadyImported,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxMintBatch::get() >= 1, "a mint must be able to create one item");
			assert!(T::MaxRoyalty::get() <= yinji_primitives::WHOLE, "a royalty is at most 100 %");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Create a collection of `work`.
		///
		/// - Origin: signed by a rights holder of the work, which must be active; it becomes
		///   the issuer and [`Config::CollectionDeposit`] is held from it.
		/// - `royalty`: resale royalty in basis points, at most [`Config::MaxRoyalty`]; above
		///   zero only with a policy other than `Free`.
		/// - `policy`, `min_holder_kyc`: the transfer rules, which may only be tightened later.
		/// - Emits [`Event::CollectionCreated`].
		/// - Weight: [`WeightInfo::create_collection`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_collection())]
		pub fn create_collection(
			origin: OriginFor<T>,
			work: WorkId,
			kind: CollectionKind,
			max_supply: u32,
			metadata: Cid<T>,
			royalty: BasisPoints,
			policy: PolicyOf<T>,
			min_holder_kyc: KycLevel,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_create_collection(
				issuer,
				work,
				kind,
				max_supply,
				metadata,
				royalty,
				policy,
				min_holder_kyc,
			)
		}

		/// Mint the next `count` editions of `collection` to `to`.
		///
		/// - Origin: signed by the collection's issuer; [`Config::ItemDeposit`] is held from it
		///   for each item.
		/// - Fails past the maximum supply, while the work or collection is frozen, or if `to`
		///   lacks the collection's KYC level.
		/// - Emits [`Event::Minted`] for each item.
		/// - Weight: [`WeightInfo::mint`] in `count`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::mint(*count))]
		pub fn mint(
			origin: OriginFor<T>,
			collection: CollectionId,
			to: T::AccountId,
			count: u32,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_mint(Some(&issuer), collection, &to, count).map(|_| ())
		}

		/// Give `item` to `to` (转赠), for nothing, where the collection's policy allows.
		///
		/// - Origin: signed by the item's owner.
		/// - `Free`: always; `GiftOnly`: after the hold period, to a recipient at the policy's KYC
		///   level; `SettlementOnly` and `Soulbound`: never.
		/// - Emits [`Event::Gifted`].
		/// - Weight: [`WeightInfo::gift`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::gift())]
		pub fn gift(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			to: T::AccountId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_gift(owner, collection, item, to)
		}

		/// Burn `item`, releasing its deposit to the issuer and retiring its tag.
		///
		/// - Origin: signed by the item's owner.
		/// - Emits [`Event::Burned`] (and [`Event::TagUnbound`] if it had a tag).
		/// - Weight: [`WeightInfo::burn`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::burn())]
		pub fn burn(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_burn(owner, collection, item)
		}

		/// Replace the collection's rules by stricter ones.
		///
		/// - Origin: signed by the issuer.
		/// - `policy` must allow nothing the current policy forbids; `min_holder_kyc` may not
		///   go down. Current holders keep their items.
		/// - Emits [`Event::PolicyTightened`].
		/// - Weight: [`WeightInfo::tighten_policy`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::tighten_policy())]
		pub fn tighten_policy(
			origin: OriginFor<T>,
			collection: CollectionId,
			policy: PolicyOf<T>,
			min_holder_kyc: KycLevel,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_tighten_policy(issuer, collection, policy, min_holder_kyc)
		}

		/// Bind a tag to a physical-twin item.
		///
		/// - Origin: signed by the issuer.
		/// - `tag`: sha2-256 of the tag's UID; must be neither bound nor retired, and the item
		///   must have no tag.
		/// - Emits [`Event::TagBound`].
		/// - Weight: [`WeightInfo::bind_tag`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::bind_tag())]
		pub fn bind_tag(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			tag: TagHash,
			kind: TagKind,
			key_epoch: u32,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_bind_tag(&issuer, collection, item, tag, kind, key_epoch)
		}

		/// Unbind an item's tag because it is damaged, lost or compromised; the tag is retired.
		///
		/// - Origin: signed by the issuer.
		/// - Emits [`Event::TagUnbound`].
		/// - Weight: [`WeightInfo::unbind_tag`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::unbind_tag())]
		pub fn unbind_tag(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			reason: UnbindReason,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_unbind_tag(&issuer, collection, item, reason)
		}

		/// Replace an item's tag: retire the old one for `reason` and bind `tag`.
		///
		/// - Origin: signed by the issuer.
		/// - Emits [`Event::TagUnbound`] then [`Event::TagBound`].
		/// - Weight: [`WeightInfo::rebind_tag`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::rebind_tag())]
		pub fn rebind_tag(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			reason: UnbindReason,
			tag: TagHash,
			kind: TagKind,
			key_epoch: u32,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_unbind_tag(&issuer, collection, item, reason)?;
			Self::do_bind_tag(&issuer, collection, item, tag, kind, key_epoch)
		}

		/// Raise a tag's watermark to `counter`, the tap counter of an accepted read.
		///
		/// - Origin: [`Config::TagVerifierOrigin`].
		/// - `counter` must be above the current watermark and fit 24 bits.
		/// - Emits [`Event::WatermarkRaised`].
		/// - Weight: [`WeightInfo::raise_watermark`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::raise_watermark())]
		pub fn raise_watermark(origin: OriginFor<T>, tag: TagHash, counter: u32) -> DispatchResult {
			T::TagVerifierOrigin::ensure_origin(origin)?;
			Self::do_raise_watermark(tag, counter)
		}

		/// Freeze (`frozen = true`) or thaw a collection: while frozen none of its items moves
		/// and none is minted.
		///
		/// - Origin: [`Config::ArbitrationOrigin`].
		/// - Emits [`Event::CollectionFrozenSet`].
		/// - Weight: [`WeightInfo::set_collection_frozen`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_collection_frozen())]
		pub fn set_collection_frozen(
			origin: OriginFor<T>,
			collection: CollectionId,
			frozen: bool,
		) -> DispatchResult {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			Self::do_set_collection_frozen(collection, frozen)
		}

		/// Freeze (`frozen = true`) or thaw one item.
		///
		/// - Origin: [`Config::ArbitrationOrigin`].
		/// - Emits [`Event::ItemFrozenSet`].
		/// - Weight: [`WeightInfo::set_item_frozen`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::set_item_frozen())]
		pub fn set_item_frozen(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			frozen: bool,
		) -> DispatchResult {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			Self::do_set_item_frozen(collection, item, frozen)
		}

		/// Put `item` into bridge custody so that the relayer mints it as an ERC-721 token to
		/// `evm_owner` on the EVM chain.
		///
		/// - Origin: signed by the item's owner.
		/// - Only digital collectibles whose policy allows sales (the token carries the
		///   royalty as ERC-2981) and whose holders need no KYC level; never physical twins,
		///   soulbound or gift-only items. Neither the item, its collection nor its work may be
		///   frozen.
		/// - The owner changes to [`Config::BridgeCustodian`], which voids the item's listings.
		/// - Emits [`Event::Exported`].
		/// - Weight: [`WeightInfo::export_item`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::export_item())]
		pub fn export_item(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			evm_owner: EvmAddress,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_export(owner, collection, item, evm_owner)
		}

		/// Release an exported `item` from bridge custody to `to`, the consortium having seen
		/// its token burned on the EVM chain in `burn`.
		///
		/// - Origin: [`Config::BridgeOrigin`].
		/// - Fails if `burn` was imported before, if the item is not in custody, if `to` lacks
		///   the collection's KYC level or while the item, collection or work is frozen.
		/// - Emits [`Event::Imported`].
		/// - Weight: [`WeightInfo::import_item`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::import_item())]
		pub fn import_item(
			origin: OriginFor<T>,
			collection: CollectionId,
			item: ItemId,
			to: T::AccountId,
			burn: EvmBurn,
		) -> DispatchResult {
			T::BridgeOrigin::ensure_origin(origin)?;
			Self::do_import(collection, item, to, burn)
		}
	}
}
