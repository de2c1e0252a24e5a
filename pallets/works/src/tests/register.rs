use super::*;
use crate::{Error, Fingerprint, HoldReason, NextWorkId, WorkIdOf, Works as WorkOf};
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};
use yinji_primitives::WorkStatus;

#[test]
fn register_work_works() {
	build_and_execute(|| {
		attest(ALICE);
		System::set_block_number(7);
		let work = register_as(ALICE, 1, &[(ALICE, 7_000), (BOB, 3_000)], &[]);
		assert_eq!(work, 0);
		let record = WorkOf::<Test>::get(work).unwrap();
		assert_eq!(record.content_hash, content(1));
		assert_eq!(record.registrant, ALICE);
		assert_eq!(record.holders.to_vec(), vec![(ALICE, 7_000), (BOB, 3_000)]);
		assert_eq!((record.depth, record.derivatives, record.registered_at), (0, 0, 7));
		assert_eq!(record.status, WorkStatus::Active);
		assert_eq!(record.deposit, DEPOSIT);
		assert_eq!(held(HoldReason::WorkRegistration, ALICE), DEPOSIT);
		assert_eq!(WorkIdOf::<Test>::get(content(1)), Some(work));
		assert_eq!(NextWorkId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			works_event(Event::WorkRegistered {
				work,
				registrant: ALICE,
				content_hash: content(1),
				metadata: record.metadata.clone(),
				kind: record.kind,
				licence: record.licence,
				holders: record.holders.clone(),
				parents: record.parents.clone(),
			})
		);
	});
}

#[test]
fn register_work_charges_for_the_fingerprint() {
	build_and_execute(|| {
		attest(ALICE);
		let fingerprint = Fingerprint::<Test>::try_from(vec![0xAB; 20]).unwrap();
		assert_ok!(Works::register_work(
			RuntimeOrigin::signed(ALICE),
			content(1),
			Some(fingerprint),
			cid(METADATA),
			WorkKind::Model3d,
			OPEN_LICENCE,
			split(&[(ALICE, 10_000)]),
			parents(&[]),
		));
		assert_eq!(held(HoldReason::WorkRegistration, ALICE), DEPOSIT + 20 * PER_BYTE);
	});
}

