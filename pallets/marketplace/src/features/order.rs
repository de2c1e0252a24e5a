//! Physical orders: the buyer's payment waits in escrow until delivery, and from then on
//! neither party can take it alone.
//!
//! paid → shipped (the seller, before `ship_by`; past it the buyer is refunded) → delivered
//! (at `delivered_by`) → settled (the buyer's tap or confirmation at any point after
//! shipping, or `settle_at` passing without a return request). Before settlement the buyer
//! may ask for a return (not for goods made to order): refunded when the seller confirms the
//! parcel came back, or when `refund_at` passes without a dispute. Either side may dispute a
//! shipped order; the council's arbiter then splits the escrow, and nothing else moves it.
//!
//! Every payment to the seller goes through the one settlement (fee, rights holders, points);
//! a refund releases exactly what was held. Deadlines move on in `on_initialize` (at most
//! `MaxOrdersDuePerBlock` orders a block, see [`Pallet::close_due_orders`]) or when anyone
//! calls `advance_order` once they have passed.

use super::{Funding, Sale};
use crate::{
	Arbiter, BalanceOf, Config, Error, Event, HoldReason, Listings, MadeToOrder, NextOrderId,
	Order, OrderDeadlines, OrderId, OrderOf, OrderOutcome, OrderState, OrderWindowsOf, Orders,
	Pallet, SaleKind, WeightInfo,
};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	storage::{with_storage_layer, with_transaction},
	traits::{fungibles::MutateHold, tokens::Precision},
	weights::Weight,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Get, One, Saturating, Zero},
	DispatchError, TransactionOutcome,
};
use yinji_primitives::{CollectibleSettlement, CollectionId, ItemId, TagHash};

/// How many blocks after its deadline an order may be queued when that block's queue is full.
const QUEUE_SPREAD: u32 = 8;

impl<T: Config> Pallet<T> {
	/// Pays the item's listing into a new order's escrow.
	pub(crate) fn do_place_order(
		buyer: T::AccountId,
		collection: CollectionId,
		item: ItemId,
		asset: T::AssetKind,
		max_price: BalanceOf<T>,
	) -> Result<OrderId, DispatchError> {
		let (listing, price) = Self::buyable(&buyer, collection, item, &asset, max_price)?;
		Self::sellable_item(&listing.seller, collection, item)?;
		// Refused now if the item could not be handed over now (the collection's policy, the
		// buyer's KYC level, a freeze): no buyer's money waits on a sale that cannot settle.
		with_transaction(|| {
			let handover =
				T::Collectibles::settle_transfer(collection, item, &listing.seller, &buyer);
			TransactionOutcome::Rollback(handover)
		})?;
		let now = Self::now();
		let id = NextOrderId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let ship_by = now.saturating_add(OrderWindowsOf::<T>::get().ship);
		T::Funds::hold(asset.clone(), &HoldReason::Order.into(), &buyer, price)?;
		Listings::<T>::remove(collection, item);
		let order = Order {
			buyer: buyer.clone(),
			seller: listing.seller.clone(),
			collection,
			item,
			asset: asset.clone(),
			price,
			made_to_order: MadeToOrder::<T>::contains_key(collection),
			state: OrderState::Paid { ship_by },
		};
		Orders::<T>::insert(id, order);
		OrderOf::<T>::insert(collection, item, id);
		NextOrderId::<T>::put(next);
		Self::queue_order(id, ship_by);
		Self::deposit_event(Event::OrderPlaced {
			order: id,
			collection,
			item,
			buyer,
			seller: listing.seller,
			asset,
			price,
			ship_by,
		});
		Ok(id)
	}

