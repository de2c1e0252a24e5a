//! Types stored and taken by the marketplace pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::fungibles, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{traits::AtLeast32BitUnsigned, SaturatedConversion};
use yinji_primitives::{BasisPoints, CollectionId, ItemId, Tier};

/// The account type of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The balance type of prices, in every currency the marketplace takes.
pub type BalanceOf<T> = <<T as Config>::Funds as fungibles::Inspect<AccountIdOf<T>>>::Balance;

/// Identifier of an offer.
pub type OfferId = u64;

/// How a listing's price develops.
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
pub enum PriceSchedule<Balance, BlockNumber> {
	/// One price until the listing expires.
	Fixed(Balance),
	/// A Dutch auction: `start` at block `from`, falling by `decay_per_block` each block, never
	/// below `floor`; the first buyer wins at the current price.
	Dutch {
		/// Price at block `from`.
		start: Balance,
		/// Lowest price.
		floor: Balance,
		/// Fall per block.
		decay_per_block: Balance,
		/// The block the fall starts from (the listing's block).
		from: BlockNumber,
	},
}

impl<Balance, BlockNumber> PriceSchedule<Balance, BlockNumber>
where
	Balance: AtLeast32BitUnsigned + Copy,
	BlockNumber: AtLeast32BitUnsigned + Copy,
{
	/// The price at block `now`.
	pub fn price_at(&self, now: BlockNumber) -> Balance {
		match *self {
			Self::Fixed(price) => price,
			Self::Dutch { start, floor, decay_per_block, from } => {
				let elapsed: u128 = now.saturating_sub(from).saturated_into();
				let fallen = decay_per_block.saturating_mul(Balance::saturated_from(elapsed));
				start.saturating_sub(fallen).max(floor)
			}
		}
	}
}

/// An item offered for sale at a fixed or falling price.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Listing<T: Config> {
	/// The owner who listed the item.
	pub seller: AccountIdOf<T>,
	/// The currency of the price.
	pub asset: T::AssetKind,
	/// The price.
	pub price: PriceSchedule<BalanceOf<T>, BlockNumberFor<T>>,
	/// The only account that may buy, if any.
	pub buyer: Option<AccountIdOf<T>>,
	/// The item's ownership nonce when listed; the listing is void once it changes.
	pub nonce: u32,
	/// The first block at which the listing can no longer be bought.
	pub expires_at: BlockNumberFor<T>,
}

/// A standing offer to buy an item, its amount held from the offerer.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Offer<T: Config> {
	/// Who offers.
	pub offerer: AccountIdOf<T>,
	/// The item's collection.
	pub collection: CollectionId,
	/// The item.
	pub item: ItemId,
	/// The currency.
	pub asset: T::AssetKind,
	/// The amount, held from the offerer.
	pub amount: BalanceOf<T>,
	/// The item's ownership nonce when the offer was made; void once it changes.
	pub nonce: u32,
	/// The first block at which the offer can no longer be accepted.
	pub expires_at: BlockNumberFor<T>,
}

/// An English auction: rising bids, held from the bidders, the highest wins at the end.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Auction<T: Config> {
	/// The owner who auctions the item.
	pub seller: AccountIdOf<T>,
	/// The currency of the bids.
	pub asset: T::AssetKind,
	/// The lowest first bid.
	pub start_price: BalanceOf<T>,
	/// The lowest winning bid; below it the item does not sell.
	pub reserve: BalanceOf<T>,
	/// How much each bid must exceed the last, in basis points (at least one unit).
	pub min_increment: BasisPoints,
	/// The first block at which no bid is taken; pushed back by late bids.
	pub ends_at: BlockNumberFor<T>,
	/// The highest bid so far and its bidder.
	pub highest: Option<(AccountIdOf<T>, BalanceOf<T>)>,
	/// The item's ownership nonce when the auction opened; void once it changes.
	pub nonce: u32,
}

/// A primary drop: the issuer sells new editions at a fixed price.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Drop<T: Config> {
	/// The collection's issuer.
	pub issuer: AccountIdOf<T>,
	/// The currency.
	pub asset: T::AssetKind,
	/// The price of one edition.
	pub price: BalanceOf<T>,
	/// Most editions one account may buy.
	pub per_account_cap: u32,
	/// The loyalty tier a buyer needs.
	pub min_tier: Tier,
	/// The first block at which the drop no longer sells.
	pub ends_at: BlockNumberFor<T>,
}

