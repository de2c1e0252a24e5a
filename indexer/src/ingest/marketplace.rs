//! Marketplace events: listings, auctions, bids, offers, drops, sales with their breakdown
//! (physical orders are in `orders.rs`).

use super::{
	render::{self, account, account_pairs, asset},
	Writer,
};
use crate::{
	db::{amount, int},
	Error,
};
use yinji_client::runtime::runtime_types::pallet_marketplace::{
	pallet::Event,
	types::{PriceSchedule, SaleKind},
};

/// A new listing or auction, as the `listings` table records it.
struct Listing {
	collection: u32,
	item: u32,
	/// `fixed`, `dutch` or `auction`.
	kind: &'static str,
	seller: String,
	asset: String,
	/// The price it starts at.
	price: u128,
	/// How the price develops, as JSON.
	schedule: serde_json::Value,
	/// The first block it can no longer be bought (an auction's scheduled end).
	expires_at: u32,
}

impl Writer<'_, '_> {
	async fn listing(&mut self, listing: Listing) -> Result<(), Error> {
		let Listing { collection, item, kind, seller, asset, price, schedule, expires_at } =
			listing;
		// A new listing replaces an open one of the same item.
		self.close_listing(collection, item, "replaced").await?;
		let query = sqlx::query(
			"INSERT INTO listings (block_number, event_index, collection, item, kind, seller, \
			 asset, price, schedule, expires_at, closed_block, close_reason) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(collection))
		.bind(int(item))
		.bind(kind.to_string())
		.bind(seller)
		.bind(asset)
		.bind(amount(price))
		.bind(schedule.to_string())
		.bind(int(expires_at));
		self.exec(query).await
	}

	pub(super) async fn marketplace(&mut self, event: &Event) -> Result<(), Error> {
		match event {
			Event::Listed { collection, item, seller, asset: kind, price, expires_at } => {
				let (kind_name, start) = match price {
					PriceSchedule::Fixed(price) => ("fixed", *price),
					PriceSchedule::Dutch { start, .. } => ("dutch", *start),
				};
				self.listing(Listing {
					collection: *collection,
					item: *item,
					kind: kind_name,
					seller: account(seller),
					asset: asset(kind),
					price: start,
					schedule: render::schedule(price),
					expires_at: *expires_at,
				})
				.await
			}
			Event::AuctionCreated {
				collection,
				item,
				seller,
				asset: kind,
				start_price,
				ends_at,
			} => {
				let schedule =
					serde_json::json!({ "Auction": { "start": start_price.to_string() } });
				self.listing(Listing {
					collection: *collection,
					item: *item,
					kind: "auction",
					seller: account(seller),
					asset: asset(kind),
					price: *start_price,
					schedule,
					expires_at: *ends_at,
				})
				.await
			}
			Event::ListingRemoved { collection, item } => {
				self.close_listing(*collection, *item, "removed").await
			}
			Event::AuctionClosedUnsold { collection, item } => {
				self.close_listing(*collection, *item, "unsold").await
			}
			Event::BidPlaced { collection, item, bidder, amount: bid, ends_at } => {
				self.bid_placed((*collection, *item), account(bidder), *bid, *ends_at).await
			}
			Event::Settled { .. } => self.settled(event).await,
			Event::OrderPlaced { .. }
			| Event::OrderMoved { .. }
			| Event::OrderDisputed { .. }
			| Event::OrderRefunded { .. }
			| Event::DisputeResolved { .. }
			| Event::OrderClosed { .. } => self.orders(event).await,
			// Governance's fee is in every sale's breakdown: it needs no row of its own.
			Event::PlatformFeeSet { .. } => Ok(()),
			_ => self.offers_and_drops(event).await,
		}
	}

	/// `BidPlaced`: the bid, and the auction's end it moved.
	async fn bid_placed(
		&mut self,
		(collection, item): (u32, u32),
		bidder: String,
		bid: u128,
		ends_at: u32,
	) -> Result<(), Error> {
		let ends_at = int(ends_at);
		let query = sqlx::query(
			"INSERT INTO bids (block_number, event_index, collection, item, bidder, amount, \
			 ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(collection))
		.bind(int(item))
		.bind(bidder)
		.bind(amount(bid))
		.bind(ends_at);
		self.exec(query).await?;
		// A late bid extends the auction.
		let query = sqlx::query(
			"UPDATE listings SET expires_at = $1 WHERE collection = $2 AND item = $3 \
			 AND kind = 'auction' AND closed_block IS NULL",
		)
		.bind(ends_at)
		.bind(int(collection))
		.bind(int(item));
		self.exec(query).await
	}

	/// `OfferMade`, `OfferWithdrawn`, `ClaimedByTap`, `DropCreated`, `DropClosed`.
	async fn offers_and_drops(&mut self, event: &Event) -> Result<(), Error> {
		let query = match event {
			Event::OfferMade { offer, collection, item, offerer, asset: kind, amount: offered } => {
				sqlx::query(
					"INSERT INTO offers (offer, block_number, collection, item, offerer, asset, \
					 amount, closed_block, close_reason) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)",
				)
				.bind(int(*offer))
				.bind(self.number())
				.bind(int(*collection))
				.bind(int(*item))
				.bind(account(offerer))
				.bind(asset(kind))
				.bind(amount(*offered))
			}
			Event::OfferWithdrawn { offer } => sqlx::query(
				"UPDATE offers SET closed_block = $1, close_reason = 'withdrawn' WHERE offer = $2",
			)
			.bind(self.number())
			.bind(int(*offer)),
			// Follows the claim's `Settled`, which closed the offer as accepted.
			Event::ClaimedByTap { offer, .. } => {
				sqlx::query("UPDATE offers SET close_reason = 'claimed_by_tap' WHERE offer = $1")
					.bind(int(*offer))
			}
			Event::DropCreated { collection, asset: kind, price } => sqlx::query(
				"INSERT INTO drops (collection, block_number, asset, price, closed_block) \
				 VALUES ($1, $2, $3, $4, NULL)",
			)
			.bind(int(*collection))
			.bind(self.number())
			.bind(asset(kind))
			.bind(amount(*price)),
			Event::DropClosed { collection } => sqlx::query(
				"UPDATE drops SET closed_block = $1 WHERE collection = $2 AND closed_block IS NULL",
			)
			.bind(self.number())
			.bind(int(*collection)),
			_ => return Ok(()),
		};
		self.exec(query).await
	}

	/// `Settled`: the sale with its breakdown, each royalty payout, and the listing and offer
	/// it closed.
	async fn settled(&mut self, event: &Event) -> Result<(), Error> {
		let Event::Settled {
			kind,
			collection,
			item,
			seller,
			buyer,
			asset: paid_in,
			gross,
			fee,
			royalties,
			seller_proceeds,
			discount,
			loyalty_minted,
		} = event
		else {
			// Only `Settled` is handed here.
			return Ok(());
		};
		let (collection, item, gross) = (*collection, *item, *gross);
		let (asset, royalties) = (asset(paid_in), account_pairs(royalties));
		// Invariant 1 as the chain reports it: the parts add up to the price, exactly. A
		// breakdown that does not is never written.
		let parts = royalties
			.iter()
			.try_fold(fee.checked_add(*seller_proceeds), |sum, (_, part)| {
				Some(sum?.checked_add(*part))
			})
			.flatten();
		if parts != Some(gross) {
			return Err(Error::Invalid(format!(
				"sale of {collection}/{item} in block {}: parts do not add up to {gross}",
				self.fetched.block.number
			)));
		}
		let timestamp = int(self.fetched.block.timestamp_ms);
		let query = sqlx::query(
			"INSERT INTO sales (block_number, event_index, timestamp_ms, collection, item, seller, \
			 buyer, asset, gross, fee, royalties, seller_proceeds, discount, loyalty_minted) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(timestamp)
		.bind(int(collection))
		.bind(int(item))
		.bind(account(seller))
		.bind(account(buyer))
		.bind(asset.clone())
		.bind(amount(gross))
		.bind(amount(*fee))
		.bind(amount(royalties.iter().map(|(_, part)| part).sum()))
		.bind(amount(*seller_proceeds))
		.bind(amount(*discount))
		.bind(amount(*loyalty_minted));
		self.exec(query).await?;
		self.royalty_payouts((collection, item), &asset, &royalties).await?;
		self.close_listing(collection, item, "sold").await?;
		self.close_settled_offer(kind).await
	}

	/// One `royalty_payouts` row per royalty part of the sale of `(collection, item)`.
	async fn royalty_payouts(
		&mut self,
		(collection, item): (u32, u32),
		asset: &str,
		royalties: &[(String, u128)],
	) -> Result<(), Error> {
		let timestamp = int(self.fetched.block.timestamp_ms);
		for (position, (account, part)) in royalties.iter().enumerate() {
			let query = sqlx::query(
				"INSERT INTO royalty_payouts (block_number, event_index, position, timestamp_ms, \
				 account, asset, amount, collection, item) \
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			)
			.bind(self.number())
			.bind(self.index())
			.bind(int(position as u64))
			.bind(timestamp)
			.bind(account.clone())
			.bind(asset.to_string())
			.bind(amount(*part))
			.bind(int(collection))
			.bind(int(item));
			self.exec(query).await?;
		}
		Ok(())
	}

	/// The offer a sale closed, as its `Settled` event names it (an accepted offer, or the held
	/// offer a tap claimed with).
	async fn close_settled_offer(&mut self, kind: &SaleKind) -> Result<(), Error> {
		let offer = match kind {
			SaleKind::Offer(offer) | SaleKind::Claim(offer) => *offer,
			SaleKind::Listing | SaleKind::Auction | SaleKind::Drop | SaleKind::Order(_) => {
				return Ok(())
			}
		};
		let offer = i64::try_from(offer)
			.map_err(|_| Error::Invalid(format!("offer id {offer} above i64")))?;
		let query = sqlx::query(
			"UPDATE offers SET closed_block = $1, close_reason = 'accepted' WHERE offer = $2",
		)
		.bind(self.number())
		.bind(offer);
		self.exec(query).await
	}
}