	/// The seller ships a paid order before its deadline.
	pub(crate) fn do_ship_order(seller: T::AccountId, id: OrderId) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(order.seller == seller, Error::<T>::NotSeller);
		let OrderState::Paid { ship_by } = order.state else {
			return Err(Error::<T>::WrongOrderState.into());
		};
		let now = Self::now();
		ensure!(now < ship_by, Error::<T>::DeadlinePassed);
		let delivered_by = now.saturating_add(OrderWindowsOf::<T>::get().deliver);
		order.state = OrderState::Shipped { delivered_by };
		Self::move_order(id, order)
	}

	/// The buyer accepts the goods: the order settles now.
	pub(crate) fn do_confirm_order(buyer: T::AccountId, id: OrderId) -> Result<u32, DispatchError> {
		let order = Self::order(id)?;
		ensure!(order.buyer == buyer, Error::<T>::NotBuyer);
		Self::ensure_received(&order)?;
		Self::settle_order(id, order, OrderOutcome::Confirmed)
	}

	/// The buyer's tap of the item's tag on delivery settles the order.
	pub(crate) fn do_claim_order_by_tap(
		id: OrderId,
		tag: TagHash,
		counter: u32,
	) -> Result<u32, DispatchError> {
		let order = Self::order(id)?;
		Self::ensure_received(&order)?;
		T::Collectibles::accept_tap(order.collection, order.item, tag, counter)?;
		let (collection, item) = (order.collection, order.item);
		let paid = Self::settle_order(id, order, OrderOutcome::Tapped)?;
		Self::deposit_event(Event::OrderTapped { order: id, collection, item, tag, counter });
		Ok(paid)
	}

	/// The buyer asks for a return before the order settles.
	pub(crate) fn do_request_return(buyer: T::AccountId, id: OrderId) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(order.buyer == buyer, Error::<T>::NotBuyer);
		ensure!(!order.made_to_order, Error::<T>::MadeToOrder);
		let now = Self::now();
		match order.state {
			OrderState::Shipped { .. } => {}
			OrderState::Delivered { settle_at } => {
				ensure!(now < settle_at, Error::<T>::DeadlinePassed)
			}
			_ => return Err(Error::<T>::WrongOrderState.into()),
		}
		let refund_at = now.saturating_add(OrderWindowsOf::<T>::get().return_receipt);
		order.state = OrderState::ReturnRequested { refund_at };
		Self::move_order(id, order)
	}

	/// The seller confirms the returned parcel arrived: the buyer is refunded in full.
	pub(crate) fn do_confirm_return(seller: T::AccountId, id: OrderId) -> DispatchResult {
		let order = Self::order(id)?;
		ensure!(order.seller == seller, Error::<T>::NotSeller);
		ensure!(
			matches!(order.state, OrderState::ReturnRequested { .. }),
			Error::<T>::WrongOrderState
		);
		Self::refund_order(id, &order, OrderOutcome::Returned)
	}

	/// Either side disputes a shipped order; from now on only the arbiter moves it. There is no
	/// deadline: an order whose deadline could not be applied (its item frozen by a copyright
	/// dispute, its collection's policy tightened) is still open, and the arbiter is its way out.
	pub(crate) fn do_dispute_order(who: T::AccountId, id: OrderId) -> DispatchResult {
		let mut order = Self::order(id)?;
		ensure!(who == order.buyer || who == order.seller, Error::<T>::NotAParty);
		ensure!(
			matches!(
				order.state,
				OrderState::Shipped { .. }
					| OrderState::Delivered { .. }
					| OrderState::ReturnRequested { .. }
			),
			Error::<T>::WrongOrderState
		);
		order.state = OrderState::Disputed;
		Orders::<T>::insert(id, order);
		Self::deposit_event(Event::OrderDisputed { order: id, by: who });
		Ok(())
	}

	/// The arbiter splits a disputed order's escrow: `to_buyer` back to the buyer, the rest to
	/// the seller through the settlement (the item then goes to the buyer).
	pub(crate) fn do_resolve_dispute(
		arbiter: T::AccountId,
		id: OrderId,
		to_buyer: BalanceOf<T>,
	) -> Result<u32, DispatchError> {
		ensure!(Arbiter::<T>::get().as_ref() == Some(&arbiter), Error::<T>::NotArbiter);
		let mut order = Self::order(id)?;
		ensure!(order.state == OrderState::Disputed, Error::<T>::WrongOrderState);
		ensure!(to_buyer <= order.price, Error::<T>::SplitAbovePrice);
		if to_buyer == order.price {
			Self::refund_order(id, &order, OrderOutcome::Arbitrated)?;
			return Ok(0);
		}
		Self::release_order_funds(&order, to_buyer)?;
		order.price = order.price.saturating_sub(to_buyer);
		Self::deposit_event(Event::DisputeResolved { order: id, to_buyer, to_seller: order.price });
		Self::settle_order(id, order, OrderOutcome::Arbitrated)
	}

	/// Applies an order's passed deadline; fails if it has none or it has not passed.
	pub(crate) fn do_advance_order(id: OrderId) -> Result<u32, DispatchError> {
		let mut order = Self::order(id)?;
		let now = Self::now();
		let due = order.state.deadline().ok_or(Error::<T>::WrongOrderState)?;
		ensure!(now >= due, Error::<T>::NotDue);
		match order.state {
			OrderState::Paid { .. } => {
				Self::refund_order(id, &order, OrderOutcome::NotShipped)?;
				Ok(0)
			}
			OrderState::Shipped { delivered_by } => {
				let settle_at = delivered_by.saturating_add(OrderWindowsOf::<T>::get().returns);
				order.state = OrderState::Delivered { settle_at };
				if now >= settle_at {
					return Self::settle_order(id, order, OrderOutcome::WindowPassed);
				}
				Self::move_order(id, order)?;
				Ok(0)
			}
			OrderState::Delivered { .. } => {
				Self::settle_order(id, order, OrderOutcome::WindowPassed)
			}
			OrderState::ReturnRequested { .. } => {
				Self::refund_order(id, &order, OrderOutcome::Returned)?;
				Ok(0)
			}
			OrderState::Disputed => Err(Error::<T>::WrongOrderState.into()),
		}
	}

	/// Moves on the orders queued for `now` whose deadline has passed, each in its own storage
	/// layer: one that fails (a frozen item, say) stays as it was, for `advance_order` or the
	/// arbiter. Returns the weight used.
	pub(crate) fn close_due_orders(now: BlockNumberFor<T>) -> Weight {
		let queue = OrderDeadlines::<T>::take(now);
		let count = queue.len() as u64;
		for id in queue {
			let _ = with_storage_layer(|| Self::do_advance_order(id));
		}
		// The queue's read and removal, then each order as `advance_order` weighs it at most.
		T::DbWeight::get().reads_writes(1, 1).saturating_add(
			T::WeightInfo::advance_order(T::MaxBeneficiaries::get()).saturating_mul(count),
		)
	}

	/// The order, or `UnknownOrder`.
	fn order(id: OrderId) -> Result<Order<T>, Error<T>> {
		Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)
	}

	/// Fails unless the order was shipped and is not yet settled, returned or disputed.
	fn ensure_received(order: &Order<T>) -> DispatchResult {
		ensure!(
			matches!(order.state, OrderState::Shipped { .. } | OrderState::Delivered { .. }),
			Error::<T>::WrongOrderState
		);
		Ok(())
	}

	/// Stores `order` in its new state, queues its next deadline and reports the move.
	fn move_order(id: OrderId, order: Order<T>) -> DispatchResult {
		let state = order.state;
		Orders::<T>::insert(id, order);
		if let Some(deadline) = state.deadline() {
			Self::queue_order(id, deadline);
		}
		Self::deposit_event(Event::OrderMoved { order: id, state });
		Ok(())
	}

	/// Queues `id` at `at`, or up to `QUEUE_SPREAD` blocks later if those queues are full;
	/// otherwise it is left to `advance_order`.
	fn queue_order(id: OrderId, at: BlockNumberFor<T>) {
		let mut block = at;
		for _ in 0..QUEUE_SPREAD {
			if OrderDeadlines::<T>::mutate(block, |queue| queue.try_push(id).is_ok()) {
				return;
			}
			block = block.saturating_add(One::one());
		}
	}

	/// Pays the seller from the escrow through the settlement and closes the order.
	fn settle_order(
		id: OrderId,
		order: Order<T>,
		outcome: OrderOutcome,
	) -> Result<u32, DispatchError> {
		Self::close_order(id, &order);
		let paid = if order.price.is_zero() {
			0
		} else {
			Self::settle(Sale {
				collection: order.collection,
				item: Some(order.item),
				seller: order.seller,
				buyer: order.buyer,
				asset: order.asset,
				price: order.price,
				funding: Funding::Held(HoldReason::Order),
				kind: SaleKind::Order(id),
			})?
		};
		Self::deposit_event(Event::OrderClosed { order: id, outcome });
		Ok(paid)
	}

	/// Returns the whole escrow to the buyer and closes the order.
	fn refund_order(id: OrderId, order: &Order<T>, outcome: OrderOutcome) -> DispatchResult {
		Self::release_order_funds(order, order.price)?;
		Self::close_order(id, order);
		Self::deposit_event(Event::OrderRefunded {
			order: id,
			buyer: order.buyer.clone(),
			amount: order.price,
		});
		Self::deposit_event(Event::OrderClosed { order: id, outcome });
		Ok(())
	}

	/// Releases `amount` of the order's escrow to the buyer.
	fn release_order_funds(order: &Order<T>, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Funds::release(
			order.asset.clone(),
			&HoldReason::Order.into(),
			&order.buyer,
			amount,
			Precision::Exact,
		)?;
		Ok(())
	}

	/// Removes the order and its item's lock.
	fn close_order(id: OrderId, order: &Order<T>) {
		Orders::<T>::remove(id);
		OrderOf::<T>::remove(order.collection, order.item);
	}

	/// Whether the item waits in an open order.
	pub(crate) fn in_order(collection: CollectionId, item: ItemId) -> bool {
		OrderOf::<T>::contains_key(collection, item)
	}

	/// Names (or removes) the arbiter of disputed orders.
	pub(crate) fn do_set_arbiter(arbiter: Option<T::AccountId>) -> DispatchResult {
		Arbiter::<T>::set(arbiter.clone());
		Self::deposit_event(Event::ArbiterSet { arbiter });
		Ok(())
	}

	/// Checks the windows the council sets: each above zero and at most `MaxOrderWindow`.
	pub(crate) fn do_set_order_windows(
		windows: crate::OrderWindows<BlockNumberFor<T>>,
	) -> DispatchResult {
		let max = T::MaxOrderWindow::get();
		for window in [windows.ship, windows.deliver, windows.returns, windows.return_receipt] {
			ensure!(!window.is_zero() && window <= max, Error::<T>::BadWindow);
		}
		OrderWindowsOf::<T>::put(windows);
		Self::deposit_event(Event::OrderWindowsSet { windows });
		Ok(())
	}

	/// The collection's issuer marks its products as made to order (or not).
	pub(crate) fn do_set_made_to_order(
		who: T::AccountId,
		collection: CollectionId,
		made_to_order: bool,
	) -> DispatchResult {
		let terms = T::Collectibles::collection(collection).ok_or(Error::<T>::UnknownCollection)?;
		ensure!(terms.issuer == who, Error::<T>::NotIssuer);
		if made_to_order {
			MadeToOrder::<T>::insert(collection, ());
		} else {
			MadeToOrder::<T>::remove(collection);
		}
		Self::deposit_event(Event::MadeToOrderSet { collection, made_to_order });
		Ok(())
	}
}

impl<T: Config> yinji_primitives::ItemLocks for Pallet<T> {
	/// An item is locked while it waits in an open order, or while its auction holds a bid.
	fn is_locked(collection: CollectionId, item: ItemId) -> bool {
		Self::in_order(collection, item)
			|| crate::Auctions::<T>::get(collection, item).is_some_and(|a| a.highest.is_some())
	}
}
