//! Physical orders: the escrow moves only by both sides, a deadline or the arbiter's split.

use super::*;
use crate::{
	Arbiter, Error, HoldReason, Listings, OrderId, OrderOf, OrderOutcome, OrderState, Orders,
	SettlementIssuer,
};
use frame_support::{assert_noop, traits::fungibles::InspectHold};
use proptest::prelude::*;
use yinji_primitives::{CollectionKind, ItemLocks, TagHash};

const TAG: TagHash = [0x42; 32];
const PRICE: u64 = 10_000;
const ARBITER: u64 = MUSEUM;

/// A tagged tea set of the example's work (edition #1, owned by BOB) listed at `PRICE` in
/// `asset`, and DAVE's paid order of it.
fn paid_in(asset: AssetKindOf) -> (CollectionId, ItemId, OrderId) {
	let example = example();
	let collection = Helper::collection_of(
		CollectionKind::PhysicalTwin,
		ALICE,
		example.poster,
		1_000,
		TransferPolicy::SettlementOnly,
		0,
	);
	let item = Helper::mint(ALICE, collection, BOB);
	Helper::bind_tag(ALICE, collection, item, TAG);
	assert_ok!(Marketplace::list(
		RuntimeOrigin::signed(BOB),
		collection,
		item,
		asset.clone(),
		PRICE,
		100,
		None
	));
	let order = crate::NextOrderId::<Test>::get();
	assert_ok!(Marketplace::place_order(
		RuntimeOrigin::signed(DAVE),
		collection,
		item,
		asset,
		PRICE
	));
	(collection, item, order)
}

fn paid() -> (CollectionId, ItemId, OrderId) {
	paid_in(NATIVE)
}

fn shipped() -> (CollectionId, ItemId, OrderId) {
	let (collection, item, order) = paid();
	assert_ok!(Marketplace::ship_order(RuntimeOrigin::signed(BOB), order));
	(collection, item, order)
}

fn held(who: u64) -> u64 {
	<Funds as InspectHold<u64>>::balance_on_hold(NATIVE, &HoldReason::Order.into(), &who)
}

fn state(order: OrderId) -> Option<OrderState<u64>> {
	Orders::<Test>::get(order).map(|o| o.state)
}

fn closed_as(order: OrderId) -> Option<OrderOutcome> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Marketplace(crate::Event::OrderClosed { order: o, outcome })
			if o == order =>
		{
			Some(outcome)
		}
		_ => None,
	})
}

#[test]
fn paying_holds_the_price_and_locks_the_item() {
	build_and_execute(|| {
		let dave = balance(NATIVE, DAVE);
		let (collection, item, order) = paid();
		assert_eq!(balance(NATIVE, DAVE), dave - PRICE);
		assert_eq!(held(DAVE), PRICE);
		assert_eq!(state(order), Some(OrderState::Paid { ship_by: 1 + WINDOWS.ship }));
		assert!(!Listings::<Test>::contains_key(collection, item));
		assert_eq!(OrderOf::<Test>::get(collection, item), Some(order));
		assert!(<Marketplace as ItemLocks>::is_locked(collection, item));
		// The seller can neither sell it again nor give it away meanwhile.
		assert_noop!(
			Marketplace::list(RuntimeOrigin::signed(BOB), collection, item, NATIVE, 1, 50, None),
			Error::<Test>::InOrder
		);
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			pallet_collectibles::Error::<Test>::ItemLocked
		);
	});
}

