//! Marketplace events: listings, auctions, bids, offers, drops, sales with their breakdown.

use super::{account_pairs, asset, Writer};
use crate::{
	db::{amount, int},
	Error,
};
use yinji_client::fields::{number, to_json, variant, Fields};

impl<'a> Writer<'a, '_> {
	pub(super) async fn listing(
		&mut self,
		kind: &str,
		seller: String,
		price: u128,
		schedule: serde_json::Value,
		expires_at: u64,
	) -> Result<(), Error> {
		let f = self.fields();
		let (collection, item) = (f.u64("collection")?, f.u64("item")?);
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
		.bind(asset(f.get("asset")?)?)
		.bind(amount(price))
		.bind(schedule.to_string())
		.bind(int(expires_at));
		self.exec(query).await
	}

	pub(super) async fn marketplace(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		match name {
			"Listed" => {
				let schedule = f.get("price")?;
				let (kind, price) = match variant(schedule) {
					Some(("Fixed", values)) => ("fixed", values.values().next().and_then(number)),
					Some(("Dutch", _)) => {
						("dutch", Fields::new(schedule, "price").u128("start").ok())
					}
					_ => ("unknown", None),
				};
				let price = price.ok_or_else(|| {
					Error::Invalid(format!("price schedule {}", to_json(schedule)))
				})?;
				self.listing(kind, f.hex("seller")?, price, to_json(schedule), f.u64("expires_at")?)
					.await
			}
			"AuctionCreated" => {
				let start = f.u128("start_price")?;
				let schedule = serde_json::json!({ "Auction": { "start": start.to_string() } });
				self.listing("auction", f.hex("seller")?, start, schedule, f.u64("ends_at")?).await
			}
			"ListingRemoved" => {
				self.close_listing(f.u64("collection")?, f.u64("item")?, "removed").await
			}
			"AuctionClosedUnsold" => {
				self.close_listing(f.u64("collection")?, f.u64("item")?, "unsold").await
			}
			"BidPlaced" => {
				let (collection, item) = (f.u64("collection")?, f.u64("item")?);
				let ends_at = int(f.u64("ends_at")?);
				let query = sqlx::query(
					"INSERT INTO bids (block_number, event_index, collection, item, bidder, \
					 amount, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
				)
				.bind(self.number())
				.bind(self.index())
				.bind(int(collection))
				.bind(int(item))
				.bind(f.hex("bidder")?)
				.bind(amount(f.u128("amount")?))
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
			"OfferMade" => {
				let query = sqlx::query(
					"INSERT INTO offers (offer, block_number, collection, item, offerer, asset, \
					 amount, closed_block, close_reason) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL)",
				)
				.bind(int(f.u64("offer")?))
				.bind(self.number())
				.bind(int(f.u64("collection")?))
				.bind(int(f.u64("item")?))
				.bind(f.hex("offerer")?)
				.bind(asset(f.get("asset")?)?)
				.bind(amount(f.u128("amount")?));
				self.exec(query).await
			}
			"OfferWithdrawn" => {
				let query = sqlx::query(
					"UPDATE offers SET closed_block = $1, close_reason = 'withdrawn' \
					 WHERE offer = $2",
				)
				.bind(self.number())
				.bind(int(f.u64("offer")?));
				self.exec(query).await
			}
			"DropCreated" => {
				let query = sqlx::query(
					"INSERT INTO drops (collection, block_number, asset, price, closed_block) \
					 VALUES ($1, $2, $3, $4, NULL)",
				)
				.bind(int(f.u64("collection")?))
				.bind(self.number())
				.bind(asset(f.get("asset")?)?)
				.bind(amount(f.u128("price")?));
				self.exec(query).await
			}
			"DropClosed" => {
				let query = sqlx::query(
					"UPDATE drops SET closed_block = $1 WHERE collection = $2 \
					 AND closed_block IS NULL",
				)
				.bind(self.number())
				.bind(int(f.u64("collection")?));
				self.exec(query).await
			}
			"Settled" => self.settled().await,
			// Follows the claim's `Settled`, which closed the offer as accepted.
			"ClaimedByTap" => {
				let query = sqlx::query(
					"UPDATE offers SET close_reason = 'claimed_by_tap' WHERE offer = $1",
				)
				.bind(int(f.u64("offer")?));
				self.exec(query).await
			}
			_ => Ok(()),
		}
	}

	pub(super) async fn settled(&mut self) -> Result<(), Error> {
		let f = self.fields();
		let (collection, item) = (f.u64("collection")?, f.u64("item")?);
		let asset = asset(f.get("asset")?)?;
		let (gross, fee, proceeds) = (f.u128("gross")?, f.u128("fee")?, f.u128("seller_proceeds")?);
		let royalties = account_pairs(f.get("royalties")?)?;
		// Invariant 1 as the chain reports it: the parts add up to the price, exactly. A
		// breakdown that does not is never written.
		let parts = royalties
			.iter()
			.try_fold(fee.checked_add(proceeds), |sum, (_, part)| Some(sum?.checked_add(*part)))
			.flatten();
		if parts != Some(gross) {
			return Err(Error::Invalid(format!(
				"sale of {collection}/{item} in block {}: parts do not add up to {gross}",
				self.fetched.block.number
			)));
		}
		let buyer = f.hex("buyer")?;
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
		.bind(f.hex("seller")?)
		.bind(buyer.clone())
		.bind(asset.clone())
		.bind(amount(gross))
		.bind(amount(fee))
		.bind(amount(royalties.iter().map(|(_, part)| part).sum()))
		.bind(amount(proceeds))
		.bind(amount(f.u128("discount")?))
		.bind(amount(f.u128("loyalty_minted")?));
		self.exec(query).await?;
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
			.bind(asset.clone())
			.bind(amount(*part))
			.bind(int(collection))
			.bind(int(item));
			self.exec(query).await?;
		}
		self.close_listing(collection, item, "sold").await?;
		self.close_settled_offer().await
	}

	/// The offer a sale closed, as its `Settled` event names it (an accepted offer, or the held
	/// offer a tap claimed with).
	async fn close_settled_offer(&mut self) -> Result<(), Error> {
		let kind = self.fields().get("kind")?;
		let offer = match variant(kind) {
			Some(("Offer" | "Claim", values)) => values.values().next().and_then(number),
			Some(_) => return Ok(()),
			None => None,
		};
		let offer = offer.ok_or_else(|| Error::Invalid(format!("sale kind {}", to_json(kind))))?;
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
