use super::*;
use crate::{DropPurchases, Drops, Error};
use frame_support::assert_noop;

/// A drop of the example collection: 1 000 native each, 2 per account, tier 0, until block 40.
fn drop_of(example: &Example, min_tier: u8) {
	assert_ok!(Marketplace::create_drop(
		RuntimeOrigin::signed(ALICE),
		example.collection,
		NATIVE,
		1_000,
		2,
		min_tier,
		40
	));
}

#[test]
fn create_drop_works() {
	build_and_execute(|| {
		let example = example();
		drop_of(&example, 0);
		assert_eq!(Drops::<Test>::get(example.collection).unwrap().price, 1_000);
		assert_eq!(
			last_event(),
			market_event(Event::DropCreated {
				collection: example.collection,
				asset: NATIVE,
				price: 1_000
			})
		);
	});
}

#[test]
fn create_drop_fails_for_bad_terms_or_a_non_issuer() {
	build_and_execute(|| {
		let example = example();
		let create = |who, collection, cap| {
			Marketplace::create_drop(RuntimeOrigin::signed(who), collection, NATIVE, 10, cap, 0, 40)
		};
		assert_noop!(create(ALICE, example.collection, 0), Error::<Test>::ZeroCap);
		assert_noop!(create(CAROL, example.collection, 1), Error::<Test>::NotIssuer);
		assert_noop!(create(ALICE, 42, 1), Error::<Test>::UnknownCollection);
		assert_ok!(create(ALICE, example.collection, 1));
		assert_noop!(create(ALICE, example.collection, 1), Error::<Test>::DropExists);
	});
}

#[test]
fn buy_from_drop_pays_the_net_to_the_work_and_its_ancestors() {
	build_and_execute(|| {
		let example = example();
		drop_of(&example, 0);
		let alice = balance(NATIVE, ALICE);
		assert_ok!(Marketplace::buy_from_drop(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			1_000,
			0
		));
		assert_eq!(owner_of(example.collection, 1), Some(DAVE));
		assert_eq!(DropPurchases::<Test>::get(example.collection, DAVE), 1);
		// fee 25; net 975: #1 keeps 780 (ALICE 468, CAROL 312), #0 gets 195 (EVE).
		match last_settled() {
			Event::Settled { kind, item, seller, fee, royalties, seller_proceeds, .. } => {
				assert_eq!(kind, SaleKind::Drop);
				assert_eq!((item, seller, fee, seller_proceeds), (1, ALICE, 25, 0));
				assert_eq!(royalties, vec![(ALICE, 468), (CAROL, 312), (EVE, 195)]);
			}
			_ => unreachable!(),
		}
		// ALICE is paid as a rights holder, less the item deposit she holds as issuer.
		assert_eq!(balance(NATIVE, ALICE), alice + 468 - 1);
	});
}

#[test]
fn buy_from_drop_enforces_cap_tier_price_and_end() {
	build_and_execute(|| {
		let example = example();
		drop_of(&example, 2);
		let buy = |who, max| {
			Marketplace::buy_from_drop(RuntimeOrigin::signed(who), example.collection, max, 0)
		};
		assert_noop!(buy(DAVE, 1_000), Error::<Test>::TierTooLow);
		// Tiers at 100 and 500 lifetime points: DAVE reaches tier 2.
		assert_ok!(Loyalty::set_tier_thresholds(
			RuntimeOrigin::root(),
			vec![100, 500].try_into().unwrap()
		));
		Helper::points(DAVE, 499);
		assert_noop!(buy(DAVE, 1_000), Error::<Test>::TierTooLow);
		Helper::points(DAVE, 1);
		assert_noop!(buy(DAVE, 999), Error::<Test>::PriceAboveMax);
		assert_noop!(buy(ALICE, 1_000), Error::<Test>::CannotBuyOwnItem);
		assert_ok!(buy(DAVE, 1_000));
		assert_ok!(buy(DAVE, 1_000));
		assert_noop!(buy(DAVE, 1_000), Error::<Test>::PurchaseCapReached);
		System::set_block_number(40);
		Helper::points(EVE, 600);
		assert_noop!(buy(EVE, 1_000), Error::<Test>::DropEnded);
		assert_noop!(
			Marketplace::buy_from_drop(RuntimeOrigin::signed(EVE), 42, 1_000, 0),
			Error::<Test>::NoDrop
		);
	});
}

#[test]
fn close_drop_works_for_the_issuer_or_anyone_after_the_end() {
	build_and_execute(|| {
		let example = example();
		drop_of(&example, 0);
		assert_noop!(
			Marketplace::close_drop(RuntimeOrigin::signed(DAVE), example.collection),
			Error::<Test>::NotIssuer
		);
		System::set_block_number(40);
		assert_ok!(Marketplace::close_drop(RuntimeOrigin::signed(DAVE), example.collection));
		assert_eq!(
			last_event(),
			market_event(Event::DropClosed { collection: example.collection })
		);
		assert_noop!(
			Marketplace::close_drop(RuntimeOrigin::signed(ALICE), example.collection),
			Error::<Test>::NoDrop
		);
	});
}