/// Something that expires at a block and is closed by `on_initialize` if still open then.
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
pub enum Expiring {
	/// The listing of an item.
	Listing(CollectionId, ItemId),
	/// An offer.
	Offer(OfferId),
}

/// How a sale came about, as [`crate::Event::Settled`] reports it: a reader of the chain's
/// events (the indexer) learns from the event alone which offer a sale closed.
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
pub enum SaleKind {
	/// A purchase at a fixed or Dutch listing's price.
	Listing,
	/// The owner accepted this offer.
	Offer(OfferId),
	/// An English auction's winning bid.
	Auction,
	/// A primary sale of a drop.
	Drop,
	/// A buyer's tap claimed the delivered item with this held offer.
	Claim(OfferId),
	/// A physical order's escrow paid the seller.
	Order(OrderId),
}

/// Identifier of a physical order.
pub type OrderId = u64;

/// How long each side of a physical order has for its next step, in blocks; the council sets
/// them ([`crate::Pallet::set_order_windows`]).
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
pub struct OrderWindows<BlockNumber> {
	/// From payment to shipping; past it the buyer may cancel and is refunded.
	pub ship: BlockNumber,
	/// From shipping to delivery: past it the parcel counts as delivered (the automatic
	/// confirmation of receipt every large marketplace has).
	pub deliver: BlockNumber,
	/// From delivery, for a return without a reason; past it the order settles.
	pub returns: BlockNumber,
	/// From a return request, for the seller to confirm the parcel came back or to dispute;
	/// past it the buyer is refunded.
	pub return_receipt: BlockNumber,
}

/// Where a physical order stands. Settled and refunded orders are removed (their events stay).
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
pub enum OrderState<BlockNumber> {
	/// Paid into escrow; the seller ships before `ship_by`.
	Paid {
		/// The first block at which the buyer may cancel.
		ship_by: BlockNumber,
	},
	/// Shipped; delivered at the buyer's tap or confirmation, or at `delivered_by`.
	Shipped {
		/// The first block at which the parcel counts as delivered.
		delivered_by: BlockNumber,
	},
	/// Delivered; the buyer may ask for a return until `settle_at`, when it settles.
	Delivered {
		/// The first block at which the order settles.
		settle_at: BlockNumber,
	},
	/// The buyer asked for a return; refunded when the seller confirms receipt, or at
	/// `refund_at` unless the seller disputes.
	ReturnRequested {
		/// The first block at which the buyer is refunded.
		refund_at: BlockNumber,
	},
	/// Disputed; only the arbiter moves it, by splitting the escrow.
	Disputed,
}

impl<BlockNumber: Copy> OrderState<BlockNumber> {
	/// The block at which the state moves on by itself, if any.
	pub fn deadline(&self) -> Option<BlockNumber> {
		match *self {
			Self::Paid { ship_by } => Some(ship_by),
			Self::Shipped { delivered_by } => Some(delivered_by),
			Self::Delivered { settle_at } => Some(settle_at),
			Self::ReturnRequested { refund_at } => Some(refund_at),
			Self::Disputed => None,
		}
	}
}

/// A physical order: the buyer's payment, held in escrow, bound to the item, the two parties,
/// the price and the deadlines. Neither party can take the money alone.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Order<T: Config> {
	/// Who paid.
	pub buyer: AccountIdOf<T>,
	/// Who sells and ships.
	pub seller: AccountIdOf<T>,
	/// The item's collection.
	pub collection: CollectionId,
	/// The item.
	pub item: ItemId,
	/// The currency.
	pub asset: T::AssetKind,
	/// The price, held from the buyer.
	pub price: BalanceOf<T>,
	/// Made to order: no return without a reason (only a dispute).
	pub made_to_order: bool,
	/// Where it stands.
	pub state: OrderState<BlockNumberFor<T>>,
}

/// How an order ended, as [`crate::Event::OrderClosed`] reports it.
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
pub enum OrderOutcome {
	/// Settled at the buyer's tap of the item's tag.
	Tapped,
	/// Settled at the buyer's confirmation.
	Confirmed,
	/// Settled when the return window passed.
	WindowPassed,
	/// Refunded: the seller did not ship in time.
	NotShipped,
	/// Refunded: the seller confirmed the returned parcel, or let the window pass.
	Returned,
	/// The arbiter split the escrow.
	Arbitrated,
}
