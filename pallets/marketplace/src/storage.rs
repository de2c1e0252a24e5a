//! The marketplace's storage, imported into the pallet by `#[import_section(storage)]`.

use frame_support::pallet_macros::pallet_section;

/// The marketplace's storage, imported into the pallet by `#[import_section(storage)]`.
#[pallet_section]
mod storage {
	/// The platform fee, in basis points of every price.
	#[pallet::storage]
	pub type PlatformFee<T> = StorageValue<_, BasisPoints, ValueQuery>;

	/// Fixed-price and Dutch listings, by item.
	#[pallet::storage]
	pub type Listings<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Listing<T>>;

	/// The id the next offer gets.
	#[pallet::storage]
	pub type NextOfferId<T> = StorageValue<_, OfferId, ValueQuery>;

	/// Open offers by id.
	#[pallet::storage]
	pub type Offers<T: Config> = StorageMap<_, Blake2_128Concat, OfferId, Offer<T>>;

	/// How many open offers each account has.
	#[pallet::storage]
	pub type OpenOffersOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// English auctions, by item.
	#[pallet::storage]
	pub type Auctions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, Auction<T>>;

	/// Primary drops, by collection.
	#[pallet::storage]
	pub type Drops<T: Config> = StorageMap<_, Blake2_128Concat, CollectionId, Drop<T>>;

	/// Editions each account bought from a collection's drop.
	#[pallet::storage]
	pub type DropPurchases<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CollectionId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// Listings and offers to close at each block.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<Expiring, T::MaxExpiriesPerBlock>,
		ValueQuery,
	>;

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T> = StorageValue<_, OrderId, ValueQuery>;

	/// Open physical orders, by id.
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Blake2_128Concat, OrderId, Order<T>>;

	/// The open order of each item: an item in an order cannot be sold, gifted, exported or
	/// burned until the order closes.
	#[pallet::storage]
	pub type OrderOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CollectionId, Blake2_128Concat, ItemId, OrderId>;

	/// Orders whose deadline falls at each block.
	#[pallet::storage]
	pub type OrderDeadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<OrderId, T::MaxOrdersDuePerBlock>,
		ValueQuery,
	>;

	/// The order windows, as the council set them.
	#[pallet::storage]
	pub type OrderWindowsOf<T: Config> =
		StorageValue<_, OrderWindows<BlockNumberFor<T>>, ValueQuery, T::DefaultOrderWindows>;

	/// The member institution the council named to split disputed orders' escrow.
	#[pallet::storage]
	pub type Arbiter<T: Config> = StorageValue<_, T::AccountId>;

	/// Collections whose products are made to order (no return without a reason).
	#[pallet::storage]
	pub type MadeToOrder<T> = StorageMap<_, Blake2_128Concat, CollectionId, ()>;

	/// The institution the council named to mint the settlement asset.
	#[pallet::storage]
	pub type SettlementIssuer<T: Config> = StorageValue<_, T::AccountId>;
}
