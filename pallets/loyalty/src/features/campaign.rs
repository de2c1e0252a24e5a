//! Campaigns: governance approves an issuer and a budget; the issuer awards points from it.

use crate::{
	AwardReason, Campaign, CampaignId, Campaigns, Config, Error, Event, NextCampaignId, Pallet,
	Source,
};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use yinji_primitives::Points;

impl<T: Config> Pallet<T> {
	/// Creates a campaign.
	pub(crate) fn do_create_campaign(
		issuer: T::AccountId,
		budget: Points,
		ends_at: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(budget > 0, Error::<T>::ZeroPoints);
		ensure!(ends_at > Self::now(), Error::<T>::EndNotInFuture);
		let campaign = NextCampaignId::<T>::get();
		let next = campaign.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Campaigns::<T>::insert(
			campaign,
			Campaign { issuer: issuer.clone(), remaining: budget, awarded: 0, ends_at },
		);
		NextCampaignId::<T>::put(next);
		Self::deposit_event(Event::CampaignCreated { campaign, issuer, budget });
		Ok(())
	}

	/// Closes a campaign.
	pub(crate) fn do_close_campaign(campaign: CampaignId) -> DispatchResult {
		ensure!(Campaigns::<T>::contains_key(campaign), Error::<T>::UnknownCampaign);
		Campaigns::<T>::remove(campaign);
		Self::deposit_event(Event::CampaignClosed { campaign });
		Ok(())
	}

	/// Awards `points` of `campaign`'s budget to `who`.
	pub(crate) fn do_award(
		issuer: T::AccountId,
		campaign: CampaignId,
		who: T::AccountId,
		points: Points,
		reason: AwardReason,
	) -> DispatchResult {
		let mut record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(record.issuer == issuer, Error::<T>::NotCampaignIssuer);
		ensure!(Self::now() < record.ends_at, Error::<T>::CampaignEnded);
		ensure!(points > 0, Error::<T>::ZeroPoints);
		record.remaining =
			record.remaining.checked_sub(points).ok_or(Error::<T>::BudgetExhausted)?;
		record.awarded = record.awarded.checked_add(points).ok_or(Error::<T>::Overflow)?;
		Campaigns::<T>::insert(campaign, record);
		Self::earn(&who, points, Source::Campaign(campaign, reason))
	}
}
