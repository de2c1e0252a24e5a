//! The settlement asset: the fiat-backed token a member bank issues, minted only by the
//! issuer the council names, each mint and burn carrying the hash of its off-chain payment
//! reference (an attestation of the fiat settlement; no personal data on chain).

use crate::{BalanceOf, Config, Error, Event, Pallet, SettlementIssuer};
use frame_support::{
	ensure,
	pallet_prelude::DispatchResult,
	traits::{
		fungibles::Mutate,
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Names (or removes) the institution that mints the settlement asset.
	pub(crate) fn do_set_settlement_issuer(issuer: Option<T::AccountId>) -> DispatchResult {
		SettlementIssuer::<T>::set(issuer.clone());
		Self::deposit_event(Event::SettlementIssuerSet { issuer });
		Ok(())
	}

	/// The named issuer mints `amount` to `to` against the fiat payment `reference`.
	pub(crate) fn do_issue_settlement(
		issuer: T::AccountId,
		to: T::AccountId,
		amount: BalanceOf<T>,
		reference: [u8; 32],
	) -> DispatchResult {
		ensure!(SettlementIssuer::<T>::get().as_ref() == Some(&issuer), Error::<T>::NotIssuer);
		ensure!(!amount.is_zero(), Error::<T>::ZeroPrice);
		T::Issuance::mint_into(T::SettlementAsset::get(), &to, amount)?;
		Self::deposit_event(Event::SettlementIssued { to, amount, reference });
		Ok(())
	}

	/// A holder redeems `amount` for fiat paid out under `reference`: it is burned.
	pub(crate) fn do_redeem_settlement(
		holder: T::AccountId,
		amount: BalanceOf<T>,
		reference: [u8; 32],
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroPrice);
		T::Issuance::burn_from(
			T::SettlementAsset::get(),
			&holder,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)?;
		Self::deposit_event(Event::SettlementRedeemed { holder, amount, reference });
		Ok(())
	}
}
