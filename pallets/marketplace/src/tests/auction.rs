use super::*;
use crate::{Auctions, Error, HoldReason};
use frame_support::{assert_noop, traits::fungibles::InspectHold};

fn held_for_bids(who: u64) -> u64 {
	<Funds as InspectHold<u64>>::balance_on_hold(
		NATIVE,
		&RuntimeHoldReason::Marketplace(HoldReason::Bid),
		&who,
	)
}

/// BOB auctions his item: start 1 000, reserve 2 000, 10 % increments, ends at block 50.
fn auction() -> (CollectionId, ItemId) {
	let (example, item) = bobs_item();
	assert_ok!(Marketplace::create_auction(
		RuntimeOrigin::signed(BOB),
		example.collection,
		item,
		NATIVE,
		1_000,
		2_000,
		1_000,
		50
	));
	(example.collection, item)
}

fn bid(
	who: u64,
	collection: CollectionId,
	item: ItemId,
	amount: u64,
) -> sp_runtime::DispatchResult {
	Marketplace::bid(RuntimeOrigin::signed(who), collection, item, amount)
}

#[test]
fn create_auction_works() {
	build_and_execute(|| {
		let (collection, item) = auction();
		let record = Auctions::<Test>::get(collection, item).unwrap();
		assert_eq!(
			(record.seller, record.start_price, record.reserve, record.ends_at),
			(BOB, 1_000, 2_000, 50)
		);
		assert_eq!(
			last_event(),
			market_event(Event::AuctionCreated {
				collection,
				item,
				seller: BOB,
				asset: NATIVE,
				start_price: 1_000,
				ends_at: 50
			})
		);
	});
}

#[test]
fn create_auction_fails_for_bad_terms() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let create = |who, start, reserve, ends| {
			Marketplace::create_auction(
				RuntimeOrigin::signed(who),
				example.collection,
				item,
				NATIVE,
				start,
				reserve,
				0,
				ends,
			)
		};
		assert_noop!(create(BOB, 0, 10, 50), Error::<Test>::ZeroPrice);
		assert_noop!(create(BOB, 10, 9, 50), Error::<Test>::ReserveBelowStart);
		assert_noop!(create(BOB, 10, 10, 1), Error::<Test>::ExpiryNotInFuture);
		assert_noop!(create(BOB, 10, 10, 2 + MAX_AUCTION), Error::<Test>::AuctionTooLong);
		assert_noop!(create(CAROL, 10, 10, 50), Error::<Test>::NotOwner);
		list_fixed(example.collection, item, BOB, 10);
		assert_noop!(create(BOB, 10, 10, 50), Error::<Test>::AlreadyListed);
	});
}

#[test]
fn bids_are_held_and_the_outbid_released_at_once() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_ok!(bid(CAROL, collection, item, 1_000));
		assert_eq!(held_for_bids(CAROL), 1_000);
		assert_noop!(bid(DAVE, collection, item, 1_099), Error::<Test>::BidTooLow);
		assert_ok!(bid(DAVE, collection, item, 1_100));
		assert_eq!((held_for_bids(CAROL), held_for_bids(DAVE)), (0, 1_100));
		assert_eq!(
			last_event(),
			market_event(Event::BidPlaced {
				collection,
				item,
				bidder: DAVE,
				amount: 1_100,
				ends_at: 50
			})
		);
	});
}

