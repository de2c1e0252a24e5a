use super::*;
use crate::{ExpiryQueue, Listings, Offers};

#[test]
fn expired_listings_and_offers_close_at_their_block() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			10,
			5,
			None
		));
		assert_ok!(Marketplace::make_offer(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			10,
			6
		));
		run_to(4);
		assert!(Listings::<Test>::get(example.collection, item).is_some());
		run_to(5);
		assert!(Listings::<Test>::get(example.collection, item).is_none());
		assert!(Offers::<Test>::get(0).is_some());
		run_to(6);
		assert!(Offers::<Test>::get(0).is_none());
		assert_eq!(balance(NATIVE, DAVE), INITIAL_BALANCE);
	});
}

#[test]
fn a_relisted_item_is_not_closed_by_its_old_expiry() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			10,
			5,
			None
		));
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			10,
			9,
			None
		));
		run_to(5);
		assert!(Listings::<Test>::get(example.collection, item).is_some());
		run_to(9);
		assert!(Listings::<Test>::get(example.collection, item).is_none());
	});
}

#[test]
fn at_most_max_expiries_are_queued_per_block_and_the_rest_close_lazily() {
	build_and_execute(|| {
		let example = example();
		let items: Vec<ItemId> =
			(0..MAX_EXPIRIES + 2).map(|_| Helper::mint(ALICE, example.collection, BOB)).collect();
		for item in &items {
			assert_ok!(Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				*item,
				NATIVE,
				10,
				5,
				None
			));
		}
		assert_eq!(ExpiryQueue::<Test>::get(5).len() as u32, MAX_EXPIRIES);
		run_to(5);
		let open: Vec<&ItemId> = items
			.iter()
			.filter(|item| Listings::<Test>::contains_key(example.collection, **item))
			.collect();
		assert_eq!(open.len(), 2);
		// Still expired for buyers, and anyone may clear them.
		assert_eq!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				*open[0],
				NATIVE,
				10,
				0
			)
			.map_err(|e| e.error),
			Err(crate::Error::<Test>::ListingExpired.into())
		);
		assert_ok!(Marketplace::cancel_listing(
			RuntimeOrigin::signed(EVE),
			example.collection,
			*open[0]
		));
	});
}
