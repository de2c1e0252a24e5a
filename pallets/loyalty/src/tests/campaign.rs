use super::*;
use crate::{Campaigns, Error, Source};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn award_spends_the_campaign_budget() {
	build_and_execute(|| {
		let id = campaign(100);
		assert_eq!(
			last_event(),
			Event::CampaignCreated { campaign: id, issuer: GATEWAY, budget: 100 }
		);
		assert_ok!(Loyalty::award(
			RuntimeOrigin::signed(GATEWAY),
			id,
			ALICE,
			60,
			AwardReason::Content
		));
		assert_eq!(
			last_event(),
			Event::PointsEarned {
				who: ALICE,
				points: 60,
				source: Source::Campaign(id, AwardReason::Content),
				expires_at: 110
			}
		);
		let record = Campaigns::<Test>::get(id).unwrap();
		assert_eq!((record.remaining, record.awarded), (40, 60));
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, BOB, 41, AwardReason::Referral),
			Error::<Test>::BudgetExhausted
		);
		assert_ok!(Loyalty::award(
			RuntimeOrigin::signed(GATEWAY),
			id,
			BOB,
			40,
			AwardReason::Referral
		));
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, BOB, 1, AwardReason::Referral),
			Error::<Test>::BudgetExhausted
		);
		assert_eq!(Loyalty::spendable(&BOB), 40);
	});
}

#[test]
fn award_fails_for_a_wrong_issuer_ended_or_unknown_campaign() {
	build_and_execute(|| {
		let id = campaign(100);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(ALICE), id, ALICE, 1, AwardReason::Event),
			Error::<Test>::NotCampaignIssuer
		);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, ALICE, 0, AwardReason::Event),
			Error::<Test>::ZeroPoints
		);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), 9, ALICE, 1, AwardReason::Event),
			Error::<Test>::UnknownCampaign
		);
		System::set_block_number(1_000);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, ALICE, 1, AwardReason::Event),
			Error::<Test>::CampaignEnded
		);
	});
}

#[test]
fn create_and_close_campaign_are_for_governance() {
	build_and_execute(|| {
		assert_noop!(
			Loyalty::create_campaign(RuntimeOrigin::signed(GATEWAY), GATEWAY, 10, 100),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Loyalty::create_campaign(RuntimeOrigin::root(), GATEWAY, 0, 100),
			Error::<Test>::ZeroPoints
		);
		assert_noop!(
			Loyalty::create_campaign(RuntimeOrigin::root(), GATEWAY, 10, 1),
			Error::<Test>::EndNotInFuture
		);
		let id = campaign(10);
		assert_noop!(
			Loyalty::close_campaign(RuntimeOrigin::signed(GATEWAY), id),
			DispatchError::BadOrigin
		);
		assert_ok!(Loyalty::close_campaign(RuntimeOrigin::root(), id));
		assert_eq!(last_event(), Event::CampaignClosed { campaign: id });
		assert_noop!(
			Loyalty::close_campaign(RuntimeOrigin::root(), id),
			Error::<Test>::UnknownCampaign
		);
		assert_noop!(
			Loyalty::award(RuntimeOrigin::signed(GATEWAY), id, ALICE, 1, AwardReason::Event),
			Error::<Test>::UnknownCampaign
		);
	});
}

#[test]
fn campaign_ids_running_out_is_an_error() {
	build_and_execute(|| {
		crate::NextCampaignId::<Test>::put(u32::MAX);
		assert_noop!(
			Loyalty::create_campaign(RuntimeOrigin::root(), GATEWAY, 10, 100),
			Error::<Test>::Overflow
		);
	});
}
