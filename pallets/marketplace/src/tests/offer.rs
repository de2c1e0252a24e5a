use super::*;
use crate::{Error, HoldReason, Offers, OpenOffersOf};
use frame_support::{assert_noop, traits::fungibles::InspectHold};

fn offer(who: u64, collection: CollectionId, item: ItemId, amount: u64) -> crate::OfferId {
	let id = crate::NextOfferId::<Test>::get();
	assert_ok!(Marketplace::make_offer(
		RuntimeOrigin::signed(who),
		collection,
		item,
		NATIVE,
		amount,
		50
	));
	id
}

fn held_for_offers(who: u64) -> u64 {
	<Funds as InspectHold<u64>>::balance_on_hold(
		NATIVE,
		&RuntimeHoldReason::Marketplace(HoldReason::Offer),
		&who,
	)
}

#[test]
fn make_offer_holds_the_amount() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let id = offer(DAVE, example.collection, item, 700);
		assert_eq!(held_for_offers(DAVE), 700);
		assert_eq!(OpenOffersOf::<Test>::get(DAVE), 1);
		assert_eq!(
			last_event(),
			market_event(Event::OfferMade {
				offer: id,
				collection: example.collection,
				item,
				offerer: DAVE,
				asset: NATIVE,
				amount: 700
			})
		);
	});
}

#[test]
fn make_offer_fails_for_bad_terms() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let make = |who, item, amount, expires| {
			Marketplace::make_offer(
				RuntimeOrigin::signed(who),
				example.collection,
				item,
				NATIVE,
				amount,
				expires,
			)
		};
		assert_noop!(make(DAVE, item, 0, 50), Error::<Test>::ZeroPrice);
		assert_noop!(make(DAVE, item, 10, 1), Error::<Test>::ExpiryNotInFuture);
		assert_noop!(make(DAVE, 99, 10, 50), Error::<Test>::UnknownItem);
		assert_noop!(make(BOB, item, 10, 50), Error::<Test>::CannotBuyOwnItem);
		assert_noop!(make(PAUPER, item, 10, 50), sp_runtime::TokenError::FundsUnavailable);
		for _ in 0..MAX_OFFERS {
			assert_ok!(make(DAVE, item, 10, 50));
		}
		assert_noop!(make(DAVE, item, 10, 50), Error::<Test>::TooManyOffers);
	});
}

#[test]
fn make_offer_fails_where_sales_are_forbidden() {
	build_and_execute(|| {
		let example = example_with(TransferPolicy::Soulbound, 0);
		let item = Helper::mint(ALICE, example.collection, BOB);
		assert_noop!(
			Marketplace::make_offer(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				10,
				50
			),
			Error::<Test>::SaleNotAllowed
		);
	});
}

#[test]
fn accept_offer_settles_from_the_held_amount() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let id = offer(DAVE, example.collection, item, 10_000);
		let dave = balance(NATIVE, DAVE);
		assert_ok!(Marketplace::accept_offer(RuntimeOrigin::signed(BOB), id));
		assert_eq!(owner_of(example.collection, item), Some(DAVE));
		assert_eq!(held_for_offers(DAVE), 0);
		assert_eq!(
			balance(NATIVE, DAVE),
			dave,
			"the price came out of the hold, not the free balance"
		);
		assert!(Offers::<Test>::get(id).is_none());
		assert_eq!(OpenOffersOf::<Test>::get(DAVE), 0);
		match last_settled() {
			Event::Settled { kind, seller, buyer, seller_proceeds, .. } => {
				assert_eq!(kind, SaleKind::Offer(id), "the event names the offer it closed");
				assert_eq!((seller, buyer, seller_proceeds), (BOB, DAVE, 8_750))
			}
			_ => unreachable!(),
		}
	});
}

#[test]
fn accept_offer_fails_for_a_non_owner_expired_or_stale_offer() {
	build_and_execute(|| {
		let example = example_with(TransferPolicy::Free, 0);
		let item = Helper::mint(ALICE, example.collection, BOB);
		let id = offer(DAVE, example.collection, item, 100);
		assert_noop!(
			Marketplace::accept_offer(RuntimeOrigin::signed(CAROL), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Marketplace::accept_offer(RuntimeOrigin::signed(BOB), 99),
			Error::<Test>::UnknownOffer
		);
		assert_ok!(Collectibles::gift(RuntimeOrigin::signed(BOB), example.collection, item, CAROL));
		assert_noop!(
			Marketplace::accept_offer(RuntimeOrigin::signed(CAROL), id),
			Error::<Test>::ListingStale
		);
		System::set_block_number(50);
		assert_noop!(
			Marketplace::accept_offer(RuntimeOrigin::signed(CAROL), id),
			Error::<Test>::OfferExpired
		);
	});
}

#[test]
fn accept_offer_fails_while_under_auction() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let id = offer(DAVE, example.collection, item, 100);
		assert_ok!(Marketplace::create_auction(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			10,
			10,
			0,
			50
		));
		assert_noop!(
			Marketplace::accept_offer(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::AlreadyListed
		);
	});
}

#[test]
fn withdraw_offer_releases_the_amount() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let id = offer(DAVE, example.collection, item, 100);
		assert_noop!(
			Marketplace::withdraw_offer(RuntimeOrigin::signed(EVE), id),
			Error::<Test>::NotOfferer
		);
		assert_ok!(Marketplace::withdraw_offer(RuntimeOrigin::signed(DAVE), id));
		assert_eq!(held_for_offers(DAVE), 0);
		assert_eq!(last_event(), market_event(Event::OfferWithdrawn { offer: id }));
		assert_noop!(
			Marketplace::withdraw_offer(RuntimeOrigin::signed(DAVE), id),
			Error::<Test>::UnknownOffer
		);
	});
}

#[test]
fn anyone_may_withdraw_a_void_offer() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let id = offer(DAVE, example.collection, item, 100);
		System::set_block_number(50);
		assert_ok!(Marketplace::withdraw_offer(RuntimeOrigin::signed(EVE), id));
		assert_eq!(held_for_offers(DAVE), 0);
	});
}

#[test]
fn make_offer_fails_when_ids_run_out() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		crate::NextOfferId::<Test>::put(u64::MAX);
		assert_noop!(
			Marketplace::make_offer(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				10,
				50
			),
			Error::<Test>::Overflow
		);
	});
}