#[test]
fn bid_fails_for_a_low_first_bid_the_seller_or_an_unknown_auction() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_noop!(bid(CAROL, collection, item, 999), Error::<Test>::BidTooLow);
		assert_noop!(bid(BOB, collection, item, 1_000), Error::<Test>::CannotBuyOwnItem);
		assert_noop!(bid(CAROL, collection, 99, 1_000), Error::<Test>::NoAuction);
		assert_noop!(
			bid(PAUPER, collection, item, 1_000),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_late_bid_extends_the_auction() {
	build_and_execute(|| {
		let (collection, item) = auction();
		System::set_block_number(47);
		assert_ok!(bid(CAROL, collection, item, 1_000));
		assert_eq!(Auctions::<Test>::get(collection, item).unwrap().ends_at, 47 + EXTENSION);
		System::set_block_number(50);
		assert_ok!(bid(DAVE, collection, item, 1_100));
		System::set_block_number(55);
		assert_noop!(bid(CAROL, collection, item, 5_000), Error::<Test>::AuctionEnded);
	});
}

#[test]
fn settle_auction_pays_the_winner_s_bid() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_ok!(bid(CAROL, collection, item, 1_000));
		assert_ok!(bid(DAVE, collection, item, 10_000));
		assert_noop!(
			Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item),
			Error::<Test>::AuctionNotEnded
		);
		System::set_block_number(50);
		assert_ok!(Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item));
		assert_eq!(owner_of(collection, item), Some(DAVE));
		assert_eq!(held_for_bids(DAVE), 0);
		match last_settled() {
			Event::Settled { kind, gross, seller_proceeds, royalties, .. } => {
				assert_eq!(kind, SaleKind::Auction);
				assert_eq!((gross, seller_proceeds), (10_000, 8_750));
				assert_eq!(royalties, vec![(ALICE, 480), (CAROL, 320), (EVE, 200)]);
			}
			_ => unreachable!(),
		}
		assert!(Auctions::<Test>::get(collection, item).is_none());
	});
}

#[test]
fn settle_auction_below_the_reserve_releases_the_bid() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_ok!(bid(CAROL, collection, item, 1_500));
		System::set_block_number(50);
		assert_ok!(Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item));
		assert_eq!(owner_of(collection, item), Some(BOB));
		assert_eq!(held_for_bids(CAROL), 0);
		assert_eq!(last_event(), market_event(Event::AuctionClosedUnsold { collection, item }));
	});
}

#[test]
fn settle_auction_without_bids_closes_unsold() {
	build_and_execute(|| {
		let (collection, item) = auction();
		System::set_block_number(50);
		assert_ok!(Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item));
		assert_eq!(last_event(), market_event(Event::AuctionClosedUnsold { collection, item }));
		assert_noop!(
			Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item),
			Error::<Test>::NoAuction
		);
	});
}

#[test]
fn settle_auction_that_cannot_settle_releases_the_bid() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_ok!(bid(DAVE, collection, item, 5_000));
		// The item is frozen by arbitration before the end: the sale cannot go through.
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		System::set_block_number(50);
		assert_ok!(Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item));
		assert_eq!(owner_of(collection, item), Some(BOB));
		assert_eq!(held_for_bids(DAVE), 0);
		assert_eq!(last_event(), market_event(Event::AuctionClosedUnsold { collection, item }));
	});
}

#[test]
fn bids_on_a_stale_auction_fail_and_it_closes_unsold() {
	build_and_execute(|| {
		let example = example_with(TransferPolicy::Free, 0);
		let item = Helper::mint(ALICE, example.collection, BOB);
		let collection = example.collection;
		assert_ok!(Marketplace::create_auction(
			RuntimeOrigin::signed(BOB),
			collection,
			item,
			NATIVE,
			10,
			10,
			0,
			50
		));
		// Without a bid the owner may still give the item away; the auction goes stale.
		assert_ok!(Collectibles::gift(RuntimeOrigin::signed(BOB), collection, item, CAROL));
		assert_noop!(bid(EVE, collection, item, 100), Error::<Test>::ListingStale);
		System::set_block_number(50);
		assert_ok!(Marketplace::settle_auction(RuntimeOrigin::signed(EVE), collection, item));
		assert_eq!(owner_of(collection, item), Some(CAROL));
		assert_eq!(held_for_bids(EVE), 0);
	});
}

#[test]
fn cancel_auction_works_only_without_bids() {
	build_and_execute(|| {
		let (collection, item) = auction();
		assert_noop!(
			Marketplace::cancel_auction(RuntimeOrigin::signed(CAROL), collection, item),
			Error::<Test>::NotOwner
		);
		assert_ok!(Marketplace::cancel_auction(RuntimeOrigin::signed(BOB), collection, item));
		assert_noop!(
			Marketplace::cancel_auction(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::NoAuction
		);
		assert_ok!(Marketplace::create_auction(
			RuntimeOrigin::signed(BOB),
			collection,
			item,
			NATIVE,
			10,
			10,
			0,
			50
		));
		assert_ok!(bid(DAVE, collection, item, 10));
		assert_noop!(
			Marketplace::cancel_auction(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::AuctionHasBids
		);
	});
}
