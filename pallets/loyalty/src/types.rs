//! Types stored and taken by the loyalty pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use yinji_primitives::{Points, Tier};

/// Identifier of a campaign.
pub type CampaignId = u32;

/// What a currency's prices earn and what points are worth in it.
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
pub struct PointsRate<Balance> {
	/// The price, in the currency's smallest unit, that earns one point (rounded down).
	pub price_per_point: Balance,
	/// The discount one point buys, in the currency's smallest unit.
	pub point_value: Balance,
}

/// A member's points account.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PointsAccount {
	/// Points in the member's buckets, expired ones not yet removed included.
	pub balance: Points,
	/// Every point ever earned; tiers follow it. Spending and expiry do not lower it.
	pub lifetime: Points,
	/// The tier last announced for the member (by a `TierChanged` event).
	pub tier: Tier,
}

/// Points earned in one bucket period, expiring together.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Bucket<BlockNumber> {
	/// The first block at which these points are no longer spendable.
	pub expires_at: BlockNumber,
	/// The points left in the bucket.
	pub points: Points,
}

/// A governance-approved programme that rewards community contributions from a budget.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Campaign<AccountId, BlockNumber> {
	/// The account that awards points (the gateway reports, the issuer signs).
	pub issuer: AccountId,
	/// Points still to award.
	pub remaining: Points,
	/// Points awarded so far.
	pub awarded: Points,
	/// The first block at which no more points are awarded.
	pub ends_at: BlockNumber,
}

/// What a campaign rewards, recorded with each award.
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
pub enum AwardReason {
	/// A product review.
	Review,
	/// User-generated content: photos, stories, designs.
	Content,
	/// Bringing in a new member.
	Referral,
	/// Taking part in an event, online or in a museum.
	Event,
}

/// Where earned points came from.
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
pub enum Source {
	/// A settled purchase.
	Purchase,
	/// A campaign award.
	Campaign(CampaignId, AwardReason),
}
