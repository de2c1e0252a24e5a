use super::*;
use crate::{Account, Error, EvmBurn, Exports, ImportedBurns, Items, NextExportId};
use frame_support::{assert_noop, traits::Get};

const EVM: [u8; 20] = [0xab; 20];

fn export(from: u64, collection: CollectionId, item: u32) -> sp_runtime::DispatchResult {
	Collectibles::export_item(RuntimeOrigin::signed(from), collection, item, EVM)
}

fn burn(n: u8) -> EvmBurn {
	EvmBurn { tx_hash: [n; 32], log_index: u32::from(n) }
}

fn import(
	collection: CollectionId,
	item: u32,
	to: u64,
	burn: EvmBurn,
) -> sp_runtime::DispatchResult {
	Collectibles::import_item(RuntimeOrigin::root(), collection, item, to, burn)
}

/// An item of a settlement-only digital collection, minted to BOB and exported.
fn exported() -> (CollectionId, u32) {
	let collection = collection_with(TransferPolicy::SettlementOnly);
	let item = mint_one(collection, BOB);
	assert_ok!(export(BOB, collection, item));
	(collection, item)
}

#[test]
fn export_moves_the_item_into_custody_and_voids_listings() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(collection, BOB);
		System::set_block_number(7);
		assert_ok!(export(BOB, collection, item));
		let held = Items::<Test>::get(collection, item).unwrap();
		// The nonce rose, so every listing BOB made under the old one is void.
		assert_eq!((held.owner, held.nonce), (BRIDGE, 1));
		assert!(Account::<Test>::contains_key((BRIDGE, collection, item)));
		assert!(!Account::<Test>::contains_key((BOB, collection, item)));
		let record = Exports::<Test>::get(collection, item).unwrap();
		assert_eq!((record.id, record.from, record.evm_owner, record.at), (0, BOB, EVM, 7));
		assert_eq!(NextExportId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			collectibles_event(Event::Exported {
				collection,
				item,
				from: BOB,
				custodian: BRIDGE,
				evm_owner: EVM,
				export: 0,
			})
		);
	});
}

#[test]
fn a_second_export_of_the_same_item_is_refused() {
	build_and_execute(|| {
		let (collection, item) = exported();
		assert_noop!(export(BOB, collection, item), Error::<Test>::AlreadyExported);
		// Nobody can sign for the custodian, but even it could not export again.
		assert_noop!(export(BRIDGE, collection, item), Error::<Test>::AlreadyExported);
	});
}

#[test]
fn only_the_owner_exports() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_noop!(export(CAROL, collection, item), Error::<Test>::NotOwner);
		assert_noop!(export(BOB, collection, item + 1), Error::<Test>::UnknownItem);
		assert_noop!(export(BOB, collection + 1, item), Error::<Test>::UnknownCollection);
	});
}

#[test]
fn physical_soulbound_gift_only_and_kyc_collections_stay_home() {
	build_and_execute(|| {
		let (physical, item) = physical_item();
		assert_noop!(export(BOB, physical, item), Error::<Test>::NotExportable);

		let soulbound = collection_with(TransferPolicy::Soulbound);
		let item = mint_one(soulbound, BOB);
		assert_noop!(export(BOB, soulbound, item), Error::<Test>::NotExportable);

		let gift_only = collection_with(TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 0 });
		let item = mint_one(gift_only, BOB);
		assert_noop!(export(BOB, gift_only, item), Error::<Test>::NotExportable);

		WorksHelper::attest(BOB, 1);
		let kyc = create(
			ALICE,
			alice_work(),
			CollectionKind::DigitalCollectible,
			10,
			500,
			TransferPolicy::SettlementOnly,
			1,
		);
		let item = mint_one(kyc, BOB);
		assert_noop!(export(BOB, kyc, item), Error::<Test>::NotExportable);
	});
}

