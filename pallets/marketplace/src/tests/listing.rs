use super::*;
use crate::{Error, Listings, PriceSchedule};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn list_works() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		let listing = Listings::<Test>::get(example.collection, item).unwrap();
		assert_eq!(
			(listing.seller, listing.price, listing.nonce, listing.expires_at),
			(BOB, PriceSchedule::Fixed(10_000), 0, 100)
		);
		assert_eq!(
			last_event(),
			market_event(Event::Listed {
				collection: example.collection,
				item,
				seller: BOB,
				asset: NATIVE,
				price: PriceSchedule::Fixed(10_000),
				expires_at: 100
			})
		);
	});
}

#[test]
fn list_fails_for_bad_terms() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let list = |asset, price, expires_at| {
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				asset,
				price,
				expires_at,
				None,
			)
		};
		assert_noop!(list(NativeOrWithId::WithId(7), 10, 100), Error::<Test>::AssetNotAccepted);
		assert_noop!(list(NATIVE, 0, 100), Error::<Test>::ZeroPrice);
		assert_noop!(list(NATIVE, 10, 1), Error::<Test>::ExpiryNotInFuture);
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::signed(CAROL),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				99,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::UnknownItem
		);
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::none(),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn list_fails_for_a_frozen_item_or_a_disputed_work() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Collectibles::set_item_frozen(
			RuntimeOrigin::root(),
			example.collection,
			item,
			true
		));
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::NotTradable
		);
		assert_ok!(Collectibles::set_item_frozen(
			RuntimeOrigin::root(),
			example.collection,
			item,
			false
		));
		assert_ok!(Works::open_dispute(
			RuntimeOrigin::signed(DAVE),
			example.poster,
			b"e".to_vec().try_into().unwrap()
		));
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::NotTradable
		);
	});
}

#[test]
fn list_fails_where_the_policy_forbids_sales() {
	build_and_execute(|| {
		let example = example_with(TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 0 }, 0);
		let item = Helper::mint(ALICE, example.collection, BOB);
		assert_noop!(
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::SaleNotAllowed
		);
	});
}

#[test]
fn list_fails_while_under_auction() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
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
			Marketplace::list(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				NATIVE,
				10,
				100,
				None
			),
			Error::<Test>::AlreadyListed
		);
	});
}

#[test]
fn list_dutch_fails_for_a_bad_schedule() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		let dutch = |start, floor, decay| {
			Marketplace::list_dutch(
				RuntimeOrigin::signed(BOB),
				example.collection,
				item,
				NATIVE,
				start,
				floor,
				decay,
				100,
			)
		};
		assert_noop!(dutch(100, 100, 1), Error::<Test>::InvalidDutchSchedule);
		assert_noop!(dutch(100, 10, 0), Error::<Test>::InvalidDutchSchedule);
		assert_noop!(dutch(100, 0, 1), Error::<Test>::ZeroPrice);
	});
}

#[test]
fn buy_settles_the_worked_example_exactly() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 10_000);
		let before: Vec<u64> =
			[ALICE, BOB, CAROL, DAVE, EVE, PLATFORM].iter().map(|w| balance(NATIVE, *w)).collect();
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			10_000,
			0
		));
		let after: Vec<u64> =
			[ALICE, BOB, CAROL, DAVE, EVE, PLATFORM].iter().map(|w| balance(NATIVE, *w)).collect();
		let delta: Vec<i64> =
			after.iter().zip(&before).map(|(a, b)| *a as i64 - *b as i64).collect();
		// ALICE 480, BOB 8 750, CAROL 320, DAVE −10 000, EVE 200, platform 250.
		assert_eq!(delta, vec![480, 8_750, 320, -10_000, 200, 250]);
		assert_eq!(owner_of(example.collection, item), Some(DAVE));
		assert!(Listings::<Test>::get(example.collection, item).is_none());
		assert_eq!(
			last_settled(),
			Event::Settled {
				kind: SaleKind::Listing,
				collection: example.collection,
				item,
				seller: BOB,
				buyer: DAVE,
				asset: NATIVE,
				gross: 10_000,
				fee: 250,
				royalties: vec![(ALICE, 480), (CAROL, 320), (EVE, 200)],
				seller_proceeds: 8_750,
				discount: 0,
				loyalty_minted: 0,
			}
		);
		let _ = example.original;
	});
}

#[test]
fn buy_works_in_the_settlement_asset() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			SETTLEMENT,
			9_999,
			100,
			None
		));
		let bob = balance(SETTLEMENT, BOB);
		let native_dave = balance(NATIVE, DAVE);
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			SETTLEMENT,
			9_999,
			0
		));
		// fee 249, royalties ALICE 479, CAROL 319, EVE 199, the 2 units of dust to the seller.
		assert_eq!(balance(SETTLEMENT, BOB) - bob, 8_753);
		assert_eq!(balance(NATIVE, DAVE), native_dave);
		match last_settled() {
			Event::Settled { fee, royalties, seller_proceeds, .. } => {
				assert_eq!(fee, 249);
				assert_eq!(royalties, vec![(ALICE, 479), (CAROL, 319), (EVE, 199)]);
				assert_eq!(seller_proceeds, 8_753);
			}
			_ => unreachable!(),
		}
	});
}

