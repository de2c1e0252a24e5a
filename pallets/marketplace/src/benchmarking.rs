//! Benchmarks of every call of the marketplace pallet (FRAME benchmarks v2), each in its worst
//! case; the sale calls over `b`, the number of rights holders a settlement pays.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get, Hooks};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use yinji_primitives::{CollectionId, ItemId};

type Helper<T> = <T as Config>::BenchmarkHelper;

fn price<T: Config>() -> BalanceOf<T> {
	1_000_000u32.into()
}

/// An account holding plenty of the benchmark currency.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	Helper::<T>::fund(&who, &Helper::<T>::asset(), 1_000_000_000u32.into());
	who
}

/// An item owned by a funded seller, in a collection whose sales pay `b` rights holders.
fn item<T: Config>(b: u32) -> (T::AccountId, CollectionId, ItemId) {
	let issuer = funded::<T>("issuer", 0);
	let seller = funded::<T>("seller", 0);
	let collection = Helper::<T>::collection(&issuer, b);
	let item = Helper::<T>::mint(&issuer, collection, &seller);
	(seller, collection, item)
}

fn later<T: Config>(blocks: u32) -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number() + blocks.into()
}

fn listed<T: Config>(b: u32) -> (T::AccountId, CollectionId, ItemId) {
	let (seller, collection, item) = item::<T>(b);
	let listed = Pallet::<T>::list(
		RawOrigin::Signed(seller.clone()).into(),
		collection,
		item,
		Helper::<T>::asset(),
		price::<T>(),
		later::<T>(10),
		None,
	);
	assert!(listed.is_ok(), "benchmark setup lists an item");
	(seller, collection, item)
}

fn offered<T: Config>(b: u32) -> (T::AccountId, OfferId) {
	let (seller, collection, item) = item::<T>(b);
	let offerer = funded::<T>("offerer", 0);
	let offer = NextOfferId::<T>::get();
	let made = Pallet::<T>::make_offer(
		RawOrigin::Signed(offerer).into(),
		collection,
		item,
		Helper::<T>::asset(),
		price::<T>(),
		later::<T>(10),
	);
	assert!(made.is_ok(), "benchmark setup makes an offer");
	(seller, offer)
}

fn auctioned<T: Config>(b: u32) -> (T::AccountId, CollectionId, ItemId) {
	let (seller, collection, item) = item::<T>(b);
	let created = Pallet::<T>::create_auction(
		RawOrigin::Signed(seller.clone()).into(),
		collection,
		item,
		Helper::<T>::asset(),
		price::<T>(),
		price::<T>(),
		1_000,
		later::<T>(10),
	);
	assert!(created.is_ok(), "benchmark setup opens an auction");
	(seller, collection, item)
}

fn dropped<T: Config>(b: u32) -> (T::AccountId, CollectionId) {
	let issuer = funded::<T>("issuer", 0);
	let collection = Helper::<T>::collection(&issuer, b);
	let created = Pallet::<T>::create_drop(
		RawOrigin::Signed(issuer.clone()).into(),
		collection,
		Helper::<T>::asset(),
		price::<T>(),
		u32::MAX,
		0,
		later::<T>(10),
	);
	assert!(created.is_ok(), "benchmark setup opens a drop");
	(issuer, collection)
}

/// A listed item of a collection paying `b` rights holders, tagged, and a funded buyer's
/// paid order of it; with `ship`, shipped too.
fn ordered<T: Config>(b: u32, ship: bool) -> (T::AccountId, T::AccountId, OrderId) {
	let (seller, collection, item) = listed::<T>(b);
	let buyer = funded::<T>("buyer", 0);
	let id = NextOrderId::<T>::get();
	let placed = Pallet::<T>::place_order(
		RawOrigin::Signed(buyer.clone()).into(),
		collection,
		item,
		Helper::<T>::asset(),
		price::<T>(),
	);
	assert!(placed.is_ok(), "benchmark setup places an order");
	if ship {
		let shipped = Pallet::<T>::ship_order(RawOrigin::Signed(seller.clone()).into(), id);
		assert!(shipped.is_ok(), "benchmark setup ships the order");
	}
	(seller, buyer, id)
}