#[test]
fn an_order_the_item_could_not_settle_is_refused_before_money_moves() {
	build_and_execute(|| {
		let example = example();
		// A collection whose holders must be verified at level 2: DAVE is not.
		let collection = Helper::collection_of(
			CollectionKind::PhysicalTwin,
			ALICE,
			example.poster,
			1_000,
			TransferPolicy::SettlementOnly,
			2,
		);
		Helper::attest(BOB, 2);
		let item = Helper::mint(ALICE, collection, BOB);
		list_fixed_in(collection, item, NATIVE);
		let dave = balance(NATIVE, DAVE);
		assert_noop!(
			Marketplace::place_order(RuntimeOrigin::signed(DAVE), collection, item, NATIVE, PRICE),
			pallet_collectibles::Error::<Test>::RecipientKycTooLow
		);
		assert_eq!(balance(NATIVE, DAVE), dave);
		// A frozen item is refused too.
		let (collection, item) = (example.collection, Helper::mint(ALICE, example.collection, BOB));
		list_fixed_in(collection, item, NATIVE);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert!(Marketplace::place_order(
			RuntimeOrigin::signed(DAVE),
			collection,
			item,
			NATIVE,
			PRICE
		)
		.is_err());
		assert_eq!(balance(NATIVE, DAVE), dave);
	});
}

#[test]
fn an_order_stuck_past_its_deadline_goes_to_the_arbiter_for_a_refund() {
	build_and_execute(|| {
		let dave = balance(NATIVE, DAVE);
		let (collection, item, order) = shipped();
		// A copyright dispute freezes the item: the window passes, but it cannot settle.
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		run_to(1 + WINDOWS.deliver + WINDOWS.returns + 1);
		assert!(matches!(state(order), Some(OrderState::Delivered { .. })));
		assert!(Marketplace::advance_order(RuntimeOrigin::signed(CAROL), order).is_err());
		// Either party takes it to the arbiter, who may refund it whole.
		assert_ok!(Marketplace::dispute_order(RuntimeOrigin::signed(DAVE), order));
		assert_ok!(Marketplace::set_arbiter(RuntimeOrigin::root(), Some(ARBITER)));
		assert_ok!(Marketplace::resolve_dispute(RuntimeOrigin::signed(ARBITER), order, PRICE));
		assert_eq!(closed_as(order), Some(OrderOutcome::Arbitrated));
		assert_eq!(balance(NATIVE, DAVE), dave);
		assert_eq!(owner_of(collection, item), Some(BOB));
	});
}

