use super::*;
use crate::{Error, HoldReason, ProposalOf, RightsChange, WorkIdOf, Works as WorkOf};
use frame_support::assert_noop;

/// A work held 30 % by ALICE, 30 % by BOB and 40 % by CAROL.
fn shared_work() -> WorkId {
	attest(ALICE);
	register_as(ALICE, 1, &[(ALICE, 3_000), (BOB, 3_000), (CAROL, 4_000)], &[])
}

fn holders_of(work: WorkId) -> Vec<(u64, BasisPoints)> {
	WorkOf::<Test>::get(work).unwrap().holders.to_vec()
}

#[test]
fn propose_split_applies_at_once_for_a_majority_holder() {
	build_and_execute(|| {
		attest(ALICE);
		let work = register_as(ALICE, 1, &[(ALICE, 6_000), (BOB, 4_000)], &[]);
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		assert_eq!(holders_of(work), vec![(DAVE, 10_000)]);
		assert!(ProposalOf::<Test>::get(work).is_none());
		assert_eq!(
			last_event(),
			works_event(Event::SplitChanged { work, holders: split(&[(DAVE, 10_000)]) })
		);
	});
}

#[test]
fn propose_split_waits_for_more_than_half() {
	build_and_execute(|| {
		let work = shared_work();
		let new = split(&[(ALICE, 5_000), (DAVE, 5_000)]);
		assert_ok!(Works::propose_split(RuntimeOrigin::signed(ALICE), work, new.clone()));
		assert_eq!(
			last_event(),
			works_event(Event::ProposalApproved { work, who: ALICE, approved: 3_000 })
		);
		let proposal = ProposalOf::<Test>::get(work).unwrap();
		assert_eq!(proposal.change, RightsChange::NewSplit(new.clone()));
		assert_eq!(proposal.expires_at, 1 + PROPOSAL_LIFETIME);
		assert_eq!(holders_of(work), vec![(ALICE, 3_000), (BOB, 3_000), (CAROL, 4_000)]);

		assert_ok!(Works::approve_proposal(RuntimeOrigin::signed(BOB), work));
		assert_eq!(holders_of(work), new.to_vec());
		assert!(ProposalOf::<Test>::get(work).is_none());
		assert!(System::events()
			.iter()
			.any(|r| r.event
				== works_event(Event::ProposalApproved { work, who: BOB, approved: 6_000 })));
	});
}

#[test]
fn exactly_half_is_not_enough() {
	build_and_execute(|| {
		attest(ALICE);
		let work = register_as(ALICE, 1, &[(ALICE, 5_000), (BOB, 5_000)], &[]);
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(ALICE, 10_000)])
		));
		assert_eq!(holders_of(work), vec![(ALICE, 5_000), (BOB, 5_000)]);
		assert_ok!(Works::approve_proposal(RuntimeOrigin::signed(BOB), work));
		assert_eq!(holders_of(work), vec![(ALICE, 10_000)]);
	});
}

#[test]
fn propose_split_fails_when_caller_or_work_is_wrong() {
	build_and_execute(|| {
		let work = shared_work();
		let new = split(&[(DAVE, 10_000)]);
		assert_noop!(
			Works::propose_split(RuntimeOrigin::signed(ALICE), 42, new.clone()),
			Error::<Test>::UnknownWork
		);
		assert_noop!(
			Works::propose_split(RuntimeOrigin::signed(DAVE), work, new.clone()),
			Error::<Test>::NotRightsHolder
		);
		assert_noop!(
			Works::propose_split(RuntimeOrigin::signed(ALICE), work, split(&[(DAVE, 9_999)])),
			Error::<Test>::SplitDoesNotSumToWhole
		);
		assert_noop!(
			Works::propose_split(
				RuntimeOrigin::signed(ALICE),
				work,
				split(&[(DAVE, 5_000), (DAVE, 5_000)])
			),
			Error::<Test>::DuplicateHolder
		);
	});
}

#[test]
fn propose_fails_while_another_proposal_is_open_and_replaces_an_expired_one() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		assert_noop!(
			Works::propose_split(RuntimeOrigin::signed(BOB), work, split(&[(BOB, 10_000)])),
			Error::<Test>::ProposalPending
		);
		assert_noop!(
			Works::propose_withdrawal(RuntimeOrigin::signed(BOB), work),
			Error::<Test>::ProposalPending
		);
		System::set_block_number(1 + PROPOSAL_LIFETIME);
		assert_ok!(Works::propose_split(RuntimeOrigin::signed(BOB), work, split(&[(BOB, 10_000)])));
		assert_eq!(ProposalOf::<Test>::get(work).unwrap().proposer, BOB);
	});
}