#[test]
fn frozen_items_and_disputed_works_are_not_exported() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::SettlementOnly);
		let item = mint_one(collection, BOB);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, true));
		assert_noop!(export(BOB, collection, item), Error::<Test>::ItemFrozen);
		assert_ok!(Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, false));
		let work = crate::Collections::<Test>::get(collection).unwrap().work;
		dispute_work(work);
		assert_noop!(export(BOB, collection, item), Error::<Test>::WorkNotUsable);
	});
}

#[test]
fn exported_items_do_not_move_on_chain() {
	build_and_execute(|| {
		let collection = collection_with(TransferPolicy::Free);
		let item = mint_one(collection, BOB);
		assert_ok!(export(BOB, collection, item));
		assert_noop!(
			Collectibles::gift(RuntimeOrigin::signed(BOB), collection, item, CAROL),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Collectibles::burn(RuntimeOrigin::signed(BOB), collection, item),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn import_releases_the_item_to_the_named_account() {
	build_and_execute(|| {
		let (collection, item) = exported();
		System::set_block_number(9);
		assert_ok!(import(collection, item, CAROL, burn(1)));
		let held = Items::<Test>::get(collection, item).unwrap();
		assert_eq!((held.owner, held.nonce, held.acquired_at), (CAROL, 2, 9));
		assert!(Account::<Test>::contains_key((CAROL, collection, item)));
		assert!(!Account::<Test>::contains_key((BRIDGE, collection, item)));
		assert!(!Exports::<Test>::contains_key(collection, item));
		assert_eq!(ImportedBurns::<Test>::get(burn(1)), Some((collection, item, 0)));
		assert_eq!(
			last_event(),
			collectibles_event(Event::Imported {
				collection,
				item,
				custodian: BRIDGE,
				to: CAROL,
				export: 0,
				burn: burn(1),
			})
		);
	});
}

#[test]
fn a_replayed_import_is_refused_even_after_a_new_export() {
	build_and_execute(|| {
		let (collection, item) = exported();
		assert_ok!(import(collection, item, BOB, burn(1)));
		assert_noop!(import(collection, item, BOB, burn(1)), Error::<Test>::BurnAlreadyImported);
		// Exported again: the old burn still does not bring it home, a new one does.
		assert_ok!(export(BOB, collection, item));
		assert_eq!(Exports::<Test>::get(collection, item).map(|e| e.id), Some(1));
		assert_noop!(import(collection, item, BOB, burn(1)), Error::<Test>::BurnAlreadyImported);
		assert_ok!(import(collection, item, DAVE, burn(2)));
		assert_eq!(owner_of(collection, item), Some(DAVE));
	});
}

#[test]
fn imports_need_the_bridge_origin_and_an_exported_item() {
	build_and_execute(|| {
		let (collection, item) = exported();
		assert_noop!(
			Collectibles::import_item(RuntimeOrigin::signed(BOB), collection, item, BOB, burn(1)),
			sp_runtime::DispatchError::BadOrigin
		);
		let other = mint_one(collection, BOB);
		assert_noop!(import(collection, other, BOB, burn(1)), Error::<Test>::NotExported);
		assert_noop!(import(collection, 99, BOB, burn(1)), Error::<Test>::NotExported);
	});
}

#[test]
fn a_frozen_export_waits_in_custody() {
	build_and_execute(|| {
		let (collection, item) = exported();
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, true));
		assert_noop!(import(collection, item, BOB, burn(1)), Error::<Test>::CollectionFrozen);
		assert_ok!(Collectibles::set_collection_frozen(RuntimeOrigin::root(), collection, false));
		assert_ok!(import(collection, item, BOB, burn(1)));
	});
}

#[test]
fn the_custodian_is_the_configured_account() {
	build_and_execute(|| {
		let custodian: u64 = <Test as crate::Config>::BridgeCustodian::get();
		assert_eq!(custodian, BRIDGE);
		let (collection, item) = exported();
		assert_eq!(owner_of(collection, item), Some(custodian));
	});
}
