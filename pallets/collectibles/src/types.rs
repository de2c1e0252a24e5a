//! Types stored and taken by the collectibles pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, traits::fungible, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use yinji_primitives::{
	BasisPoints, CollectionId, CollectionKind, ItemId, KycLevel, TagHash, TagKind, TransferPolicy,
	WorkId,
};

/// The account type of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;

/// An IPFS content identifier, as its text bytes.
pub type Cid<T> = BoundedVec<u8, <T as Config>::MaxCidLength>;

/// A collection's transfer policy in this runtime's block numbers.
pub type PolicyOf<T> = TransferPolicy<BlockNumberFor<T>>;

/// A collection: editions of one registered work, and the rules they change hands by.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Collection<T: Config> {
	/// The registered work the items are editions of.
	pub work: WorkId,
	/// The rights holder who created the collection; mints items and binds tags.
	pub issuer: AccountIdOf<T>,
	/// Digital collectibles or physical twins.
	pub kind: CollectionKind,
	/// The most editions there will ever be ("of N").
	pub max_supply: u32,
	/// Editions minted so far; the last edition number given.
	pub minted: u32,
	/// Editions burned so far.
	pub burned: u32,
	/// CID of the collection's metadata.
	pub metadata: Cid<T>,
	/// Royalty on resale, in basis points of the price, paid to the work's split.
	pub royalty: BasisPoints,
	/// How items may change hands; only ever tightened.
	pub policy: PolicyOf<T>,
	/// The KYC level every holder needs (0: anyone); only ever raised.
	pub min_holder_kyc: KycLevel,
	/// Frozen by the arbitration origin: no item of it moves.
	pub frozen: bool,
	/// The deposit held from the issuer for the collection.
	pub deposit: BalanceOf<T>,
}

/// An edition.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Item<T: Config> {
	/// The current owner.
	pub owner: AccountIdOf<T>,
	/// The block in which the current owner received the item (for hold periods).
	pub acquired_at: BlockNumberFor<T>,
	/// Increments on every change of owner; the marketplace voids listings made under another.
	pub nonce: u32,
	/// Frozen by the arbitration origin.
	pub frozen: bool,
	/// The tag bound to the item, for physical twins.
	pub tag: Option<TagHash>,
	/// The deposit held from the issuer for the item.
	pub deposit: BalanceOf<T>,
}

/// A tag bound to an item.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct TagBinding<BlockNumber> {
	/// The item's collection.
	pub collection: CollectionId,
	/// The item.
	pub item: ItemId,
	/// NFC or QR.
	pub kind: TagKind,
	/// Which generation of the issuer's master keys the tag's keys derive from.
	pub key_epoch: u32,
	/// The highest tap counter accepted so far; a tap must come above it.
	pub watermark: u32,
	/// The block in which the tag was bound.
	pub bound_at: BlockNumber,
}

/// Why an issuer unbinds a tag. An unbound tag is retired and never bound again.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum UnbindReason {
	/// The tag no longer reads (torn antenna, broken print).
	Damaged,
	/// The tag came off the product or the product was lost.
	Lost,
	/// The tag's keys may be known to others.
	Compromised,
	/// The item was burned (set by the pallet, not chosen by an issuer).
	ItemBurned,
}

/// The largest tap counter an NTAG 424 DNA can report (24 bits).
pub const MAX_TAG_COUNTER: u32 = 0x00FF_FFFF;

/// An address on the EVM chain the consortium mirrors items to.
pub type EvmAddress = [u8; 20];

/// The EVM log in which a holder burned an exported item to bring it home: the burn's
/// transaction hash and the log's index in its block. Each is imported at most once.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct EvmBurn {
	/// Hash of the EVM transaction that burned the token.
	pub tx_hash: [u8; 32],
	/// Index of its `ImportRequested` log in the EVM block.
	pub log_index: u32,
}

/// An item in bridge custody while its ERC-721 mirror lives on the EVM chain.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Export<T: Config> {
	/// Number of the export, counting every export ever made; the EVM contract mints each
	/// export once, so a restarted relayer cannot mint twice.
	pub id: u64,
	/// The holder who exported the item.
	pub from: AccountIdOf<T>,
	/// The EVM address the token is minted to.
	pub evm_owner: EvmAddress,
	/// The block of the export.
	pub at: BlockNumberFor<T>,
}
