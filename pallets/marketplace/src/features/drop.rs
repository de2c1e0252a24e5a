//! Primary drops: the issuer sells new editions at a fixed price, with a per-account cap and an
//! optional minimum loyalty tier.

use super::{Funding, Sale};
use crate::SaleKind;
use crate::{BalanceOf, Config, Drop, DropPurchases, Drops, Error, Event, Pallet};
use frame_support::{ensure, pallet_prelude::DispatchResult};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::DispatchError;
use yinji_primitives::{CollectibleSettlement, CollectionId, MemberTiers, Points, Tier};

impl<T: Config> Pallet<T> {
	/// Opens a drop of `collection` by its issuer.
	pub(crate) fn do_create_drop(
		issuer: T::AccountId,
		collection: CollectionId,
		asset: T::AssetKind,
		price: BalanceOf<T>,
		per_account_cap: u32,
		min_tier: Tier,
		ends_at: BlockNumberFor<T>,
	) -> DispatchResult {
		Self::ensure_terms(&asset, price, ends_at)?;
		ensure!(per_account_cap > 0, Error::<T>::ZeroCap);
		let terms = T::Collectibles::collection(collection).ok_or(Error::<T>::UnknownCollection)?;
		ensure!(terms.issuer == issuer, Error::<T>::NotIssuer);
		ensure!(!Drops::<T>::contains_key(collection), Error::<T>::DropExists);
		Drops::<T>::insert(
			collection,
			Drop { issuer, asset: asset.clone(), price, per_account_cap, min_tier, ends_at },
		);
		Self::deposit_event(Event::DropCreated { collection, asset, price });
		Ok(())
	}

	/// Buys the next edition from a drop and returns how many rights holders were paid.
	pub(crate) fn do_buy_from_drop(
		buyer: T::AccountId,
		collection: CollectionId,
		max_price: BalanceOf<T>,
		redeem_points: Points,
	) -> Result<u32, DispatchError> {
		let drop = Drops::<T>::get(collection).ok_or(Error::<T>::NoDrop)?;
		ensure!(Self::now() < drop.ends_at, Error::<T>::DropEnded);
		ensure!(buyer != drop.issuer, Error::<T>::CannotBuyOwnItem);
		ensure!(T::Tiers::tier_of(&buyer) >= drop.min_tier, Error::<T>::TierTooLow);
		let bought = DropPurchases::<T>::get(collection, &buyer);
		ensure!(bought < drop.per_account_cap, Error::<T>::PurchaseCapReached);
		ensure!(drop.price <= max_price, Error::<T>::PriceAboveMax);
		DropPurchases::<T>::insert(collection, &buyer, bought.saturating_add(1));
		Self::settle(Sale {
			collection,
			item: None,
			seller: drop.issuer,
			buyer,
			asset: drop.asset,
			price: drop.price,
			funding: Funding::Free { redeem_points },
			kind: SaleKind::Drop,
		})
	}

	/// Closes a drop: the issuer's at any time, anyone's once it has ended.
	pub(crate) fn do_close_drop(who: T::AccountId, collection: CollectionId) -> DispatchResult {
		let drop = Drops::<T>::get(collection).ok_or(Error::<T>::NoDrop)?;
		ensure!(who == drop.issuer || Self::now() >= drop.ends_at, Error::<T>::NotIssuer);
		Drops::<T>::remove(collection);
		Self::deposit_event(Event::DropClosed { collection });
		Ok(())
	}
}