#[test]
fn buy_fails_when_the_price_rose_above_the_buyers_maximum() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 1_000);
		// The seller relists higher just before the buyer's transaction (front-running).
		list_fixed(example.collection, item, BOB, 5_000);
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				1_000,
				0
			),
			Error::<Test>::PriceAboveMax
		);
	});
}

#[test]
fn buy_fails_for_a_stale_listing() {
	build_and_execute(|| {
		let example = example_with(TransferPolicy::Free, 0);
		let item = Helper::mint(ALICE, example.collection, BOB);
		list_fixed(example.collection, item, BOB, 1_000);
		// BOB gives the item away and gets it back: the owner is the same, the listing is not.
		assert_ok!(Collectibles::gift(RuntimeOrigin::signed(BOB), example.collection, item, CAROL));
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				1_000,
				0
			),
			Error::<Test>::ListingStale
		);
		assert_ok!(Collectibles::gift(RuntimeOrigin::signed(CAROL), example.collection, item, BOB));
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(DAVE),
				example.collection,
				item,
				NATIVE,
				1_000,
				0
			),
			Error::<Test>::ListingStale
		);
		// Anyone may clear the void listing.
		assert_ok!(Marketplace::cancel_listing(
			RuntimeOrigin::signed(EVE),
			example.collection,
			item
		));
	});
}

#[test]
fn buy_fails_for_wrong_buyer_asset_or_own_item() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Marketplace::list(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			100,
			100,
			Some(CAROL)
		));
		let buy = |who, asset| {
			Marketplace::buy(RuntimeOrigin::signed(who), example.collection, item, asset, 100, 0)
		};
		assert_noop!(buy(DAVE, NATIVE), Error::<Test>::NotAllowedBuyer);
		assert_noop!(buy(BOB, NATIVE), Error::<Test>::CannotBuyOwnItem);
		assert_noop!(buy(CAROL, SETTLEMENT), Error::<Test>::WrongAsset);
		assert_ok!(buy(CAROL, NATIVE));
		assert_noop!(buy(DAVE, NATIVE), Error::<Test>::NotListed);
	});
}

#[test]
fn buy_fails_once_expired() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 100);
		System::set_block_number(100);
		assert_noop!(
			Marketplace::buy(RuntimeOrigin::signed(DAVE), example.collection, item, NATIVE, 100, 0),
			Error::<Test>::ListingExpired
		);
	});
}

#[test]
fn buy_fails_without_funds_and_changes_nothing() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 100);
		Helper::attest(PAUPER, 1);
		assert_noop!(
			Marketplace::buy(
				RuntimeOrigin::signed(PAUPER),
				example.collection,
				item,
				NATIVE,
				100,
				0
			),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn buy_fails_when_redeeming_points_in_a_currency_without_a_rate() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 100);
		Helper::points(DAVE, 50);
		assert_noop!(
			Marketplace::buy(RuntimeOrigin::signed(DAVE), example.collection, item, NATIVE, 100, 5),
			pallet_loyalty::Error::<Test>::NoRateForAsset
		);
	});
}

#[test]
fn dutch_auction_sells_at_the_current_price() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		assert_ok!(Marketplace::list_dutch(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item,
			NATIVE,
			1_000,
			400,
			50,
			100
		));
		System::set_block_number(5);
		// 1 000 − 4 × 50 = 800 now.
		assert_noop!(
			Marketplace::buy(RuntimeOrigin::signed(DAVE), example.collection, item, NATIVE, 799, 0),
			Error::<Test>::PriceAboveMax
		);
		System::set_block_number(40);
		// Far past the floor: 400.
		assert_ok!(Marketplace::buy(
			RuntimeOrigin::signed(DAVE),
			example.collection,
			item,
			NATIVE,
			1_000,
			0
		));
		match last_settled() {
			Event::Settled { gross, .. } => assert_eq!(gross, 400),
			_ => unreachable!(),
		}
	});
}

#[test]
fn cancel_listing_works_for_the_seller_only_while_valid() {
	build_and_execute(|| {
		let (example, item) = bobs_item();
		list_fixed(example.collection, item, BOB, 100);
		assert_noop!(
			Marketplace::cancel_listing(RuntimeOrigin::signed(DAVE), example.collection, item),
			Error::<Test>::NotOwner
		);
		assert_ok!(Marketplace::cancel_listing(
			RuntimeOrigin::signed(BOB),
			example.collection,
			item
		));
		assert_eq!(
			last_event(),
			market_event(Event::ListingRemoved { collection: example.collection, item })
		);
		assert_noop!(
			Marketplace::cancel_listing(RuntimeOrigin::signed(BOB), example.collection, item),
			Error::<Test>::NotListed
		);
	});
}

#[test]
fn set_platform_fee_works_for_governance_only() {
	build_and_execute(|| {
		assert_ok!(Marketplace::set_platform_fee(RuntimeOrigin::root(), 300));
		assert_eq!(crate::PlatformFee::<Test>::get(), 300);
		assert_eq!(last_event(), market_event(Event::PlatformFeeSet { fee: 300 }));
		assert_noop!(
			Marketplace::set_platform_fee(RuntimeOrigin::root(), MAX_FEE + 1),
			Error::<Test>::FeeTooHigh
		);
		assert_noop!(
			Marketplace::set_platform_fee(RuntimeOrigin::signed(ALICE), 1),
			DispatchError::BadOrigin
		);
	});
}

use frame_support::traits::fungible::NativeOrWithId;