#[test]
fn propose_fails_when_work_is_disputed_or_revoked() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(DAVE), work, cid("evidence")));
		assert_noop!(
			Works::propose_split(RuntimeOrigin::signed(CAROL), work, split(&[(CAROL, 10_000)])),
			Error::<Test>::WorkFrozen
		);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), work, crate::Ruling::Revoke));
		assert_noop!(
			Works::propose_withdrawal(RuntimeOrigin::signed(CAROL), work),
			Error::<Test>::WorkRevoked
		);
	});
}

#[test]
fn approve_proposal_fails_when_there_is_no_open_proposal() {
	build_and_execute(|| {
		let work = shared_work();
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(BOB), work),
			Error::<Test>::NoProposal
		);
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(BOB), 42),
			Error::<Test>::UnknownWork
		);
	});
}

#[test]
fn approve_proposal_fails_when_expired_repeated_or_not_a_holder() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(ALICE), work),
			Error::<Test>::AlreadyApproved
		);
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(DAVE), work),
			Error::<Test>::NotRightsHolder
		);
		System::set_block_number(1 + PROPOSAL_LIFETIME);
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(BOB), work),
			Error::<Test>::ProposalExpired
		);
	});
}

#[test]
fn approve_proposal_fails_while_the_work_is_disputed() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(DAVE), work, cid("evidence")));
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(BOB), work),
			Error::<Test>::WorkFrozen
		);
	});
}

#[test]
fn cancel_proposal_works_for_the_proposer() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		assert_noop!(
			Works::cancel_proposal(RuntimeOrigin::signed(BOB), work),
			Error::<Test>::NotProposer
		);
		assert_ok!(Works::cancel_proposal(RuntimeOrigin::signed(ALICE), work));
		assert!(ProposalOf::<Test>::get(work).is_none());
		assert_eq!(last_event(), works_event(Event::ProposalCancelled { work }));
		assert_noop!(
			Works::cancel_proposal(RuntimeOrigin::signed(ALICE), work),
			Error::<Test>::NoProposal
		);
	});
}

#[test]
fn cancel_proposal_works_for_anyone_once_expired() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_split(
			RuntimeOrigin::signed(ALICE),
			work,
			split(&[(DAVE, 10_000)])
		));
		System::set_block_number(1 + PROPOSAL_LIFETIME);
		assert_ok!(Works::cancel_proposal(RuntimeOrigin::signed(DAVE), work));
		assert!(ProposalOf::<Test>::get(work).is_none());
	});
}

#[test]
fn withdrawal_by_consent_releases_the_deposit_and_frees_the_hash() {
	build_and_execute(|| {
		let parent = original(7);
		let work = register_as(
			ALICE,
			1,
			&[(ALICE, 3_000), (BOB, 3_000), (CAROL, 4_000)],
			&[(parent, 500)],
		);
		assert_eq!(WorkOf::<Test>::get(parent).unwrap().derivatives, 1);
		assert_eq!(held(HoldReason::WorkRegistration, ALICE), 2 * DEPOSIT);

		assert_ok!(Works::propose_withdrawal(RuntimeOrigin::signed(BOB), work));
		assert_eq!(
			last_event(),
			works_event(Event::ProposalApproved { work, who: BOB, approved: 3_000 })
		);
		assert_ok!(Works::approve_proposal(RuntimeOrigin::signed(CAROL), work));

		assert!(WorkOf::<Test>::get(work).is_none());
		assert!(WorkIdOf::<Test>::get(content(1)).is_none());
		assert_eq!(WorkOf::<Test>::get(parent).unwrap().derivatives, 0);
		assert_eq!(held(HoldReason::WorkRegistration, ALICE), DEPOSIT);
		assert_eq!(last_event(), works_event(Event::WorkWithdrawn { work }));
		// The same content may be filed again.
		register_as(ALICE, 1, &[(ALICE, 10_000)], &[]);
	});
}

#[test]
fn withdrawal_fails_when_others_derive_from_the_work() {
	build_and_execute(|| {
		let parent = original(1);
		register_as(ALICE, 2, &[(ALICE, 10_000)], &[(parent, 500)]);
		assert_noop!(
			Works::propose_withdrawal(RuntimeOrigin::signed(ALICE), parent),
			Error::<Test>::HasDerivatives
		);
	});
}

#[test]
fn withdrawal_fails_when_a_derivative_appears_before_it_is_agreed() {
	build_and_execute(|| {
		let work = shared_work();
		assert_ok!(Works::propose_withdrawal(RuntimeOrigin::signed(ALICE), work));
		register_as(ALICE, 2, &[(ALICE, 10_000)], &[(work, 500)]);
		assert_noop!(
			Works::approve_proposal(RuntimeOrigin::signed(CAROL), work),
			Error::<Test>::HasDerivatives
		);
	});
}
