use super::*;
use crate::{AttestationOf, Error};
use frame_support::assert_noop;
use sp_runtime::DispatchError;
use yinji_primitives::CreatorAttestations;

#[test]
fn attest_creator_works() {
	build_and_execute(|| {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), ALICE, 3, 50));
		let attestation = AttestationOf::<Test>::get(ALICE).unwrap();
		assert_eq!(
			(attestation.institution, attestation.kyc_level, attestation.expires_at),
			(MUSEUM, 3, 50)
		);
		assert_eq!(
			last_event(),
			works_event(Event::CreatorAttested {
				who: ALICE,
				institution: MUSEUM,
				kyc_level: 3,
				expires_at: 50
			})
		);
		assert_eq!(Works::kyc_level(&ALICE), Some(3));
		assert!(Works::is_attested(&ALICE, 3));
		assert!(!Works::is_attested(&ALICE, 4));
	});
}

#[test]
fn attest_creator_replaces_an_earlier_attestation() {
	build_and_execute(|| {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), ALICE, 1, 50));
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(SCHOOL), ALICE, 2, 80));
		let attestation = AttestationOf::<Test>::get(ALICE).unwrap();
		assert_eq!((attestation.institution, attestation.kyc_level), (SCHOOL, 2));
	});
}

#[test]
fn attest_creator_fails_when_origin_is_not_an_institution() {
	build_and_execute(|| {
		assert_noop!(
			Works::attest_creator(RuntimeOrigin::signed(ALICE), ALICE, 1, 50),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Works::attest_creator(RuntimeOrigin::root(), ALICE, 1, 50),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn attest_creator_fails_when_expiry_is_not_in_the_future() {
	build_and_execute(|| {
		System::set_block_number(10);
		assert_noop!(
			Works::attest_creator(RuntimeOrigin::signed(MUSEUM), ALICE, 1, 10),
			Error::<Test>::ExpiryNotInFuture
		);
	});
}

#[test]
fn attestation_expires_at_its_block() {
	build_and_execute(|| {
		assert_ok!(Works::attest_creator(RuntimeOrigin::signed(MUSEUM), ALICE, 1, 10));
		System::set_block_number(9);
		assert_eq!(Works::kyc_level(&ALICE), Some(1));
		System::set_block_number(10);
		assert_eq!(Works::kyc_level(&ALICE), None);
	});
}

#[test]
fn revoke_attestation_works() {
	build_and_execute(|| {
		attest(ALICE);
		assert_ok!(Works::revoke_attestation(RuntimeOrigin::signed(MUSEUM), ALICE));
		assert!(AttestationOf::<Test>::get(ALICE).is_none());
		assert_eq!(
			last_event(),
			works_event(Event::AttestationRevoked { who: ALICE, institution: MUSEUM })
		);
	});
}

#[test]
fn revoke_attestation_fails_when_not_attested() {
	build_and_execute(|| {
		assert_noop!(
			Works::revoke_attestation(RuntimeOrigin::signed(MUSEUM), ALICE),
			Error::<Test>::NotAttested
		);
	});
}

#[test]
fn revoke_attestation_fails_when_another_institution_attested() {
	build_and_execute(|| {
		attest(ALICE);
		assert_noop!(
			Works::revoke_attestation(RuntimeOrigin::signed(SCHOOL), ALICE),
			Error::<Test>::NotAttester
		);
	});
}

#[test]
fn revoke_attestation_fails_when_origin_is_not_an_institution() {
	build_and_execute(|| {
		attest(ALICE);
		assert_noop!(
			Works::revoke_attestation(RuntimeOrigin::signed(ALICE), ALICE),
			DispatchError::BadOrigin
		);
	});
}
