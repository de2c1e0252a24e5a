//! The descriptive parts of collections and items.

use crate::KycLevel;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifier of a collection, assigned in order of creation.
pub type CollectionId = u32;

/// Identifier of an item within its collection: its edition number, from 1 ("#n of N").
pub type ItemId = u32;

/// A tag's identity on chain: sha2-256 of its UID (NFC) or serial (QR), never the UID itself.
pub type TagHash = [u8; 32];

/// What a collection's items are.
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
pub enum CollectionKind {
	/// Digital collectibles (数字藏品).
	DigitalCollectible,
	/// Digital twins of physical products, which carry NFC or QR tags.
	PhysicalTwin,
}

/// How items of a collection may change hands.
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
pub enum TransferPolicy<BlockNumber> {
	/// Gifts and marketplace sales. Only for collections without a resale royalty.
	Free,
	/// Only marketplace settlement moves items, so every resale pays royalties.
	SettlementOnly,
	/// No sales; gifts only after the holder has held the item `min_hold` blocks, and only to
	/// accounts attested at `recipient_kyc` or above (the model of mainland China's platforms).
	GiftOnly {
		/// Blocks an item must be held before it may be gifted on.
		min_hold: BlockNumber,
		/// The KYC level a recipient must hold.
		recipient_kyc: KycLevel,
	},
	/// Items never leave their first holder (burning aside).
	Soulbound,
}

impl<BlockNumber: PartialOrd> TransferPolicy<BlockNumber> {
	/// Whether marketplace settlement may move items under this policy.
	pub fn allows_sale(&self) -> bool {
		matches!(self, Self::Free | Self::SettlementOnly)
	}

	/// Whether every transfer `self` allows is also allowed by `old`, so that replacing `old`
	/// by `self` only tightens the rules.
	pub fn is_at_least_as_strict_as(&self, old: &Self) -> bool {
		match (old, self) {
			(_, Self::Soulbound) | (Self::Free, _) => true,
			(Self::SettlementOnly, Self::SettlementOnly) => true,
			(
				Self::GiftOnly { min_hold, recipient_kyc },
				Self::GiftOnly { min_hold: new_hold, recipient_kyc: new_kyc },
			) => new_hold >= min_hold && new_kyc >= recipient_kyc,
			_ => false,
		}
	}
}

/// The technology of a tag bound to a physical item.
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
pub enum TagKind {
	/// NXP NTAG 424 DNA with Secure Unique NFC messages (an AES-CMAC over a tap counter).
	Ntag424,
	/// A printed QR code carrying a signature by the issuing institution.
	SignedQr,
}

/// What the marketplace needs to know about a collection.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CollectionInfo<AccountId, BlockNumber> {
	/// The registered work the collection is of.
	pub work: crate::WorkId,
	/// The account that created the collection and mints its items.
	pub issuer: AccountId,
	/// Royalty on resale, in basis points of the price, paid to the work's split.
	pub royalty: crate::BasisPoints,
	/// How items may change hands.
	pub policy: TransferPolicy<BlockNumber>,
	/// The KYC level every holder needs.
	pub min_holder_kyc: KycLevel,
	/// Editions minted so far (burned ones included).
	pub minted: u32,
	/// The most editions there will ever be.
	pub max_supply: u32,
}

/// What the marketplace needs to know about an item.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ItemInfo<AccountId> {
	/// The current owner.
	pub owner: AccountId,
	/// Increments on every change of owner; a listing made under another nonce is void.
	pub nonce: u32,
	/// Whether the item can move now: neither it, its collection nor its work is frozen.
	pub tradable: bool,
}
