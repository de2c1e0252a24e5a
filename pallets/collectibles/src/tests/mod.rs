//! Unit tests of the collectibles pallet, one file per feature.

mod bridge;
mod collection;
mod freeze;
mod inspect;
mod mint;
mod properties;
mod tags;
mod transfer;

use crate::{mock::*, Cid, Event, PolicyOf};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use yinji_primitives::{
	BasisPoints, CollectionId, CollectionKind, KycLevel, TagHash, TransferPolicy, WorkId,
};

fn cid(text: &str) -> Cid<Test> {
	Cid::<Test>::try_from(text.as_bytes().to_vec()).unwrap()
}

/// A work wholly held by `ALICE`.
fn alice_work() -> WorkId {
	WorksHelper::register(ALICE, 1)
}

/// Creates a collection of `work` by `issuer` with the given terms.
fn create(
	issuer: u64,
	work: WorkId,
	kind: CollectionKind,
	max_supply: u32,
	royalty: BasisPoints,
	policy: PolicyOf<Test>,
	min_holder_kyc: KycLevel,
) -> CollectionId {
	let collection = crate::NextCollectionId::<Test>::get();
	assert_ok!(Collectibles::create_collection(
		RuntimeOrigin::signed(issuer),
		work,
		kind,
		max_supply,
		cid("bafkreicollection"),
		royalty,
		policy,
		min_holder_kyc,
	));
	collection
}

/// A collection of ALICE's work under `policy`, 10 editions, 5 % royalty unless `Free`.
fn collection_with(policy: PolicyOf<Test>) -> CollectionId {
	let work = alice_work();
	let royalty = if policy == TransferPolicy::Free { 0 } else { 500 };
	create(ALICE, work, CollectionKind::DigitalCollectible, 10, royalty, policy, 0)
}

/// A physical-twin collection of ALICE's work with one edition minted to BOB.
fn physical_item() -> (CollectionId, u32) {
	let work = alice_work();
	let collection = create(
		ALICE,
		work,
		CollectionKind::PhysicalTwin,
		10,
		500,
		TransferPolicy::SettlementOnly,
		0,
	);
	assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, BOB, 1));
	(collection, 1)
}

fn mint_one(collection: CollectionId, to: u64) -> u32 {
	let item = crate::Collections::<Test>::get(collection).unwrap().minted + 1;
	assert_ok!(Collectibles::mint(RuntimeOrigin::signed(ALICE), collection, to, 1));
	item
}

fn owner_of(collection: CollectionId, item: u32) -> Option<u64> {
	crate::Items::<Test>::get(collection, item).map(|held| held.owner)
}

fn tag(n: u8) -> TagHash {
	[n; 32]
}

fn held(reason: crate::HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Collectibles(reason), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn collectibles_event(event: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::Collectibles(event)
}

/// Freezes `work` in the registry by opening a dispute on it.
fn dispute_work(work: WorkId) {
	assert_ok!(Works::open_dispute(
		RuntimeOrigin::signed(DAVE),
		work,
		b"e".to_vec().try_into().unwrap()
	));
}
