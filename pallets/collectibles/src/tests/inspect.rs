//! The traits other code reads and moves items through.

use super::*;
use crate::{Error, Items};
use frame_support::{
	assert_noop,
	traits::tokens::nonfungibles_v2::{Inspect, InspectEnumerable, InspectRole},
};
use yinji_primitives::{CollectibleSettlement, CollectionInfo, ItemInfo};

#[test]
fn nonfungibles_inspect_reads_items() {
	build_and_execute(|| {
		let free = collection_with(TransferPolicy::Free);
		let item = mint_one(free, BOB);
		assert_eq!(<Collectibles as Inspect<u64>>::owner(&free, &item), Some(BOB));
		assert_eq!(<Collectibles as Inspect<u64>>::owner(&free, &9), None);
		assert_eq!(Collectibles::collection_owner(&free), Some(ALICE));
		assert!(Collectibles::can_transfer(&free, &item));
		assert!(!Collectibles::can_transfer(&free, &9));

		let work = WorksHelper::register(ALICE, 2);
		let settlement = create(
			ALICE,
			work,
			CollectionKind::DigitalCollectible,
			5,
			100,
			TransferPolicy::SettlementOnly,
			0,
		);
		let sold = mint_one(settlement, BOB);
		assert!(!Collectibles::can_transfer(&settlement, &sold));

		let gift_only = collection_with(TransferPolicy::GiftOnly { min_hold: 3, recipient_kyc: 0 });
		let held = mint_one(gift_only, BOB);
		assert!(!Collectibles::can_transfer(&gift_only, &held));
		System::set_block_number(4);
		assert!(Collectibles::can_transfer(&gift_only, &held));
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), gift_only, held, true));
		assert!(!Collectibles::can_transfer(&gift_only, &held));

		assert!(Collectibles::is_issuer(&free, &ALICE));
		assert!(Collectibles::is_admin(&free, &ALICE));
		assert!(!Collectibles::is_issuer(&free, &BOB));
		assert!(!Collectibles::is_freezer(&free, &ALICE));
	});
}

#[test]
fn nonfungibles_enumerates_items() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 3));
		mint_one(collection, CAROL);
		let mut items: Vec<u32> = Collectibles::items(&collection).collect();
		items.sort();
		assert_eq!(items, vec![1, 2, 3, 4]);
		let mut owned: Vec<u32> = Collectibles::owned_in_collection(&collection, &BOB).collect();
		owned.sort();
		assert_eq!(owned, vec![1, 2, 3]);
		assert_eq!(Collectibles::owned(&CAROL).collect::<Vec<_>>(), vec![(collection, 4)]);
		assert_eq!(Collectibles::collections().collect::<Vec<_>>(), vec![collection]);
	});
}

#[test]
fn settlement_moves_a_sold_item_and_bumps_its_nonce() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(collection, BOB);
		assert_eq!(
			<Collectibles as CollectibleSettlement<u64, u64>>::item(collection, item),
			Some(ItemInfo { owner: BOB, nonce: 0, tradable: true })
		);
		assert_ok!(Collectibles::settle_transfer(collection, item, &BOB, &CAROL));
		assert_eq!(owner_of(collection, item), Some(CAROL));
		assert_eq!(Items::<Test>::get(collection, item).unwrap().nonce, 1);
		assert_eq!(
			last_event(),
			collectibles_event(Event::SoldTransferred { collection, item, from: BOB, to: CAROL })
		);
		let info: CollectionInfo<u64, u64> =
			<Collectibles as CollectibleSettlement<u64, u64>>::collection(collection).unwrap();
		assert_eq!((info.issuer, info.royalty, info.minted, info.max_supply), (ALICE, 500, 1, 10));
	});
}

#[test]
fn settlement_fails_where_the_policy_forbids_sales() {
	build_and_execute(|| {
		let gift_only = collection_with(TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 0 });
		let item = mint_one(gift_only, BOB);
		assert_noop!(
			Collectibles::settle_transfer(gift_only, item, &BOB, &CAROL),
			Error::<Test>::SaleNotAllowed
		);
		let work = WorksHelper::register(ALICE, 2);
		let soulbound = create(
			ALICE,
			work,
			CollectionKind::DigitalCollectible,
			5,
			0,
			TransferPolicy::Soulbound,
			0,
		);
		let item = mint_one(soulbound, BOB);
		assert_noop!(
			Collectibles::settle_transfer(soulbound, item, &BOB, &CAROL),
			Error::<Test>::SaleNotAllowed
		);
	});
}

#[test]
fn settlement_fails_for_a_wrong_seller_frozen_item_or_unattested_buyer() {
	build_and_execute(|| {
		let work = alice_work();
		let collection = create(
			ALICE,
			work,
			CollectionKind::DigitalCollectible,
			10,
			500,
			TransferPolicy::SettlementOnly,
			1,
		);
		WorksHelper::attest(BOB, 1);
		let item = mint_one(collection, BOB);
		assert_noop!(
			Collectibles::settle_transfer(collection, item, &CAROL, &DAVE),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Collectibles::settle_transfer(collection, item, &BOB, &BOB),
			Error::<Test>::SelfTransfer
		);
		assert_noop!(
			Collectibles::settle_transfer(collection, item, &BOB, &CAROL),
			Error::<Test>::RecipientKycTooLow
		);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert_eq!(
			<Collectibles as CollectibleSettlement<u64, u64>>::item(collection, item)
				.map(|i| i.tradable),
			Some(false)
		);
		WorksHelper::attest(CAROL, 1);
		assert_noop!(
			Collectibles::settle_transfer(collection, item, &BOB, &CAROL),
			Error::<Test>::ItemFrozen
		);
	});
}

#[test]
fn mint_sold_mints_the_next_edition_to_the_buyer() {
	build_and_execute(|| {
		let work = alice_work();
		let collection = create(
			ALICE,
			work,
			CollectionKind::DigitalCollectible,
			2,
			500,
			TransferPolicy::SettlementOnly,
			0,
		);
		assert_eq!(Collectibles::mint_sold(collection, &BOB), Ok(1));
		assert_eq!(Collectibles::mint_sold(collection, &CAROL), Ok(2));
		assert_eq!(owner_of(collection, 2), Some(CAROL));
		assert_noop!(Collectibles::mint_sold(collection, &DAVE), Error::<Test>::MaxSupplyReached);
	});
}
