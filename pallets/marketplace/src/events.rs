//! The marketplace's events, imported into the pallet by `#[import_section(events)]`.

use frame_support::pallet_macros::pallet_section;

/// The marketplace's events, imported into the pallet by `#[import_section(events)]`.
#[pallet_section]
mod events {
	/// Events of the marketplace pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set the platform fee.
		PlatformFeeSet {
			/// The new fee, in basis points.
			fee: BasisPoints,
		},
		/// An item was listed (or its listing replaced).
		Listed {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The seller.
			seller: T::AccountId,
			/// The currency.
			asset: T::AssetKind,
			/// The price or its schedule.
			price: PriceSchedule<BalanceOf<T>, BlockNumberFor<T>>,
			/// The first block it can no longer be bought.
			expires_at: BlockNumberFor<T>,
		},
		/// A listing ended without a sale: cancelled, expired or void.
		ListingRemoved {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
		},
		/// An offer was made and its amount held.
		OfferMade {
			/// The offer.
			offer: OfferId,
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// Who offers.
			offerer: T::AccountId,
			/// The currency.
			asset: T::AssetKind,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// An offer ended without a sale and its amount was released.
		OfferWithdrawn {
			/// The offer.
			offer: OfferId,
		},
		/// An auction opened.
		AuctionCreated {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The seller.
			seller: T::AccountId,
			/// The currency.
			asset: T::AssetKind,
			/// The lowest first bid.
			start_price: BalanceOf<T>,
			/// The scheduled end.
			ends_at: BlockNumberFor<T>,
		},
		/// A bid became the highest; the one before it was released.
		BidPlaced {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The bidder.
			bidder: T::AccountId,
			/// The bid.
			amount: BalanceOf<T>,
			/// The auction's end after this bid.
			ends_at: BlockNumberFor<T>,
		},
		/// An auction ended without a sale (no bid, reserve not met, cancelled or void).
		AuctionClosedUnsold {
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
		},
		/// A drop opened.
		DropCreated {
			/// The collection.
			collection: CollectionId,
			/// The currency.
			asset: T::AssetKind,
			/// The price of one edition.
			price: BalanceOf<T>,
		},
		/// A drop closed.
		DropClosed {
			/// The collection.
			collection: CollectionId,
		},
		/// A sale settled: the full breakdown of who received what.
		Settled {
			/// How the sale came about (which offer it closed, if any).
			kind: SaleKind,
			/// The collection.
			collection: CollectionId,
			/// The item (minted by the sale, for a primary sale).
			item: ItemId,
			/// The seller (the issuer, for a primary sale).
			seller: T::AccountId,
			/// The buyer.
			buyer: T::AccountId,
			/// The currency.
			asset: T::AssetKind,
			/// The price.
			gross: BalanceOf<T>,
			/// The platform fee.
			fee: BalanceOf<T>,
			/// Each rights holder paid and the amount.
			royalties: Vec<(T::AccountId, BalanceOf<T>)>,
			/// What the seller received, discount included.
			seller_proceeds: BalanceOf<T>,
			/// The part of the price paid by the sponsor for redeemed points.
			discount: BalanceOf<T>,
			/// Loyalty points minted to the buyer.
			loyalty_minted: Points,
		},
		/// A buyer claimed a delivered item by tapping its tag: the held offer settled against
		/// the seller's listing reserved for the buyer (see [`Event::Settled`]).
		ClaimedByTap {
			/// The offer that paid.
			offer: OfferId,
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The tag tapped.
			tag: TagHash,
			/// The tap's counter, now the tag's watermark.
			counter: u32,
		},
		/// A buyer paid a listing into a physical order's escrow.
		OrderPlaced {
			/// The order.
			order: OrderId,
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// Who paid.
			buyer: T::AccountId,
			/// Who ships.
			seller: T::AccountId,
			/// The currency.
			asset: T::AssetKind,
			/// The price held.
			price: BalanceOf<T>,
			/// The first block at which the buyer may cancel an unshipped order.
			ship_by: BlockNumberFor<T>,
		},
		/// An order moved on: shipped, delivered or a return requested.
		OrderMoved {
			/// The order.
			order: OrderId,
			/// Its new state, with its deadline.
			state: OrderState<BlockNumberFor<T>>,
		},
		/// A party disputed an order; the arbiter decides.
		OrderDisputed {
			/// The order.
			order: OrderId,
			/// Who disputed.
			by: T::AccountId,
		},
		/// The arbiter split a disputed order's escrow.
		DisputeResolved {
			/// The order.
			order: OrderId,
			/// Released to the buyer.
			to_buyer: BalanceOf<T>,
			/// Settled to the seller (see [`Event::Settled`]).
			to_seller: BalanceOf<T>,
		},
		/// An order's whole escrow went back to the buyer.
		OrderRefunded {
			/// The order.
			order: OrderId,
			/// The buyer.
			buyer: T::AccountId,
			/// What was held, all of it.
			amount: BalanceOf<T>,
		},
		/// The buyer's tap of the item's tag settled the order.
		OrderTapped {
			/// The order.
			order: OrderId,
			/// The collection.
			collection: CollectionId,
			/// The item.
			item: ItemId,
			/// The tag tapped.
			tag: TagHash,
			/// The tap's counter, now the tag's watermark.
			counter: u32,
		},
		/// An order closed (settled, refunded or split), and how.
		OrderClosed {
			/// The order.
			order: OrderId,
			/// How it ended.
			outcome: OrderOutcome,
		},
		/// The council set the order windows.
		OrderWindowsSet {
			/// The new windows, in blocks.
			windows: OrderWindows<BlockNumberFor<T>>,
		},
		/// The council named (or removed) the arbiter of disputed orders.
		ArbiterSet {
			/// The arbiter.
			arbiter: Option<T::AccountId>,
		},
		/// A collection's issuer marked its products made to order, or not.
		MadeToOrderSet {
			/// The collection.
			collection: CollectionId,
			/// Whether it is made to order.
			made_to_order: bool,
		},
		/// The council named (or removed) the issuer of the settlement asset.
		SettlementIssuerSet {
			/// The issuer.
			issuer: Option<T::AccountId>,
		},
		/// The issuer minted settlement asset against a fiat payment.
		SettlementIssued {
			/// Who received it.
			to: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
			/// The hash of the off-chain payment reference.
			reference: [u8; 32],
		},
		/// A holder redeemed settlement asset for fiat: it was burned.
		SettlementRedeemed {
			/// Who redeemed.
			holder: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
			/// The hash of the off-chain payout reference.
			reference: [u8; 32],
		},
	}
}