#[test]
fn register_work_fails_when_unsigned() {
	build_and_execute(|| {
		assert_noop!(
			Works::register_work(
				RuntimeOrigin::none(),
				content(1),
				None,
				cid(METADATA),
				WorkKind::Text,
				OPEN_LICENCE,
				split(&[(ALICE, 10_000)]),
				parents(&[]),
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn register_work_fails_when_not_attested() {
	build_and_execute(|| {
		assert_noop!(
			Works::register_work(
				RuntimeOrigin::signed(ALICE),
				content(1),
				None,
				cid(METADATA),
				WorkKind::Text,
				OPEN_LICENCE,
				split(&[(ALICE, 10_000)]),
				parents(&[]),
			),
			Error::<Test>::NotAttested
		);
	});
}

/// Registers content 1 by `ALICE` with `holders` and `upstream`, expecting `error`.
fn assert_register_fails(
	holders: &[(u64, BasisPoints)],
	upstream: &[(WorkId, BasisPoints)],
	error: impl Into<DispatchError>,
) {
	assert_noop!(
		Works::register_work(
			RuntimeOrigin::signed(ALICE),
			content(99),
			None,
			cid(METADATA),
			WorkKind::Design,
			OPEN_LICENCE,
			split(holders),
			parents(upstream),
		),
		error.into()
	);
}

#[test]
fn register_work_fails_when_attestation_expired() {
	build_and_execute(|| {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), ALICE, 1, 5));
		System::set_block_number(5);
		assert_register_fails(&[(ALICE, 10_000)], &[], Error::<Test>::AttestationExpired);
	});
}

#[test]
fn register_work_fails_when_content_already_registered() {
	build_and_execute(|| {
		attest(ALICE);
		attest(BOB);
		register_as(ALICE, 1, &[(ALICE, 10_000)], &[]);
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
fn register_work_fails_when_split_is_invalid() {
	build_and_execute(|| {
		attest(ALICE);
		assert_register_fails(&[], &[], Error::<Test>::EmptySplit);
		assert_register_fails(&[(ALICE, 10_000), (BOB, 0)], &[], Error::<Test>::ZeroShare);
		assert_register_fails(
			&[(ALICE, 5_000), (ALICE, 5_000)],
			&[],
			Error::<Test>::DuplicateHolder,
		);
		assert_register_fails(
			&[(ALICE, 5_000), (BOB, 4_999)],
			&[],
			Error::<Test>::SplitDoesNotSumToWhole,
		);
		assert_register_fails(
			&[(ALICE, 5_000), (BOB, 5_001)],
			&[],
			Error::<Test>::SplitDoesNotSumToWhole,
		);
	});
}

#[test]
fn register_work_fails_when_deposit_cannot_be_held() {
	build_and_execute(|| {
		attest(PAUPER);
		assert_noop!(
			Works::register_work(
				RuntimeOrigin::signed(PAUPER),
				content(1),
				None,
				cid(METADATA),
				WorkKind::Craft,
				OPEN_LICENCE,
				split(&[(PAUPER, 10_000)]),
				parents(&[]),
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn register_derivative_works() {
	build_and_execute(|| {
		let parent = original(1);
		attest(BOB);
		let child = register_as(BOB, 2, &[(BOB, 10_000)], &[(parent, 2_000)]);
		let record = WorkOf::<Test>::get(child).unwrap();
		assert_eq!(record.parents.to_vec(), vec![(parent, 2_000)]);
		assert_eq!(record.depth, 1);
		assert_eq!(WorkOf::<Test>::get(parent).unwrap().derivatives, 1);
	});
}

#[test]
fn register_derivative_fails_when_parent_is_unknown() {
	build_and_execute(|| {
		attest(ALICE);
		assert_register_fails(&[(ALICE, 10_000)], &[(42, 1_000)], Error::<Test>::UnknownWork);
	});
}

#[test]
fn register_derivative_fails_when_parent_is_disputed_or_revoked() {
	build_and_execute(|| {
		let parent = original(1);
		assert_ok!(Works::open_dispute(RuntimeOrigin::signed(CAROL), parent, cid("evidence")));
		assert_register_fails(&[(ALICE, 10_000)], &[(parent, 1_000)], Error::<Test>::WorkFrozen);
		assert_ok!(Works::rule_dispute(RuntimeOrigin::root(), parent, crate::Ruling::Revoke));
		assert_register_fails(&[(ALICE, 10_000)], &[(parent, 1_000)], Error::<Test>::WorkRevoked);
	});
}

#[test]
fn register_derivative_fails_when_licence_forbids_derivatives() {
	build_and_execute(|| {
		attest(ALICE);
		let closed = [
			Licence::AllRightsReserved,
			Licence::CreativeCommons(CcVariant::ByNd),
			Licence::CreativeCommons(CcVariant::ByNcNd),
			Licence::Commercial { fee: 10, derivatives: false },
		];
		for (n, licence) in closed.into_iter().enumerate() {
			let parent = register_with_licence(ALICE, n as u32, &[(ALICE, 10_000)], &[], licence);
			assert_register_fails(
				&[(ALICE, 10_000)],
				&[(parent, 1_000)],
				Error::<Test>::DerivativesNotAllowed,
			);
		}
		let open = register_with_licence(
			ALICE,
			10,
			&[(ALICE, 10_000)],
			&[],
			Licence::Commercial { fee: 10, derivatives: true },
		);
		register_as(ALICE, 11, &[(ALICE, 10_000)], &[(open, 1_000)]);
	});
}

#[test]
fn register_derivative_fails_when_parents_are_malformed() {
	build_and_execute(|| {
		let a = original(1);
		let b = register_as(ALICE, 2, &[(ALICE, 10_000)], &[]);
		assert_register_fails(
			&[(ALICE, 10_000)],
			&[(a, 100), (a, 100)],
			Error::<Test>::DuplicateParent,
		);
		assert_register_fails(&[(ALICE, 10_000)], &[(a, 0)], Error::<Test>::ZeroShare);
		assert_register_fails(
			&[(ALICE, 10_000)],
			&[(a, 6_000), (b, 4_001)],
			Error::<Test>::UpstreamSharesExceedWhole,
		);
		// Exactly the whole upstream is allowed: the derivative keeps nothing for itself.
		register_as(ALICE, 3, &[(ALICE, 10_000)], &[(a, 6_000), (b, 4_000)]);
	});
}

/// Registers a chain of `length` works, each the only parent of the next; returns the last.
fn chain(first_content: u32, length: u32) -> WorkId {
	attest(ALICE);
	let mut top = register_as(ALICE, first_content, &[(ALICE, 10_000)], &[]);
	for n in 1..length {
		top = register_as(ALICE, first_content + n, &[(ALICE, 10_000)], &[(top, 1_000)]);
	}
	top
}

#[test]
fn derivative_chain_at_the_depth_cap_works() {
	build_and_execute(|| {
		// Five works: depths 0, 1, 2, 3, 4 = MaxAncestryDepth.
		let last = chain(0, 5);
		assert_eq!(WorkOf::<Test>::get(last).unwrap().depth, 4);
	});
}

#[test]
fn derivative_chain_beyond_the_depth_cap_fails() {
	build_and_execute(|| {
		let last = chain(0, 5);
		assert_register_fails(&[(ALICE, 10_000)], &[(last, 1_000)], Error::<Test>::AncestryTooDeep);
	});
}

#[test]
fn register_derivative_fails_when_ancestors_exceed_the_bound() {
	build_and_execute(|| {
		// Four chains of four works: 16 distinct ancestors = MaxAncestors, at depth 4.
		let tops: Vec<WorkId> = (0..4).map(|c| chain(c * 10, 4)).collect();
		let upstream: Vec<(WorkId, BasisPoints)> = tops.iter().map(|top| (*top, 1_000)).collect();
		register_as(ALICE, 100, &[(ALICE, 10_000)], &upstream);

		// One more ancestor: a root that the top of the last chain also derives from.
		let extra = register_as(ALICE, 101, &[(ALICE, 10_000)], &[]);
		let wide_top =
			register_as(ALICE, 102, &[(ALICE, 10_000)], &[(tops[3] - 1, 1_000), (extra, 1_000)]);
		let mut upstream: Vec<(WorkId, BasisPoints)> = upstream[..3].to_vec();
		upstream.push((wide_top, 1_000));
		assert_register_fails(&[(ALICE, 10_000)], &upstream, Error::<Test>::TooManyAncestors);
	});
}

#[test]
fn register_work_fails_when_ids_run_out() {
	build_and_execute(|| {
		attest(ALICE);
		NextWorkId::<Test>::put(WorkId::MAX);
		assert_register_fails(&[(ALICE, 10_000)], &[], Error::<Test>::Overflow);
	});
}
