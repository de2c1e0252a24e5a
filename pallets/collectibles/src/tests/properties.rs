//! Property tests over random call sequences.

use super::*;
use crate::{Error, Items};
use frame_support::storage::with_storage_layer;
use proptest::prelude::*;
use std::collections::BTreeMap;
use yinji_primitives::CollectibleSettlement;

const PEOPLE: [u64; 4] = [ALICE, BOB, CAROL, DAVE];

/// One step of a random sequence against one collection.
#[derive(Clone, Debug)]
enum Step {
	Mint { to: usize },
	Gift { by: usize, item: u32, to: usize },
	Burn { by: usize, item: u32 },
	Settle { item: u32, to: usize },
	Freeze { item: u32, frozen: bool },
	Soulbind,
	Advance { blocks: u64 },
}

fn steps() -> impl Strategy<Value = Step> {
	prop_oneof![
		(0..4usize).prop_map(|to| Step::Mint { to }),
		(0..4usize, 1..6u32, 0..4usize).prop_map(|(by, item, to)| Step::Gift { by, item, to }),
		(0..4usize, 1..6u32).prop_map(|(by, item)| Step::Burn { by, item }),
		(1..6u32, 0..4usize).prop_map(|(item, to)| Step::Settle { item, to }),
		(1..6u32, any::<bool>()).prop_map(|(item, frozen)| Step::Freeze { item, frozen }),
		Just(Step::Soulbind),
		(0..30u64).prop_map(|blocks| Step::Advance { blocks }),
	]
}

fn owners(collection: CollectionId) -> BTreeMap<u32, u64> {
	Items::<Test>::iter_prefix(collection).map(|(item, held)| (item, held.owner)).collect()
}

/// Runs `step`, returning whether it was a successful settlement and of which item.
fn run(collection: CollectionId, step: &Step) -> Option<u32> {
	// Each step runs in its own storage layer, as an extrinsic would: a failure changes nothing.
	let _ = with_storage_layer(|| -> sp_runtime::DispatchResult {
		match *step {
			Step::Mint { to } => {
				Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, PEOPLE[to], 1)
			}
			Step::Gift { by, item, to } => {
				Collectibles::gift(RuntimeOrigin::signed(PEOPLE[by]), collection, item, PEOPLE[to])
			}
			Step::Burn { by, item } => {
				Collectibles::burn(RuntimeOrigin::signed(PEOPLE[by]), collection, item)
			}
			Step::Freeze { item, frozen } => {
				Collectibles::set_item_frozen(RuntimeOrigin::root(), collection, item, frozen)
			}
			Step::Soulbind => Collectibles::tighten_policy(
				RuntimeOrigin::signed(ALICE),
				collection,
				TransferPolicy::Soulbound,
				0,
			),
			Step::Advance { blocks } => {
				System::set_block_number(System::block_number() + blocks);
				Ok(())
			}
			Step::Settle { .. } => Ok(()),
		}
	});
	if let Step::Settle { item, to } = *step {
		let seller = Items::<Test>::get(collection, item)?.owner;
		return Collectibles::settle_transfer(collection, item, &seller, &PEOPLE[to])
			.ok()
			.map(|_| item);
	}
	None
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	/// No sequence of calls moves an item of a `SettlementOnly` collection from one account to
	/// another, except settlement itself (minting adds items, burning removes them).
	#[test]
	fn settlement_only_items_move_only_by_settlement(sequence in prop::collection::vec(steps(), 1..40)) {
		new_test_ext().execute_with(|| {
			let collection = collection_with(TransferPolicy::SettlementOnly);
			for step in &sequence {
				let before = owners(collection);
				let settled = run(collection, step);
				let after = owners(collection);
				for (item, owner) in &after {
					if let Some(previous) = before.get(item) {
						if previous != owner {
							prop_assert_eq!(settled, Some(*item), "{:?} moved item {}", step, item);
						}
					}
				}
			}
			Collectibles::do_try_state().unwrap();
			Ok(())
		})?;
	}

	/// Under `GiftOnly`, a gift by the owner to an attested recipient succeeds exactly when the
	/// owner has held the item for `min_hold` blocks, to the block.
	#[test]
	fn gift_only_hold_is_enforced_to_the_block(
		min_hold in 0..20u64,
		sequence in prop::collection::vec((0..8u64, 0..4usize), 1..30),
	) {
		new_test_ext().execute_with(|| {
			let collection = collection_with(TransferPolicy::GiftOnly { min_hold, recipient_kyc: 1 });
			for who in PEOPLE {
				WorksHelper::attest(who, 1);
			}
			let item = mint_one(collection, BOB);
			for (blocks, to) in sequence {
				System::set_block_number(System::block_number() + blocks);
				let held = Items::<Test>::get(collection, item).unwrap();
				let to = PEOPLE[to];
				if to == held.owner {
					continue;
				}
				let due = System::block_number() >= held.acquired_at + min_hold;
				let result = with_storage_layer(|| {
					Collectibles::gift(RuntimeOrigin::signed(held.owner), collection, item, to)
				});
				if due {
					prop_assert!(result.is_ok(), "gift refused at {} after {}", System::block_number(), held.acquired_at);
					prop_assert_eq!(Items::<Test>::get(collection, item).unwrap().owner, to);
				} else {
					prop_assert_eq!(result, Err(Error::<Test>::HoldPeriodNotOver.into()));
					prop_assert_eq!(Items::<Test>::get(collection, item).unwrap().owner, held.owner);
				}
			}
			Collectibles::do_try_state().unwrap();
			Ok(())
		})?;
	}
}
