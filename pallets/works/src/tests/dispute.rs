use super::*;
use crate::{DisputeOf, Error, HoldReason, ProposalOf, Ruling, WorkIdOf, Works as WorkOf};
use frame_support::{assert_noop, traits::fungible::Inspect};
use sp_runtime::{DispatchError, TokenError};
use yinji_primitives::WorkStatus;

fn disputed(claimant: u64) -> WorkId {
	let work = original(1);
	assert_ok!(Works::open_dispute(RuntimeOrigin::signed(claimant), work, cid("bafyevidence")));
	work
}

fn status_of(work: WorkId) -> WorkStatus {
	WorkOf::<Test>::get(work).unwrap().status
}

#[test]
fn open_dispute_works() {
	build_and_execute(|| {
		let work = disputed(BOB);
		assert_eq!(status_of(work), WorkStatus::Disputed);
		assert_eq!(held(HoldReason::Dispute, BOB), DISPUTE_DEPOSIT);
		let dispute = DisputeOf::<Test>::get(work).unwrap();
		assert_eq!(
			(dispute.claimant, dispute.deposit, dispute.opened_at),
			(BOB, DISPUTE_DEPOSIT, 1)
		);
		assert_eq!(
			last_event(),
			works_event(Event::DisputeOpened {
				work,
				claimant: BOB,
				evidence: cid("bafyevidence")
			})
		);
	});
}

#[test]
fn open_dispute_fails_when_work_is_unknown_disputed_or_revoked() {
	build_and_execute(|| {
		assert_noop!(
			Works::open_dispute(RuntimeOrigin::signed(BOB), 42, cid("e")),
			Error::<Test>::UnknownWork
		);
		let work = disputed(BOB);
		assert_noop!(
			Works::open_dispute(RuntimeOrigin::signed(CAROL), work, cid("e")),
			Error::<Test>::AlreadyDisputed
		);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::Revoke));
		assert_noop!(
			Works::open_dispute(RuntimeOrigin::signed(CAROL), work, cid("e")),
			Error::<Test>::WorkRevoked
		);
	});
}

#[test]
fn open_dispute_fails_when_deposit_cannot_be_held() {
	build_and_execute(|| {
		let work = original(1);
		assert_noop!(
			Works::open_dispute(RuntimeOrigin::signed(PAUPER), work, cid("e")),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn ruling_transfer_to_claimant_moves_all_rights() {
	build_and_execute(|| {
		attest(ALICE);
		let work = register_as(ALICE, 1, &[(ALICE, 3_000), (DAVE, 7_000)], &[]);
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(ALICE, 10_000)])
		));
		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(BOB), work, cid("e")));
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::TransferToClaimant));
		let record = WorkOf::<Test>::get(work).unwrap();
		assert_eq!(record.holders.to_vec(), vec![(BOB, 10_000)]);
		assert_eq!(record.status, WorkStatus::Active);
		assert!(ProposalOf::<Test>::get(work).is_none());
		assert!(DisputeOf::<Test>::get(work).is_none());
		assert_eq!(held(HoldReason::Dispute, BOB), 0);
		assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE);
		assert!(System::events().iter().any(|r| r.event
			== works_event(Event::SplitChanged { work, holders: split(&[(BOB, 10_000)]) })));
		assert_eq!(
			last_event(),
			works_event(Event::DisputeRuled { work, ruling: Ruling::TransferToClaimant })
		);
	});
}

#[test]
fn ruling_revoke_keeps_a_frozen_record_and_releases_deposits() {
	build_and_execute(|| {
		let work = disputed(BOB);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::Revoke));
		let record = WorkOf::<Test>::get(work).unwrap();
		assert_eq!((record.status, record.deposit), (WorkStatus::Revoked, 0));
		assert_eq!(held(HoldReason::WorkRegistration, ALICE), 0);
		assert_eq!(held(HoldReason::Dispute, BOB), 0);
		assert_eq!(WorkIdOf::<Test>::get(content(1)), Some(work));
		// The revoked content stays taken.
		attest(BOB);
		assert_noop!(
			Works::register_work(
				RuntimeOrigin::signed(BOB),
				content(1),
				None,
				cid(METADATA),
				WorkKind::Image,
				OPEN_LICENCE,
				split(&[(BOB, 10_000)]),
				parents(&[]),
			),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn ruling_dismiss_and_return_thaws_the_work() {
	build_and_execute(|| {
		let work = disputed(BOB);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::DismissAndReturn));
		assert_eq!(status_of(work), WorkStatus::Active);
		assert_eq!(WorkOf::<Test>::get(work).unwrap().holders.to_vec(), vec![(ALICE, 10_000)]);
		assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE);
		assert_eq!(held(HoldReason::Dispute, BOB), 0);
	});
}

#[test]
fn ruling_dismiss_and_slash_pays_the_registrant() {
	build_and_execute(|| {
		let work = disputed(BOB);
		let alice_before = Balances::balance(&ALICE);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::DismissAndSlash));
		assert_eq!(status_of(work), WorkStatus::Active);
		assert_eq!(Balances::total_balance(&BOB), INITIAL_BALANCE - DISPUTE_DEPOSIT);
		assert_eq!(Balances::balance(&ALICE), alice_before + DISPUTE_DEPOSIT);
	});
}

#[test]
fn rule_dispute_fails_without_a_dispute_or_from_a_wrong_origin() {
	build_and_execute(|| {
		let work = original(1);
		assert_noop!(
			Works::rule_dispute(RuntimeOrigin::root(), work, Ruling::Revoke),
			Error::<Test>::NoDispute
		);
		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(BOB), work, cid("e")));
		assert_noop!(
			Works::rule_dispute(RuntimeOrigin::signed(MUSEUM), work, Ruling::Revoke),
			DispatchError::BadOrigin
		);
	});
}
