//! The pallet's calls, one feature per file, each an `impl Pallet<T>` block, and the one
//! settlement they all end in.

mod auction;
mod currency;
mod drop;
mod expiry;
mod listing;
mod offer;
mod order;
mod settlement;

pub(crate) use settlement::{Funding, Sale};

use crate::{BalanceOf, Config, Error, Event, Pallet, PlatformFee};
use frame_support::{ensure, pallet_prelude::DispatchResult, traits::Contains};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Get, Zero};
use yinji_primitives::{BasisPoints, CollectibleSettlement, CollectionId, ItemId, ItemInfo};

impl<T: Config> Pallet<T> {
	/// Sets the platform fee.
	pub(crate) fn do_set_platform_fee(fee: BasisPoints) -> DispatchResult {
		ensure!(fee <= T::MaxPlatformFee::get(), Error::<T>::FeeTooHigh);
		PlatformFee::<T>::put(fee);
		Self::deposit_event(Event::PlatformFeeSet { fee });
		Ok(())
	}

	/// The current block number.
	pub(crate) fn now() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Fails unless the marketplace takes `asset`, `amount` is above zero and `expires_at` is
	/// after the current block: the checks every new listing, offer, auction and drop makes.
	pub(crate) fn ensure_terms(
		asset: &T::AssetKind,
		amount: BalanceOf<T>,
		expires_at: BlockNumberFor<T>,
	) -> DispatchResult {
		ensure!(T::AcceptedAssets::contains(asset), Error::<T>::AssetNotAccepted);
		ensure!(!amount.is_zero(), Error::<T>::ZeroPrice);
		ensure!(expires_at > Self::now(), Error::<T>::ExpiryNotInFuture);
		Ok(())
	}

	/// The item, which `seller` must own and which must be tradable in a collection whose
	/// policy allows sales: what listing and auctioning need.
	pub(crate) fn sellable_item(
		seller: &T::AccountId,
		collection: CollectionId,
		item: ItemId,
	) -> Result<ItemInfo<T::AccountId>, Error<T>> {
		let info = T::Collectibles::item(collection, item).ok_or(Error::<T>::UnknownItem)?;
		ensure!(info.owner == *seller, Error::<T>::NotOwner);
		ensure!(info.tradable, Error::<T>::NotTradable);
		ensure!(!Self::in_order(collection, item), Error::<T>::InOrder);
		Self::ensure_sale_allowed(collection)?;
		Ok(info)
	}

	/// Fails unless the collection's policy allows sales.
	pub(crate) fn ensure_sale_allowed(collection: CollectionId) -> Result<(), Error<T>> {
		let terms = T::Collectibles::collection(collection).ok_or(Error::<T>::UnknownCollection)?;
		ensure!(terms.policy.allows_sale(), Error::<T>::SaleNotAllowed);
		Ok(())
	}

	/// Whether `seller` still owns the item under ownership nonce `nonce`.
	pub(crate) fn still_owned(
		collection: CollectionId,
		item: ItemId,
		seller: &T::AccountId,
		nonce: u32,
	) -> bool {
		T::Collectibles::item(collection, item)
			.is_some_and(|info| info.owner == *seller && info.nonce == nonce)
	}
}
