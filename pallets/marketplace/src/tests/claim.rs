//! Claim by tap: a delivered physical twin settles when its buyer taps the tag, and only on a
//! counter above the watermark.

use super::*;
use crate::{Error, HoldReason, Listings, Offers, OpenOffersOf};
use frame_support::dispatch::DispatchResultWithPostInfo;
use frame_support::{assert_noop, traits::fungibles::InspectHold};
use yinji_primitives::{CollectionKind, TagHash};

const TAG: TagHash = [0x42; 32];
const PRICE: u64 = 10_000;

/// The example's work as a physical-twin collection (tea sets), edition #1 owned by BOB and
/// tagged, DAVE's offer of `PRICE` on it, and BOB's listing reserved for DAVE at `price`.
fn ordered(price: u64) -> (CollectionId, ItemId, crate::OfferId) {
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
	let offer = crate::NextOfferId::<Test>::get();
	assert_ok!(Marketplace::make_offer(
		RuntimeOrigin::signed(DAVE),
		collection,
		item,
		NATIVE,
		PRICE,
		50
	));
	assert_ok!(Marketplace::list(
		RuntimeOrigin::signed(BOB),
		collection,
		item,
		NATIVE,
		price,
		60,
		Some(DAVE)
	));
	(collection, item, offer)
}

fn claim(offer: crate::OfferId, tag: TagHash, counter: u32) -> DispatchResultWithPostInfo {
	Marketplace::claim_by_tap(RuntimeOrigin::signed(MUSEUM), offer, tag, counter)
}

fn watermark(tag: TagHash) -> Option<u32> {
	pallet_collectibles::TagOf::<Test>::get(tag).map(|binding| binding.watermark)
}

#[test]
fn a_fresh_tap_settles_the_held_offer_and_raises_the_watermark() {
	build_and_execute(|| {
		let (collection, item, offer) = ordered(PRICE);
		let dave = balance(NATIVE, DAVE);
		assert_ok!(claim(offer, TAG, 9));
		assert_eq!(owner_of(collection, item), Some(DAVE));
		assert_eq!(watermark(TAG), Some(9));
		assert_eq!(balance(NATIVE, DAVE), dave, "paid from the hold");
		assert_eq!(
			<Funds as InspectHold<u64>>::balance_on_hold(
				NATIVE,
				&RuntimeHoldReason::Marketplace(HoldReason::Offer),
				&DAVE
			),
			0
		);
		assert!(Offers::<Test>::get(offer).is_none());
		assert!(Listings::<Test>::get(collection, item).is_none());
		assert_eq!(OpenOffersOf::<Test>::get(DAVE), 0);
		match last_settled() {
			Event::Settled { kind, seller, buyer, gross, royalties, .. } => {
				assert_eq!(kind, SaleKind::Claim(offer), "the event names the offer it closed");
				assert_eq!((seller, buyer, gross), (BOB, DAVE, PRICE));
				assert!(!royalties.is_empty(), "the rights holders were paid");
			}
			_ => unreachable!(),
		}
		assert_eq!(
			last_event(),
			market_event(Event::ClaimedByTap { offer, collection, item, tag: TAG, counter: 9 })
		);
	});
}

#[test]
fn a_copied_url_cannot_claim() {
	build_and_execute(|| {
		let (collection, item, offer) = ordered(PRICE);
		// The tag was read at 9 when the item was last accepted (a sale or an earlier claim):
		// any URL copied before then carries a counter of at most 9.
		assert_ok!(pallet_collectibles::Pallet::<Test>::raise_watermark(
			RuntimeOrigin::root(),
			TAG,
			9
		));
		assert_noop!(claim(offer, TAG, 9), pallet_collectibles::Error::<Test>::CounterNotAbove);
		assert_noop!(claim(offer, TAG, 3), pallet_collectibles::Error::<Test>::CounterNotAbove);
		assert_eq!(owner_of(collection, item), Some(BOB));
		assert_ok!(claim(offer, TAG, 10));
		assert_eq!(owner_of(collection, item), Some(DAVE));
	});
}

#[test]
fn a_claim_needs_the_verifier_the_right_tag_and_matching_terms() {
	build_and_execute(|| {
		let (collection, item, offer) = ordered(PRICE);
		assert_noop!(
			Marketplace::claim_by_tap(RuntimeOrigin::signed(DAVE), offer, TAG, 9),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(claim(99, TAG, 9), Error::<Test>::UnknownOffer);
		assert_noop!(claim(offer, [0x43; 32], 9), pallet_collectibles::Error::<Test>::UnknownTag);
		// A tag bound to another item of the collection does not claim this one.
		let other = Helper::mint(ALICE, collection, BOB);
		Helper::bind_tag(ALICE, collection, other, [0x44; 32]);
		assert_noop!(
			claim(offer, [0x44; 32], 9),
			pallet_collectibles::Error::<Test>::TagOfAnotherItem
		);
		assert_noop!(
			claim(offer, TAG, 1 << 24),
			pallet_collectibles::Error::<Test>::CounterOutOfRange
		);
		// The seller's listing at another price, open to anyone, or gone.
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			collection,
			item,
			NATIVE,
			PRICE + 1,
			60,
			Some(DAVE)
		));
		assert_noop!(claim(offer, TAG, 9), Error::<Test>::TermsMismatch);
		list_fixed(collection, item, BOB, PRICE);
		assert_noop!(claim(offer, TAG, 9), Error::<Test>::NotReservedForOfferer);
		assert_ok!(Marketplace::cancel_listing(RuntimeOrigin::signed(BOB), collection, item));
		assert_noop!(claim(offer, TAG, 9), Error::<Test>::NotListed);
		assert_eq!((owner_of(collection, item), watermark(TAG)), (Some(BOB), Some(0)));
	});
}

#[test]
fn a_claim_fails_once_the_offer_or_listing_is_void() {
	build_and_execute(|| {
		let (_, _, offer) = ordered(PRICE);
		System::set_block_number(50);
		assert_noop!(claim(offer, TAG, 9), Error::<Test>::OfferExpired);
	});
	build_and_execute(|| {
		let (collection, item, offer) = ordered(PRICE);
		// BOB sold the item to someone else meanwhile: the listing and the offer are stale.
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			collection,
			item,
			NATIVE,
			PRICE,
			60,
			Some(CAROL)
		));
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(CAROL),
			collection,
			item,
			NATIVE,
			PRICE,
			0
		));
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(CAROL),
			collection,
			item,
			NATIVE,
			PRICE,
			60,
			Some(DAVE)
		));
		assert_noop!(claim(offer, TAG, 9), Error::<Test>::ListingStale);
		assert_eq!(owner_of(collection, item), Some(CAROL));
	});
}