#[test]
fn the_buyer_cannot_take_the_money_back_after_paying() {
	build_and_execute(|| {
		let (_, _, order) = shipped();
		// There is no offer to withdraw, and no call of the buyer's releases the escrow.
		assert_noop!(
			Marketplace::withdraw_offer(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::UnknownOffer
		);
		assert_noop!(
			Marketplace::advance_order(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::NotDue
		);
		assert_noop!(
			Marketplace::confirm_return(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::NotSeller
		);
		assert_noop!(
			Marketplace::resolve_dispute(RuntimeOrigin::signed(DAVE), order, PRICE),
			Error::<Test>::NotArbiter
		);
		assert_eq!(held(DAVE), PRICE);
	});
}

#[test]
fn the_seller_is_not_paid_without_delivery_confirmation_or_the_window() {
	build_and_execute(|| {
		let (collection, item, order) = shipped();
		let bob = balance(NATIVE, BOB);
		assert_noop!(
			Marketplace::confirm_order(RuntimeOrigin::signed(BOB), order),
			Error::<Test>::NotBuyer
		);
		assert_noop!(
			Marketplace::advance_order(RuntimeOrigin::signed(BOB), order),
			Error::<Test>::NotDue
		);
		// Delivered by the deadline, but the return window still runs: nobody is paid yet.
		run_to(1 + WINDOWS.deliver);
		assert_eq!(
			state(order),
			Some(OrderState::Delivered { settle_at: 1 + WINDOWS.deliver + WINDOWS.returns })
		);
		assert_eq!(balance(NATIVE, BOB), bob);
		assert_eq!(owner_of(collection, item), Some(BOB));
	});
}

#[test]
fn a_missed_ship_by_deadline_refunds_the_buyer() {
	build_and_execute(|| {
		let dave = balance(NATIVE, DAVE);
		let (collection, item, order) = paid();
		run_to(WINDOWS.ship);
		assert_noop!(
			Marketplace::advance_order(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::NotDue
		);
		run_to(1 + WINDOWS.ship);
		assert_eq!(state(order), None);
		assert_eq!(closed_as(order), Some(OrderOutcome::NotShipped));
		assert_eq!(balance(NATIVE, DAVE), dave);
		assert_eq!(owner_of(collection, item), Some(BOB));
		assert!(!<Marketplace as ItemLocks>::is_locked(collection, item));
		assert_noop!(
			Marketplace::ship_order(RuntimeOrigin::signed(BOB), order),
			Error::<Test>::UnknownOrder
		);
	});
}

#[test]
fn shipping_after_the_deadline_is_refused() {
	build_and_execute(|| {
		let (_, _, order) = paid();
		System::set_block_number(1 + WINDOWS.ship);
		assert_noop!(
			Marketplace::ship_order(RuntimeOrigin::signed(BOB), order),
			Error::<Test>::DeadlinePassed
		);
		assert_noop!(
			Marketplace::ship_order(RuntimeOrigin::signed(CAROL), order),
			Error::<Test>::NotSeller
		);
	});
}

#[test]
fn a_passed_confirmation_window_settles_with_royalties_exactly() {
	build_and_execute(|| {
		let (collection, item, order) = shipped();
		let before: Vec<u64> =
			[ALICE, BOB, CAROL, EVE, PLATFORM].map(|w| balance(NATIVE, w)).to_vec();
		run_to(1 + WINDOWS.deliver + WINDOWS.returns);
		assert_eq!(closed_as(order), Some(OrderOutcome::WindowPassed));
		assert_eq!(owner_of(collection, item), Some(DAVE));
		assert_eq!(held(DAVE), 0);
		// The worked example at 10 000: fee 250, royalty pool 1 000 (EVE 200; ALICE 480 and
		// CAROL 320 of the rest), the seller the remaining 8 750.
		let after: Vec<u64> =
			[ALICE, BOB, CAROL, EVE, PLATFORM].map(|w| balance(NATIVE, w)).to_vec();
		let gained: Vec<u64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
		assert_eq!(gained, vec![480, 8_750, 320, 200, 250]);
		let crate::Event::Settled { kind, gross, .. } = last_settled() else { unreachable!() };
		assert_eq!((kind, gross), (SaleKind::Order(order), PRICE));
	});
}

#[test]
fn a_fresh_tap_settles_and_a_replayed_one_is_refused() {
	build_and_execute(|| {
		let (collection, item, order) = shipped();
		assert_noop!(
			Marketplace::claim_order_by_tap(RuntimeOrigin::signed(MUSEUM), order, TAG, 0),
			pallet_collectibles::Error::<Test>::CounterNotAbove
		);
		assert_noop!(
			Marketplace::claim_order_by_tap(RuntimeOrigin::signed(DAVE), order, TAG, 5),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::claim_order_by_tap(RuntimeOrigin::signed(MUSEUM), order, TAG, 5));
		assert_eq!(closed_as(order), Some(OrderOutcome::Tapped));
		assert_eq!(owner_of(collection, item), Some(DAVE));
	});
}

#[test]
fn the_buyer_s_confirmation_settles() {
	build_and_execute(|| {
		let (collection, item, order) = shipped();
		assert_ok!(Marketplace::confirm_order(RuntimeOrigin::signed(DAVE), order));
		assert_eq!(closed_as(order), Some(OrderOutcome::Confirmed));
		assert_eq!(owner_of(collection, item), Some(DAVE));
	});
}

#[test]
fn a_return_in_the_window_refunds_in_full() {
	build_and_execute(|| {
		let dave = balance(NATIVE, DAVE);
		let (collection, item, order) = shipped();
		run_to(1 + WINDOWS.deliver + WINDOWS.returns - 1);
		assert_ok!(Marketplace::request_return(RuntimeOrigin::signed(DAVE), order));
		assert_noop!(
			Marketplace::confirm_order(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::WrongOrderState
		);
		assert_ok!(Marketplace::confirm_return(RuntimeOrigin::signed(BOB), order));
		assert_eq!(closed_as(order), Some(OrderOutcome::Returned));
		assert_eq!(balance(NATIVE, DAVE), dave);
		assert_eq!(owner_of(collection, item), Some(BOB));
	});
}

#[test]
fn a_return_after_the_window_is_refused_and_a_silent_seller_refunds() {
	build_and_execute(|| {
		let (_, _, order) = shipped();
		// Past the window the order has settled; a return request finds nothing.
		run_to(1 + WINDOWS.deliver + WINDOWS.returns);
		assert_noop!(
			Marketplace::request_return(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::UnknownOrder
		);
	});
	build_and_execute(|| {
		let dave = balance(NATIVE, DAVE);
		let (_, _, order) = shipped();
		assert_ok!(Marketplace::request_return(RuntimeOrigin::signed(DAVE), order));
		run_to(1 + WINDOWS.return_receipt);
		assert_eq!(closed_as(order), Some(OrderOutcome::Returned));
		assert_eq!(balance(NATIVE, DAVE), dave);
	});
}

#[test]
fn goods_made_to_order_have_no_return_without_a_reason() {
	build_and_execute(|| {
		let example = example();
		assert_noop!(
			Marketplace::set_made_to_order(RuntimeOrigin::signed(BOB), example.collection, true),
			Error::<Test>::NotIssuer
		);
		let (collection, item, _) = paid();
		assert_ok!(Marketplace::set_made_to_order(RuntimeOrigin::signed(ALICE), collection, true));
		// The flag binds orders placed from now on: a second edition, ordered now.
		let second = Helper::mint(ALICE, collection, BOB);
		list_fixed_in(collection, second, NATIVE);
		let order = crate::NextOrderId::<Test>::get();
		assert_ok!(Marketplace::place_order(
			RuntimeOrigin::signed(DAVE),
			collection,
			second,
			NATIVE,
			PRICE
		));
		assert_ok!(Marketplace::ship_order(RuntimeOrigin::signed(BOB), order));
		assert_noop!(
			Marketplace::request_return(RuntimeOrigin::signed(DAVE), order),
			Error::<Test>::MadeToOrder
		);
		assert!(Orders::<Test>::get(order).unwrap().made_to_order);
		assert_eq!(OrderOf::<Test>::get(collection, item), Some(order - 1));
	});
}

fn list_fixed_in(collection: CollectionId, item: ItemId, asset: AssetKindOf) {
	assert_ok!(Marketplace::list(
		RuntimeOrigin::signed(BOB),
		collection,
		item,
		asset,
		PRICE,
		100,
		None
	));
}

#[test]
fn the_arbiter_s_split_conserves_money() {
	build_and_execute(|| {
		let (collection, item, order) = shipped();
		assert_noop!(
			Marketplace::dispute_order(RuntimeOrigin::signed(CAROL), order),
			Error::<Test>::NotAParty
		);
		assert_ok!(Marketplace::dispute_order(RuntimeOrigin::signed(DAVE), order));
		// Nothing but the arbiter moves a disputed order.
		run_to(1 + WINDOWS.deliver + WINDOWS.returns + 1);
		assert_eq!(state(order), Some(OrderState::Disputed));
		assert_noop!(
			Marketplace::resolve_dispute(RuntimeOrigin::signed(ARBITER), order, 4_000),
			Error::<Test>::NotArbiter
		);
		assert_noop!(
			Marketplace::set_arbiter(RuntimeOrigin::signed(ALICE), Some(ARBITER)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::set_arbiter(RuntimeOrigin::root(), Some(ARBITER)));
		assert_eq!(Arbiter::<Test>::get(), Some(ARBITER));
		assert_noop!(
			Marketplace::resolve_dispute(RuntimeOrigin::signed(ARBITER), order, PRICE + 1),
			Error::<Test>::SplitAbovePrice
		);
		let everyone = [ALICE, BOB, CAROL, DAVE, EVE, PLATFORM];
		let before: u64 = everyone.iter().map(|w| balance(NATIVE, *w)).sum::<u64>() + held(DAVE);
		let dave = balance(NATIVE, DAVE);
		assert_ok!(Marketplace::resolve_dispute(RuntimeOrigin::signed(ARBITER), order, 4_000));
		let after: u64 = everyone.iter().map(|w| balance(NATIVE, *w)).sum::<u64>() + held(DAVE);
		assert_eq!(after, before);
		assert_eq!(balance(NATIVE, DAVE), dave + 4_000);
		let crate::Event::Settled { gross, .. } = last_settled() else { unreachable!() };
		assert_eq!(gross, PRICE - 4_000);
		assert_eq!(owner_of(collection, item), Some(DAVE));
		assert_eq!(closed_as(order), Some(OrderOutcome::Arbitrated));
	});
}

#[test]
fn orders_pay_in_the_settlement_asset() {
	build_and_execute(|| {
		let bob = balance(SETTLEMENT, BOB);
		let (collection, item, order) = paid_in(SETTLEMENT);
		assert_ok!(Marketplace::ship_order(RuntimeOrigin::signed(BOB), order));
		assert_ok!(Marketplace::confirm_order(RuntimeOrigin::signed(DAVE), order));
		assert_eq!(owner_of(collection, item), Some(DAVE));
		assert_eq!(balance(SETTLEMENT, BOB), bob + 8_750);
	});
}

#[test]
fn only_the_named_issuer_mints_the_settlement_asset() {
	build_and_execute(|| {
		let reference = [0x5e; 32];
		// No issuer at first, and an institution cannot name itself.
		assert_noop!(
			Marketplace::issue_settlement(RuntimeOrigin::signed(MUSEUM), DAVE, 500, reference),
			Error::<Test>::NotIssuer
		);
		assert_noop!(
			Marketplace::set_settlement_issuer(RuntimeOrigin::signed(MUSEUM), Some(MUSEUM)),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::set_settlement_issuer(RuntimeOrigin::root(), Some(MUSEUM)));
		assert_eq!(SettlementIssuer::<Test>::get(), Some(MUSEUM));
		assert_noop!(
			Marketplace::issue_settlement(RuntimeOrigin::signed(ALICE), DAVE, 500, reference),
			Error::<Test>::NotIssuer
		);
		let dave = balance(SETTLEMENT, DAVE);
		assert_ok!(Marketplace::issue_settlement(
			RuntimeOrigin::signed(MUSEUM),
			DAVE,
			500,
			reference
		));
		assert_eq!(balance(SETTLEMENT, DAVE), dave + 500);
		assert_eq!(
			last_event(),
			market_event(crate::Event::SettlementIssued { to: DAVE, amount: 500, reference })
		);
		assert_ok!(Marketplace::redeem_settlement(RuntimeOrigin::signed(DAVE), 200, [1; 32]));
		assert_eq!(balance(SETTLEMENT, DAVE), dave + 300);
		assert_noop!(
			Marketplace::redeem_settlement(RuntimeOrigin::signed(PAUPER), 1, [1; 32]),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_held_bid_locks_the_auctioned_item() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let collection = example.collection;
		assert_ok!(Marketplace::create_auction(
			RuntimeOrigin::signed(BOB),
			collection,
			item,
			NATIVE,
			100,
			100,
			500,
			50
		));
		assert!(!<Marketplace as ItemLocks>::is_locked(collection, item));
		assert_ok!(Marketplace::bid(RuntimeOrigin::signed(DAVE), collection, item, 100));
		assert!(<Marketplace as ItemLocks>::is_locked(collection, item));
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			pallet_collectibles::Error::<Test>::ItemLocked
		);
	});
}

#[test]
fn order_windows_are_bounded() {
	build_and_execute(|| {
		let bad = crate::OrderWindows { ship: 0, ..WINDOWS };
		assert_noop!(
			Marketplace::set_order_windows(RuntimeOrigin::root(), bad),
			Error::<Test>::BadWindow
		);
		let long = crate::OrderWindows { returns: MAX_ORDER_WINDOW + 1, ..WINDOWS };
		assert_noop!(
			Marketplace::set_order_windows(RuntimeOrigin::root(), long),
			Error::<Test>::BadWindow
		);
		let windows = crate::OrderWindows { ship: 3, ..WINDOWS };
		assert_noop!(
			Marketplace::set_order_windows(RuntimeOrigin::signed(ALICE), windows),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(Marketplace::set_order_windows(RuntimeOrigin::root(), windows));
		let (_, _, order) = paid();
		assert_eq!(state(order), Some(OrderState::Paid { ship_by: 4 }));
	});
}

/// One step of the property test below.
#[derive(Clone, Debug)]
enum Step {
	Ship,
	Confirm,
	Tap(u32),
	RequestReturn,
	ConfirmReturn,
	Dispute(bool),
	Resolve(u64),
	Advance,
	Wait(u64),
	Withdraw,
	Gift,
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		Just(Step::Ship),
		Just(Step::Confirm),
		(0u32..4).prop_map(Step::Tap),
		Just(Step::RequestReturn),
		Just(Step::ConfirmReturn),
		any::<bool>().prop_map(Step::Dispute),
		(0u64..=PRICE).prop_map(Step::Resolve),
		Just(Step::Advance),
		(1u64..25).prop_map(Step::Wait),
		Just(Step::Withdraw),
		Just(Step::Gift),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(300))]

	/// Any sequence of order actions by either side and block advances: the sum of free and
	/// held balances never moves, the item ends with exactly one of the two parties, and it
	/// reaches the buyer only through a settlement that paid its rights holders.
	#[test]
	fn orders_conserve_money_and_never_bypass_royalties(steps in prop::collection::vec(step(), 1..30)) {
		build_and_execute(|| {
			assert_ok!(Marketplace::set_arbiter(RuntimeOrigin::root(), Some(ARBITER)));
			let everyone = [ALICE, BOB, CAROL, DAVE, EVE, MUSEUM, PLATFORM, SPONSOR];
			let total = || -> u64 {
				everyone.iter().map(|w| balance(NATIVE, *w) + held(*w)).sum()
			};
			let (collection, item, order) = paid();
			let start = total();
			let mut counter = 0;
			for step in steps {
				let _ = match step {
					Step::Ship => Marketplace::ship_order(RuntimeOrigin::signed(BOB), order).map(|_| ()),
					Step::Confirm => Marketplace::confirm_order(RuntimeOrigin::signed(DAVE), order).map(|_| ()).map_err(|e| e.error),
					Step::Tap(up) => {
						counter += up;
						Marketplace::claim_order_by_tap(RuntimeOrigin::signed(MUSEUM), order, TAG, counter).map(|_| ()).map_err(|e| e.error)
					}
					Step::RequestReturn => Marketplace::request_return(RuntimeOrigin::signed(DAVE), order),
					Step::ConfirmReturn => Marketplace::confirm_return(RuntimeOrigin::signed(BOB), order),
					Step::Dispute(buyer) => Marketplace::dispute_order(RuntimeOrigin::signed(if buyer { DAVE } else { BOB }), order),
					Step::Resolve(to_buyer) => Marketplace::resolve_dispute(RuntimeOrigin::signed(ARBITER), order, to_buyer).map(|_| ()).map_err(|e| e.error),
					Step::Advance => Marketplace::advance_order(RuntimeOrigin::signed(CAROL), order).map(|_| ()).map_err(|e| e.error),
					Step::Wait(blocks) => { run_to(System::block_number() + blocks); Ok(()) }
					Step::Withdraw => Marketplace::withdraw_offer(RuntimeOrigin::signed(DAVE), order),
					Step::Gift => Collectibles::gift(RuntimeOrigin::signed(BOB), collection, item, DAVE),
				};
				assert_eq!(total(), start);
				Marketplace::do_try_state().unwrap();
				let owner = owner_of(collection, item);
				assert!(owner == Some(BOB) || owner == Some(DAVE));
				if owner == Some(DAVE) {
					// Only a settlement of this order moved it, paying the rights holders.
					let settled = System::events().into_iter().any(|r| matches!(r.event,
						RuntimeEvent::Marketplace(crate::Event::Settled { kind: SaleKind::Order(o), ref royalties, .. })
							if o == order && !royalties.is_empty()));
					assert!(settled);
					assert_eq!(state(order), None);
				}
			}
			// The escrow is empty exactly when the order closed.
			assert_eq!(held(DAVE) == 0, state(order).is_none());
		});
	}
}