/// A shipped order the buyer disputed, and the arbiter named.
fn disputed<T: Config>(b: u32) -> Result<(T::AccountId, OrderId), BenchmarkError> {
	let (_, buyer, id) = ordered::<T>(b, true);
	let disputed = Pallet::<T>::dispute_order(RawOrigin::Signed(buyer).into(), id);
	assert!(disputed.is_ok(), "benchmark setup disputes the order");
	let arbiter: T::AccountId = account("arbiter", 0, 0);
	Arbiter::<T>::put(arbiter.clone());
	Ok((arbiter, id))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_platform_fee() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, T::MaxPlatformFee::get());
		assert_eq!(PlatformFee::<T>::get(), T::MaxPlatformFee::get());
		Ok(())
	}

	#[benchmark]
	fn list() {
		let (seller, collection, item) = item::<T>(1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller),
			collection,
			item,
			Helper::<T>::asset(),
			price::<T>(),
			later::<T>(10),
			None,
		);
		assert!(Listings::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn list_dutch() {
		let (seller, collection, item) = item::<T>(1);
		let start = price::<T>() + price::<T>();
		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller),
			collection,
			item,
			Helper::<T>::asset(),
			start,
			price::<T>(),
			1_000u32.into(),
			later::<T>(10),
		);
		assert!(Listings::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn cancel_listing() {
		let (seller, collection, item) = listed::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), collection, item);
		assert!(!Listings::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn buy(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (_, collection, item) = listed::<T>(b);
		let buyer = funded::<T>("buyer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), collection, item, Helper::<T>::asset(), price::<T>(), 0);
		assert!(!Listings::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn make_offer() {
		let (_, collection, item) = item::<T>(1);
		let offerer = funded::<T>("offerer", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(offerer),
			collection,
			item,
			Helper::<T>::asset(),
			price::<T>(),
			later::<T>(10),
		);
		assert!(Offers::<T>::contains_key(0));
	}

	#[benchmark]
	fn withdraw_offer() {
		let (_, offer) = offered::<T>(1);
		let offerer =
			Offers::<T>::get(offer).map(|o| o.offerer).unwrap_or_else(|| account("offerer", 0, 0));
		#[extrinsic_call]
		_(RawOrigin::Signed(offerer), offer);
		assert!(!Offers::<T>::contains_key(offer));
	}

	#[benchmark]
	fn accept_offer(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (seller, offer) = offered::<T>(b);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), offer);
		assert!(!Offers::<T>::contains_key(offer));
	}

	#[benchmark]
	fn claim_by_tap(b: Linear<1, { T::MaxBeneficiaries::get() }>) -> Result<(), BenchmarkError> {
		let (seller, offer) = offered::<T>(b);
		let record = Offers::<T>::get(offer).ok_or(BenchmarkError::Stop("setup made no offer"))?;
		let issuer: T::AccountId = account("issuer", 0, 0);
		let tag = Helper::<T>::tag(&issuer, record.collection, record.item);
		Pallet::<T>::list(
			RawOrigin::Signed(seller).into(),
			record.collection,
			record.item,
			Helper::<T>::asset(),
			price::<T>(),
			later::<T>(10),
			Some(record.offerer),
		)?;
		let origin = T::TagVerifierOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, offer, tag, 7);
		assert!(!Offers::<T>::contains_key(offer));
		assert!(!Listings::<T>::contains_key(record.collection, record.item));
		Ok(())
	}

	#[benchmark]
	fn create_auction() {
		let (seller, collection, item) = item::<T>(1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(seller),
			collection,
			item,
			Helper::<T>::asset(),
			price::<T>(),
			price::<T>(),
			1_000,
			later::<T>(10),
		);
		assert!(Auctions::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn bid() {
		let (_, collection, item) = auctioned::<T>(1);
		// A previous bid, so that the new one also releases it.
		let first = funded::<T>("bidder", 0);
		let placed =
			Pallet::<T>::bid(RawOrigin::Signed(first).into(), collection, item, price::<T>());
		assert!(placed.is_ok(), "benchmark setup places a first bid");
		let bidder = funded::<T>("bidder", 1);
		let amount = price::<T>() + price::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder.clone()), collection, item, amount);
		assert_eq!(
			Auctions::<T>::get(collection, item).and_then(|a| a.highest).map(|h| h.0),
			Some(bidder)
		);
	}

	#[benchmark]
	fn settle_auction(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (_, collection, item) = auctioned::<T>(b);
		let bidder = funded::<T>("bidder", 0);
		let placed = Pallet::<T>::bid(
			RawOrigin::Signed(bidder.clone()).into(),
			collection,
			item,
			price::<T>(),
		);
		assert!(placed.is_ok(), "benchmark setup places a bid");
		// A late bid extends the auction by `AuctionExtension`: settle at its actual end.
		let ends_at = Auctions::<T>::get(collection, item).map(|auction| auction.ends_at);
		frame_system::Pallet::<T>::set_block_number(ends_at.unwrap_or_else(|| later::<T>(10)));
		#[extrinsic_call]
		_(RawOrigin::Signed(bidder), collection, item);
		assert!(!Auctions::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn cancel_auction() {
		let (seller, collection, item) = auctioned::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), collection, item);
		assert!(!Auctions::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn create_drop() {
		let issuer = funded::<T>("issuer", 0);
		let collection = Helper::<T>::collection(&issuer, 1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			collection,
			Helper::<T>::asset(),
			price::<T>(),
			u32::MAX,
			0,
			later::<T>(10),
		);
		assert!(Drops::<T>::contains_key(collection));
	}

	#[benchmark]
	fn buy_from_drop(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (_, collection) = dropped::<T>(b);
		let buyer = funded::<T>("buyer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), collection, price::<T>(), 0);
		assert_eq!(DropPurchases::<T>::get(collection, &buyer), 1);
	}

	#[benchmark]
	fn close_drop() {
		let (issuer, collection) = dropped::<T>(1);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection);
		assert!(!Drops::<T>::contains_key(collection));
	}

	#[benchmark]
	fn on_initialize(n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		let (_, collection, item) = item::<T>(1);
		let expires_at = later::<T>(10);
		for i in 0..n {
			let offerer = funded::<T>("offerer", i);
			let made = Pallet::<T>::make_offer(
				RawOrigin::Signed(offerer).into(),
				collection,
				item,
				Helper::<T>::asset(),
				price::<T>(),
				expires_at,
			);
			assert!(made.is_ok(), "benchmark setup makes an offer");
		}
		#[block]
		{
			Pallet::<T>::on_initialize(expires_at);
		}
		assert_eq!(Offers::<T>::iter().count(), 0);
	}

	#[benchmark]
	fn place_order() {
		let (_, collection, item) = listed::<T>(1);
		let buyer = funded::<T>("buyer", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), collection, item, Helper::<T>::asset(), price::<T>());
		assert!(OrderOf::<T>::contains_key(collection, item));
	}

	#[benchmark]
	fn ship_order() {
		let (seller, _, id) = ordered::<T>(1, false);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(matches!(Orders::<T>::get(id).map(|o| o.state), Some(OrderState::Shipped { .. })));
	}

	#[benchmark]
	fn confirm_order(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (_, buyer, id) = ordered::<T>(b, true);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(!Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn claim_order_by_tap(
		b: Linear<1, { T::MaxBeneficiaries::get() }>,
	) -> Result<(), BenchmarkError> {
		let (_, _, id) = ordered::<T>(b, true);
		let order = Orders::<T>::get(id).ok_or(BenchmarkError::Stop("the order exists"))?;
		let issuer = funded::<T>("issuer", 0);
		let tag = Helper::<T>::tag(&issuer, order.collection, order.item);
		let origin = T::TagVerifierOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, tag, 1);
		assert!(!Orders::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn request_return() {
		let (_, buyer, id) = ordered::<T>(1, true);
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer), id);
		assert!(matches!(
			Orders::<T>::get(id).map(|o| o.state),
			Some(OrderState::ReturnRequested { .. })
		));
	}

	#[benchmark]
	fn confirm_return() {
		let (seller, buyer, id) = ordered::<T>(1, true);
		let requested = Pallet::<T>::request_return(RawOrigin::Signed(buyer).into(), id);
		assert!(requested.is_ok(), "benchmark setup asks for a return");
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert!(!Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn dispute_order() {
		let (seller, _, id) = ordered::<T>(1, true);
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), id);
		assert_eq!(Orders::<T>::get(id).map(|o| o.state), Some(OrderState::Disputed));
	}

	#[benchmark]
	fn resolve_dispute(b: Linear<1, { T::MaxBeneficiaries::get() }>) -> Result<(), BenchmarkError> {
		let (arbiter, id) = disputed::<T>(b)?;
		// Half back to the buyer, half settled: the release and the whole settlement.
		let half = price::<T>() / 2u32.into();
		#[extrinsic_call]
		_(RawOrigin::Signed(arbiter), id, half);
		assert!(!Orders::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn advance_order(b: Linear<1, { T::MaxBeneficiaries::get() }>) {
		let (_, _, id) = ordered::<T>(b, true);
		// Delivered and past the return window: the advance settles.
		let windows = OrderWindowsOf::<T>::get();
		let due = frame_system::Pallet::<T>::block_number() + windows.deliver + windows.returns;
		frame_system::Pallet::<T>::set_block_number(due);
		let caller: T::AccountId = account("caller", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);
		assert!(!Orders::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_order_windows() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let windows = T::DefaultOrderWindows::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, windows);
		assert_eq!(OrderWindowsOf::<T>::get(), windows);
		Ok(())
	}

	#[benchmark]
	fn set_arbiter() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let arbiter: T::AccountId = account("arbiter", 0, 0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(arbiter.clone()));
		assert_eq!(Arbiter::<T>::get(), Some(arbiter));
		Ok(())
	}

	#[benchmark]
	fn set_made_to_order() {
		let issuer = funded::<T>("issuer", 0);
		let collection = Helper::<T>::collection(&issuer, 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), collection, true);
		assert!(MadeToOrder::<T>::contains_key(collection));
	}

	#[benchmark]
	fn issue_settlement() {
		let issuer: T::AccountId = account("bank", 0, 0);
		SettlementIssuer::<T>::put(issuer.clone());
		let to = funded::<T>("holder", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), to, price::<T>(), [7; 32]);
	}

	#[benchmark]
	fn redeem_settlement() {
		let issuer: T::AccountId = account("bank", 0, 0);
		SettlementIssuer::<T>::put(issuer.clone());
		let holder = funded::<T>("holder", 0);
		let issued = Pallet::<T>::issue_settlement(
			RawOrigin::Signed(issuer).into(),
			holder.clone(),
			price::<T>(),
			[7; 32],
		);
		assert!(issued.is_ok(), "benchmark setup issues settlement asset");
		#[extrinsic_call]
		_(RawOrigin::Signed(holder), price::<T>(), [8; 32]);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
