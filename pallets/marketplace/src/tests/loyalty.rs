//! The real loyalty pallet inside real sales: points earned at settlement, points redeemed as a
//! sponsor-paid discount, both in the sale's transaction.

use super::*;
use frame_support::assert_noop;
use pallet_loyalty::PointsRate;

/// 1 point per 100 units; a point is worth 2 units.
fn set_native_rate() {
	assert_ok!(Loyalty::set_rate(
		RuntimeOrigin::root(),
		NATIVE,
		Some(PointsRate { price_per_point: 100, point_value: 2 })
	));
}

#[test]
fn settlement_earns_points_for_the_buyer() {
	build_and_execute(|| {
		set_native_rate();
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			10_000,
			0
		));
		let Event::Settled { loyalty_minted, .. } = last_settled() else { unreachable!() };
		assert_eq!(loyalty_minted, 100);
		assert_eq!(Loyalty::spendable(&DAVE), 100);
	});
}

#[test]
fn redeemed_points_are_a_discount_the_sponsor_pays() {
	build_and_execute(|| {
		set_native_rate();
		Helper::points(DAVE, 500);
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		let who = [ALICE, BOB, CAROL, DAVE, EVE, PLATFORM, SPONSOR];
		let before: Vec<u64> = who.iter().map(|w| balance(NATIVE, *w)).collect();
		let issuance = Balances::total_issuance();
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			10_000,
			500
		));
		let delta: Vec<i64> =
			who.iter().zip(&before).map(|(w, b)| balance(NATIVE, *w) as i64 - *b as i64).collect();
		// Everyone is paid on the full 10 000; DAVE pays 9 000 and the sponsor 1 000.
		assert_eq!(delta, vec![480, 8_750, 320, -9_000, 200, 250, -1_000]);
		assert_eq!(delta.iter().sum::<i64>(), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		let Event::Settled { discount, loyalty_minted, gross, .. } = last_settled() else {
			unreachable!()
		};
		assert_eq!((gross, discount, loyalty_minted), (10_000, 1_000, 100));
		// 500 spent, 100 earned on the full price.
		assert_eq!(Loyalty::spendable(&DAVE), 100);
	});
}

#[test]
fn the_discount_is_capped_at_the_seller_proceeds() {
	build_and_execute(|| {
		set_native_rate();
		Helper::points(DAVE, 10_000);
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			10_000,
			10_000
		));
		let Event::Settled { discount, seller_proceeds, .. } = last_settled() else {
			unreachable!()
		};
		assert_eq!((discount, seller_proceeds), (8_750, 8_750));
		// 4 375 points bought the 8 750 discount; the rest stay, plus 100 earned.
		assert_eq!(Loyalty::spendable(&DAVE), 10_000 - 4_375 + 100);
	});
}

#[test]
fn a_failed_redemption_fails_the_whole_sale() {
	build_and_execute(|| {
		set_native_rate();
		Helper::points(DAVE, 10);
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				10_000,
				50
			),
			pallet_loyalty::Error::<Test>::InsufficientPoints
		);
	});
}

#[test]
fn a_sponsor_without_funds_fails_the_whole_sale() {
	build_and_execute(|| {
		set_native_rate();
		Helper::points(DAVE, 500);
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(SPONSOR), EVE, false));
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				10_000,
				500
			),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn drop_purchases_earn_and_redeem_points_too() {
	build_and_execute(|| {
		set_native_rate();
		Helper::points(DAVE, 10);
		let example = example();
		assert_ok!(Marketplace::create_drop(
			RuntimeOrigin::signed(ALICE),
			example.collection,
			NATIVE,
			1_000,
			1,
			0,
			40
		));
		let dave = balance(NATIVE, DAVE);
		assert_ok!(Marketplace::buy_from_drop(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			1_000,
			10
		));
		// A primary sale leaves the issuer no proceeds, so no discount fits: no points spent.
		let Event::Settled { discount, loyalty_minted, .. } = last_settled() else {
			unreachable!()
		};
		assert_eq!((discount, loyalty_minted), (0, 10));
		assert_eq!(balance(NATIVE, DAVE), dave - 1_000);
		assert_eq!(Loyalty::spendable(&DAVE), 20);
	});
}
