//! The one settlement every sale ends in: move or mint the item, divide the price by the rule
//! in [`crate::payout`], pay everyone from held funds, mint loyalty points. One extrinsic, so
//! all of it happens or none of it does.

use crate::{
	payout::{self, Pool},
	BalanceOf, Config, Error, Event, HoldReason, Listings, Pallet, PlatformFee, SaleKind,
};
use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::traits::{
	fungibles::MutateHold,
	tokens::{Fortitude, Precision, Restriction},
};
use sp_runtime::{
	traits::{Get, Saturating, Zero},
	DispatchError, Perquintill,
};
use yinji_primitives::{
	BasisPoints, CollectibleSettlement, CollectionId, ItemId, OnSettlement, Points, WorkId,
	WorkRegistry,
};

/// Where the buyer's money is when a sale settles.
pub(crate) enum Funding {
	/// In the buyer's free balance (a purchase): it is held now, less any points discount,
	/// which the sponsor pays.
	Free {
		/// Loyalty points the buyer spends for a discount.
		redeem_points: Points,
	},
	/// Already held from the buyer under this reason (an accepted offer, a winning bid).
	Held(HoldReason),
}

/// A sale about to settle.
pub(crate) struct Sale<T: Config> {
	/// The collection.
	pub collection: CollectionId,
	/// The item sold, or `None` for a primary sale that mints the next edition.
	pub item: Option<ItemId>,
	/// The owner selling, or the issuer for a primary sale.
	pub seller: T::AccountId,
	/// The buyer.
	pub buyer: T::AccountId,
	/// The currency.
	pub asset: T::AssetKind,
	/// The price.
	pub price: BalanceOf<T>,
	/// Where the buyer's money is.
	pub funding: Funding,
	/// How the sale came about.
	pub kind: SaleKind,
}

impl<T: Config> Pallet<T> {
	/// Settles `sale` and returns how many rights holders were paid (for the weight refund).
	pub(crate) fn settle(sale: Sale<T>) -> Result<u32, DispatchError> {
		let Sale { collection, item, seller, buyer, asset, price, funding, kind } = sale;
		let terms = T::Collectibles::collection(collection).ok_or(Error::<T>::UnknownCollection)?;

		// The item first: it checks the policy, the buyer's KYC level and every freeze.
		let (item, pool) = match item {
			Some(item) => {
				T::Collectibles::settle_transfer(collection, item, &seller, &buyer)?;
				Listings::<T>::remove(collection, item);
				(item, Pool::Royalty(terms.royalty))
			}
			None => (T::Collectibles::mint_sold(collection, &buyer)?, Pool::Primary),
		};

		let works = Self::beneficiaries(terms.work)?;
		let breakdown = payout::breakdown(price, PlatformFee::<T>::get(), pool, &works)
			.ok_or(Error::<T>::Overflow)?;

		let (reason, discount) = match funding {
			Funding::Held(reason) => (reason, Zero::zero()),
			Funding::Free { redeem_points } => {
				// The sponsor pays the discount to the seller, so it can be no more than the
				// seller's proceeds: everyone else is paid on the full price.
				let discount = if redeem_points == 0 {
					Zero::zero()
				} else {
					T::Loyalty::redeem(&buyer, &asset, redeem_points, breakdown.seller)?
						.min(breakdown.seller)
				};
				let reason = HoldReason::Purchase;
				T::Funds::hold(
					asset.clone(),
					&reason.into(),
					&buyer,
					price.saturating_sub(discount),
				)?;
				if !discount.is_zero() {
					T::Funds::hold(asset.clone(), &reason.into(), &T::Sponsor::get(), discount)?;
				}
				(reason, discount)
			}
		};

		Self::pay(&asset, reason, &buyer, &T::FeeDestination::get(), breakdown.fee)?;
		for (holder, amount) in &breakdown.parts {
			Self::pay(&asset, reason, &buyer, holder, *amount)?;
		}
		Self::pay(&asset, reason, &buyer, &seller, breakdown.seller.saturating_sub(discount))?;
		Self::pay(&asset, reason, &T::Sponsor::get(), &seller, discount)?;

		let loyalty_minted = T::Loyalty::settled(&buyer, &asset, price)?;
		let paid = breakdown.parts.len() as u32;
		Self::deposit_event(Event::Settled {
			kind,
			collection,
			item,
			seller,
			buyer,
			asset,
			gross: price,
			fee: breakdown.fee,
			royalties: breakdown.parts,
			seller_proceeds: breakdown.seller,
			discount,
			loyalty_minted,
		});
		Ok(paid)
	}

	/// The work and its ancestors, each with its fraction of the pool and its split; fails if
	/// they name more than `MaxBeneficiaries` distinct accounts.
	fn beneficiaries(
		work: WorkId,
	) -> Result<Vec<(Perquintill, Vec<(T::AccountId, BasisPoints)>)>, DispatchError> {
		// The item moved (or was minted) just before, so its work is registered and usable.
		let distribution = T::Works::royalty_distribution(work).ok_or(Error::<T>::NotTradable)?;
		let mut accounts = BTreeSet::new();
		let mut works = Vec::with_capacity(distribution.len());
		for (ancestor, fraction) in distribution {
			let split = T::Works::rights_holders(ancestor).ok_or(Error::<T>::NotTradable)?;
			accounts.extend(split.iter().map(|(holder, _)| holder.clone()));
			if accounts.len() > T::MaxBeneficiaries::get() as usize {
				return Err(Error::<T>::TooManyBeneficiaries.into());
			}
			works.push((fraction, split));
		}
		Ok(works)
	}

	/// Pays `amount` of `from`'s funds held under `reason` to `to`, into its free balance.
	fn pay(
		asset: &T::AssetKind,
		reason: HoldReason,
		from: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<(), DispatchError> {
		if amount.is_zero() {
			return Ok(());
		}
		let reason = reason.into();
		if from == to {
			T::Funds::release(asset.clone(), &reason, from, amount, Precision::Exact)?;
		} else {
			T::Funds::transfer_on_hold(
				asset.clone(),
				&reason,
				from,
				to,
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
		}
		Ok(())
	}
}
