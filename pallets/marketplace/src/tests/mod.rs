//! Unit tests of the marketplace pallet, one file per sale type, plus settlement properties.

mod auction;
mod claim;
mod drop;
mod expiry;
mod listing;
mod loyalty;
mod offer;
mod order;
mod properties;
mod settlement;

use crate::{mock::*, Event, SaleKind};
use frame_support::{assert_ok, traits::fungibles::Inspect};
use yinji_primitives::{CollectionId, ItemId, TransferPolicy, WorkId};

/// The worked example of docs/pallets/marketplace.md: EVE's original "Ink Cat" (#0); ALICE's
/// derivative "Ink Cat Poster" (#1), split ALICE 60 % / CAROL 40 %, owing #0 20 %; a
/// settlement-only collection of #1 with a 10 % resale royalty, issued by ALICE.
struct Example {
	original: WorkId,
	poster: WorkId,
	collection: CollectionId,
}

fn example() -> Example {
	example_with(TransferPolicy::SettlementOnly, 1_000)
}

fn example_with(policy: TransferPolicy<u64>, royalty: u16) -> Example {
	let original = Helper::work(EVE, &[(EVE, 10_000)], &[]);
	let poster = Helper::work(ALICE, &[(ALICE, 6_000), (CAROL, 4_000)], &[(original, 2_000)]);
	let collection = Helper::collection(ALICE, poster, royalty, policy, 0);
	Example { original, poster, collection }
}

/// The example with edition #1 owned by BOB.
fn bobs_item() -> (Example, ItemId) {
	let example = example();
	let item = Helper::mint(ALICE, example.collection, BOB);
	(example, item)
}

/// Free balance of `who` in `asset`.
fn balance(asset: crate::mock::AssetKindOf, who: u64) -> u64 {
	<Funds as Inspect<u64>>::balance(asset, &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn market_event(event: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::Marketplace(event)
}

/// The `Settled` event most recently emitted.
fn last_settled() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Marketplace(event @ Event::Settled { .. }) => Some(event),
			_ => None,
		})
		.expect("a sale settled")
}

/// Lists `item` of the example at a fixed native price until block 100.
fn list_fixed(collection: CollectionId, item: ItemId, seller: u64, price: u64) {
	assert_ok!(Marketplace::list(
		RuntimeOrigin::signed(seller),
		collection,
		item,
		NATIVE,
		price,
		100,
		None
	));
}

fn owner_of(collection: CollectionId, item: ItemId) -> Option<u64> {
	pallet_collectibles::Items::<Test>::get(collection, item).map(|held| held.owner)
}

fn run_to(block: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < block {
		System::set_block_number(System::block_number() + 1);
		Marketplace::on_initialize(System::block_number());
	}
}
