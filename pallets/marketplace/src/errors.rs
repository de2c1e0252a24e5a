//! The marketplace's errors, imported into the pallet by `#[import_section(errors)]`.

use frame_support::pallet_macros::pallet_section;

/// The marketplace's errors, imported into the pallet by `#[import_section(errors)]`.
#[pallet_section]
mod errors {
	/// Errors of the marketplace pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The platform fee would be above `MaxPlatformFee`.
		FeeTooHigh,
		/// The marketplace does not take this currency.
		AssetNotAccepted,
		/// A price or amount must be above zero.
		ZeroPrice,
		/// An end or expiry must come after the current block.
		ExpiryNotInFuture,
		/// No such item.
		UnknownItem,
		/// No such collection.
		UnknownCollection,
		/// Only the item's owner may do this.
		NotOwner,
		/// The item, its collection or its work is frozen.
		NotTradable,
		/// The collection's policy forbids sales.
		SaleNotAllowed,
		/// The item is already listed or under auction.
		AlreadyListed,
		/// The item is not listed.
		NotListed,
		/// The listing has expired.
		ListingExpired,
		/// The item changed owner since it was listed, offered on or auctioned.
		ListingStale,
		/// The listing is reserved for another buyer.
		NotAllowedBuyer,
		/// The price is in another currency than the buyer named.
		WrongAsset,
		/// The current price is above the buyer's maximum.
		PriceAboveMax,
		/// An owner cannot buy, bid on or offer for their own item.
		CannotBuyOwnItem,
		/// A Dutch auction's floor must be below its start and its decay above zero.
		InvalidDutchSchedule,
		/// No such offer.
		UnknownOffer,
		/// The offer has expired.
		OfferExpired,
		/// Only the offerer may withdraw an offer that is still valid.
		NotOfferer,
		/// The account has `MaxOffersPerAccount` open offers.
		TooManyOffers,
		/// The item has no auction.
		NoAuction,
		/// The auction would run longer than `MaxAuctionDuration`.
		AuctionTooLong,
		/// The reserve is below the start price.
		ReserveBelowStart,
		/// The auction has ended.
		AuctionEnded,
		/// The auction has not ended yet.
		AuctionNotEnded,
		/// The bid is below the start price or the minimum increment.
		BidTooLow,
		/// An auction with bids cannot be cancelled.
		AuctionHasBids,
		/// Only the issuer (of the collection, or of the settlement asset) may do this.
		NotIssuer,
		/// The collection already has a drop.
		DropExists,
		/// The collection has no drop.
		NoDrop,
		/// The drop has ended.
		DropEnded,
		/// A drop's per-account cap must be above zero.
		ZeroCap,
		/// The buyer reached the drop's per-account cap.
		PurchaseCapReached,
		/// The buyer's loyalty tier is below the drop's.
		TierTooLow,
		/// The sale would pay more than `MaxBeneficiaries` accounts.
		TooManyBeneficiaries,
		/// A counter or id would overflow.
		Overflow,
		/// A claim by tap needs the seller's listing of the item reserved for the offerer.
		NotReservedForOfferer,
		/// The offer and the reserved listing differ in price.
		TermsMismatch,
		/// The item waits in an open order: it cannot be sold again until the order closes.
		InOrder,
		/// No such order (or it was settled or refunded).
		UnknownOrder,
		/// Only the order's seller may do this.
		NotSeller,
		/// Only the order's buyer may do this.
		NotBuyer,
		/// Only the order's buyer or seller may do this.
		NotAParty,
		/// Not in this state of the order.
		WrongOrderState,
		/// The step's deadline has passed.
		DeadlinePassed,
		/// The order's deadline has not passed yet.
		NotDue,
		/// Goods made to order have no return without a reason; dispute instead.
		MadeToOrder,
		/// Only the arbiter the council named may split an escrow.
		NotArbiter,
		/// The buyer's share is more than the escrow.
		SplitAbovePrice,
		/// A window must be above zero and at most `MaxOrderWindow`.
		BadWindow,
	}
}
