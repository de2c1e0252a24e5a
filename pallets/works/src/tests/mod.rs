//! Unit tests of the works pallet, one file per feature.

mod attestation;
mod dispute;
mod properties;
mod register;
mod registry;
mod rights;

use crate::{mock::*, Cid, Event, Parents, Split};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use sha2::{Digest, Sha256};
use yinji_primitives::{BasisPoints, CcVariant, ContentHash, Licence, WorkId, WorkKind};

/// sha2-256 of some stand-in content bytes, distinct per `n`.
fn content(n: u32) -> ContentHash {
	Sha256::digest(format!("work content {n}").as_bytes()).into()
}

fn split(pairs: &[(u64, BasisPoints)]) -> Split<Test> {
	Split::<Test>::try_from(pairs.to_vec()).unwrap()
}

fn parents(pairs: &[(WorkId, BasisPoints)]) -> Parents<Test> {
	Parents::<Test>::try_from(pairs.to_vec()).unwrap()
}

fn cid(text: &str) -> Cid<Test> {
	Cid::<Test>::try_from(text.as_bytes().to_vec()).unwrap()
}

const METADATA: &str = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
/// Deposit for a registration with [`METADATA`] and no fingerprint.
const DEPOSIT: u64 = REGISTRATION_BASE + PER_BYTE * METADATA.len() as u64;
const OPEN_LICENCE: Licence<u64> = Licence::CreativeCommons(CcVariant::By);

/// Attests `who` by the museum until block 1 000.
fn attest(who: u64) {
	assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), who, 2, 1_000));
}

/// Registers content `n` by `who` under an open licence with the given split and parents.
fn register_as(
	who: u64,
	n: u32,
	holders: &[(u64, BasisPoints)],
	upstream: &[(WorkId, BasisPoints)],
) -> WorkId {
	register_with_licence(who, n, holders, upstream, OPEN_LICENCE)
}

fn register_with_licence(
	who: u64,
	n: u32,
	holders: &[(u64, BasisPoints)],
	upstream: &[(WorkId, BasisPoints)],
	licence: Licence<u64>,
) -> WorkId {
	let work = crate::NextWorkId::<Test>::get();
	assert_ok!(Works::register_work(
		RuntimeOrigin::signed(who),
		content(n),
		None,
		cid(METADATA),
		WorkKind::Image,
		licence,
		split(holders),
		parents(upstream),
	));
	work
}

/// Registers an original work of `ALICE` (attested) held wholly by her.
fn original(n: u32) -> WorkId {
	attest(ALICE);
	register_as(ALICE, n, &[(ALICE, 10_000)], &[])
}

fn held(reason: crate::HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Works(reason), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn works_event(event: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::Works(event)
}
