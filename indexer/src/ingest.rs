//! From a finalized block to rows: fetch the block with its yinji events (and the few storage
//! values the events do not carry), then write everything in the caller's transaction.

use crate::{
	db::{amount, int},
	Error,
};
use std::collections::BTreeMap;
use yinji_client::{
	fields::{bytes, number, pairs, to_hex, to_json, variant, Fields},
	Block, Chain, ChainEvent, Value,
};

/// The pallets whose events the index keeps.
pub const PALLETS: &[&str] = &["Works", "Collectibles", "Marketplace", "Loyalty", "ValidatorSet"];

type Tx<'c> = sqlx::Transaction<'c, sqlx::Any>;

/// A block as fetched, ready to write.
pub struct Fetched {
	/// The block and its yinji events.
	pub block: Block,
	/// `Works.Works(id)` at this block, for each work registered in it.
	works: BTreeMap<u64, Value>,
	/// `Collectibles.Collections(id)` at this block, for each collection created in it.
	collections: BTreeMap<u32, Value>,
}

/// Fetches block `number` with its yinji events and the storage its events need.
pub async fn fetch(chain: &Chain, number: u64) -> Result<Fetched, Error> {
	let view = chain.at(number).await?;
	let block = view.block(PALLETS).await?;
	let mut works = BTreeMap::new();
	let mut collections = BTreeMap::new();
	for event in &block.events {
		let fields = Fields::new(&event.fields, format!("{}.{}", event.pallet, event.name));
		match (event.pallet.as_str(), event.name.as_str()) {
			("Works", "WorkRegistered") => {
				let work = fields.u64("work")?;
				// The entry is gone only if the work was withdrawn in the same block; its
				// details are then unknown and the row says so.
				if let Some(value) =
					view.storage("Works", "Works", vec![Value::u128(work.into())]).await?
				{
					works.insert(work, value);
				}
			}
			("Collectibles", "CollectionCreated") => {
				let collection = u32::try_from(fields.u64("collection")?)
					.map_err(|_| Error::Invalid("collection id above u32".into()))?;
				if let Some(value) = view
					.storage("Collectibles", "Collections", vec![Value::u128(collection.into())])
					.await?
				{
					collections.insert(collection, value);
				}
			}
			_ => {}
		}
	}
	Ok(Fetched { block, works, collections })
}

/// Writes one fetched block: its row, its events and what they change.
pub async fn apply(tx: &mut Tx<'_>, chain: &Chain, fetched: &Fetched) -> Result<(), Error> {
	let block = &fetched.block;
	sqlx::query(
		"INSERT INTO blocks (number, hash, parent_hash, timestamp_ms, spec_version, event_count) \
		 VALUES ($1, $2, $3, $4, $5, $6)",
	)
	.bind(int(block.number))
	.bind(to_hex(block.hash.as_bytes()))
	.bind(to_hex(block.parent_hash.as_bytes()))
	.bind(int(block.timestamp_ms))
	.bind(int(block.spec_version))
	.bind(int(block.event_count))
	.execute(&mut **tx)
	.await?;
	for event in &block.events {
		sqlx::query(
			"INSERT INTO events (block_number, event_index, block_hash, extrinsic_index, pallet, \
			 name, fields) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(int(block.number))
		.bind(int(event.index))
		.bind(to_hex(block.hash.as_bytes()))
		.bind(event.extrinsic.map(int))
		.bind(&event.pallet)
		.bind(&event.name)
		.bind(to_json(&event.fields).to_string())
		.execute(&mut **tx)
		.await?;
		let mut writer = Writer { tx, chain, fetched, event };
		writer.apply().await?;
	}
	Ok(())
}

struct Writer<'a, 'c> {
	tx: &'a mut Tx<'c>,
	chain: &'a Chain,
	fetched: &'a Fetched,
	event: &'a ChainEvent,
}

/// An asset kind as text: `native`, or `asset:ID`.
fn asset(value: &Value) -> Result<String, Error> {
	match variant(value) {
		Some(("Native", _)) => Ok("native".into()),
		Some(("WithId", fields)) => fields
			.values()
			.next()
			.and_then(number)
			.map(|id| format!("asset:{id}"))
			.ok_or_else(|| Error::Invalid(format!("asset id in {}", to_json(value)))),
		_ => Err(Error::Invalid(format!("asset kind {}", to_json(value)))),
	}
}

/// A split or a royalty list: `(account, number)` pairs.
fn account_pairs(value: &Value) -> Result<Vec<(String, u128)>, Error> {
	pairs(value)
		.ok_or_else(|| {
			Error::Invalid(format!("a list of (account, amount) in {}", to_json(value)))
		})?
		.into_iter()
		.map(|(account, share)| match (bytes(account), number(share)) {
			(Some(account), Some(share)) => Ok((to_hex(&account), share)),
			_ => Err(Error::Invalid(format!("(account, amount) in {}", to_json(value)))),
		})
		.collect()
}

impl<'a> Writer<'a, '_> {
	fn fields(&self) -> Fields<'a> {
		let event: &'a ChainEvent = self.event;
		Fields::new(&event.fields, format!("{}.{}", event.pallet, event.name))
	}

	fn number(&self) -> i64 {
		int(self.fetched.block.number)
	}

	fn index(&self) -> i64 {
		int(self.event.index)
	}

	async fn exec(
		&mut self,
		query: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
	) -> Result<(), Error> {
		query.execute(&mut **self.tx).await?;
		Ok(())
	}

	async fn apply(&mut self) -> Result<(), Error> {
		match (self.event.pallet.as_str(), self.event.name.as_str()) {
			("Works", name) => self.works(name).await,
			("Collectibles", name) => self.collectibles(name).await,
			("Marketplace", name) => self.marketplace(name).await,
			("Loyalty", name) => self.loyalty(name).await,
			// Validator-set events are kept in `events` only.
			_ => Ok(()),
		}
	}

	async fn rights_change(
		&mut self,
		work: u64,
		change: &str,
		account: Option<String>,
		detail: serde_json::Value,
	) -> Result<(), Error> {
		let query = sqlx::query(
			"INSERT INTO rights_changes (block_number, event_index, work, change, account, detail) \
			 VALUES ($1, $2, $3, $4, $5, $6)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(work))
		.bind(change.to_string())
		.bind(account)
		.bind(detail.to_string());
		self.exec(query).await
	}

	async fn set_holders(&mut self, work: u64, holders: &[(String, u128)]) -> Result<(), Error> {
		let query = sqlx::query("DELETE FROM rights_holders WHERE work = $1").bind(int(work));
		self.exec(query).await?;
		for (account, share) in holders {
			let share = u64::try_from(*share)
				.map_err(|_| Error::Invalid(format!("share {share} of work {work}")))?;
			let query = sqlx::query(
				"INSERT INTO rights_holders (work, account, share_bp) VALUES ($1, $2, $3)",
			)
			.bind(int(work))
			.bind(account.clone())
			.bind(int(share));
			self.exec(query).await?;
		}
		Ok(())
	}

	async fn works(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		match name {
			"CreatorAttested" => {
				let query = sqlx::query(
					"INSERT INTO attestations (creator, institution, kyc_level, expires_at, \
					 attested_block, revoked_block) VALUES ($1, $2, $3, $4, $5, NULL) \
					 ON CONFLICT (creator) DO UPDATE SET institution = excluded.institution, \
					 kyc_level = excluded.kyc_level, expires_at = excluded.expires_at, \
					 attested_block = excluded.attested_block, revoked_block = NULL",
				)
				.bind(f.hex("who")?)
				.bind(f.hex("institution")?)
				.bind(int(f.u64("kyc_level")?))
				.bind(int(f.u64("expires_at")?))
				.bind(self.number());
				self.exec(query).await
			}
			"AttestationRevoked" => {
				let query =
					sqlx::query("UPDATE attestations SET revoked_block = $1 WHERE creator = $2")
						.bind(self.number())
						.bind(f.hex("who")?);
				self.exec(query).await
			}
			"WorkRegistered" => {
				let work = f.u64("work")?;
				let registrant = f.hex("registrant")?;
				let fetched: &'a Fetched = self.fetched;
				let stored = fetched.works.get(&work);
				let details = stored.map(|value| Fields::new(value, "Works.Works"));
				let (metadata, kind, licence, parents, holders) = match &details {
					Some(d) => (
						d.text("metadata")?,
						d.variant("kind")?,
						d.json("licence")?.to_string(),
						d.json("parents")?.to_string(),
						account_pairs(d.get("holders")?)?,
					),
					None => (String::new(), "Unknown".into(), "null".into(), "[]".into(), vec![]),
				};
				let query = sqlx::query(
					"INSERT INTO works (id, registrant, content_hash, metadata_cid, kind, licence, \
					 parents, status, registered_block, registered_ms, withdrawn_block) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, 'Active', $8, $9, NULL)",
				)
				.bind(int(work))
				.bind(registrant.clone())
				.bind(f.hex("content_hash")?)
				.bind(metadata)
				.bind(kind)
				.bind(licence)
				.bind(parents)
				.bind(self.number())
				.bind(int(self.fetched.block.timestamp_ms));
				self.exec(query).await?;
				self.set_holders(work, &holders).await?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(work, "registered", Some(registrant), detail).await
			}
			"SplitProposed" => {
				let holders = account_pairs(f.get("holders")?)?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(
					f.u64("work")?,
					"split_proposed",
					Some(f.hex("proposer")?),
					detail,
				)
				.await
			}
			"WithdrawalProposed" => {
				let detail = serde_json::json!({});
				self.rights_change(
					f.u64("work")?,
					"withdrawal_proposed",
					Some(f.hex("proposer")?),
					detail,
				)
				.await
			}
			"ProposalApproved" => {
				let detail = serde_json::json!({ "approved_bp": f.u64("approved")? });
				self.rights_change(f.u64("work")?, "approved", Some(f.hex("who")?), detail).await
			}
			"ProposalCancelled" => {
				self.rights_change(f.u64("work")?, "cancelled", None, serde_json::json!({})).await
			}
			"SplitChanged" => {
				let work = f.u64("work")?;
				let holders = account_pairs(f.get("holders")?)?;
				self.set_holders(work, &holders).await?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(work, "split_changed", None, detail).await
			}
			"WorkWithdrawn" => {
				let work = f.u64("work")?;
				let query = sqlx::query(
					"UPDATE works SET status = 'Withdrawn', withdrawn_block = $1 WHERE id = $2",
				)
				.bind(self.number())
				.bind(int(work));
				self.exec(query).await?;
				self.set_holders(work, &[]).await?;
				self.rights_change(work, "withdrawn", None, serde_json::json!({})).await
			}
			"DisputeOpened" => {
				let work = f.u64("work")?;
				let claimant = f.hex("claimant")?;
				let query = sqlx::query(
					"INSERT INTO disputes (work, opened_block, claimant, evidence_cid, \
					 ruled_block, ruling) VALUES ($1, $2, $3, $4, NULL, NULL)",
				)
				.bind(int(work))
				.bind(self.number())
				.bind(claimant.clone())
				.bind(f.text("evidence")?);
				self.exec(query).await?;
				self.set_status(work, "Disputed").await?;
				let detail = serde_json::json!({ "evidence": f.text("evidence")? });
				self.rights_change(work, "dispute_opened", Some(claimant), detail).await
			}
			"DisputeRuled" => {
				let work = f.u64("work")?;
				let ruling = f.variant("ruling")?;
				let query = sqlx::query(
					"UPDATE disputes SET ruled_block = $1, ruling = $2 \
					 WHERE work = $3 AND ruled_block IS NULL",
				)
				.bind(self.number())
				.bind(ruling.clone())
				.bind(int(work));
				self.exec(query).await?;
				// A revocation keeps the work as a frozen record; every other ruling thaws it.
				let status = if ruling == "Revoke" { "Revoked" } else { "Active" };
				self.set_status(work, status).await?;
				let detail = serde_json::json!({ "ruling": ruling });
				self.rights_change(work, "dispute_ruled", None, detail).await
			}
			_ => Ok(()),
		}
	}

	async fn set_status(&mut self, work: u64, status: &str) -> Result<(), Error> {
		let query = sqlx::query("UPDATE works SET status = $1 WHERE id = $2")
			.bind(status.to_string())
			.bind(int(work));
		self.exec(query).await
	}

	async fn transfer(
		&mut self,
		kind: &str,
		from: Option<String>,
		to: Option<String>,
	) -> Result<(), Error> {
		let f = self.fields();
		let (collection, item) = (f.u64("collection")?, f.u64("item")?);
		let query = sqlx::query(
			"INSERT INTO transfers (block_number, event_index, collection, item, kind, \
			 from_account, to_account) VALUES ($1, $2, $3, $4, $5, $6, $7)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(collection))
		.bind(int(item))
		.bind(kind.to_string())
		.bind(from)
		.bind(to.clone());
		self.exec(query).await?;
		match (kind, to) {
			("mint", Some(owner)) => {
				let query = sqlx::query(
					"INSERT INTO items (collection, item, owner, minted_block, burned_block, \
					 frozen) VALUES ($1, $2, $3, $4, NULL, 0)",
				)
				.bind(int(collection))
				.bind(int(item))
				.bind(owner)
				.bind(self.number());
				self.exec(query).await
			}
			("burn", _) => {
				let query = sqlx::query(
					"UPDATE items SET burned_block = $1 WHERE collection = $2 AND item = $3",
				)
				.bind(self.number())
				.bind(int(collection))
				.bind(int(item));
				self.exec(query).await?;
				self.close_listing(collection, item, "void").await
			}
			(_, Some(owner)) => {
				let query =
					sqlx::query("UPDATE items SET owner = $1 WHERE collection = $2 AND item = $3")
						.bind(owner)
						.bind(int(collection))
						.bind(int(item));
				self.exec(query).await?;
				// A listing is void once its item changes owner; a settlement's transfer
				// closes it as sold.
				let reason = if kind == "sale" { "sold" } else { "void" };
				self.close_listing(collection, item, reason).await
			}
			_ => Ok(()),
		}
	}

	async fn close_listing(
		&mut self,
		collection: u64,
		item: u64,
		reason: &str,
	) -> Result<(), Error> {
		let query = sqlx::query(
			"UPDATE listings SET closed_block = $1, close_reason = $2 \
			 WHERE collection = $3 AND item = $4 AND closed_block IS NULL",
		)
		.bind(self.number())
		.bind(reason.to_string())
		.bind(int(collection))
		.bind(int(item));
		self.exec(query).await
	}

	async fn collectibles(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		match name {
			"CollectionCreated" => {
				let collection = f.u64("collection")?;
				let fetched: &'a Fetched = self.fetched;
				let stored = u32::try_from(collection)
					.ok()
					.and_then(|id| fetched.collections.get(&id))
					.map(|value| Fields::new(value, "Collectibles.Collections"));
				let (royalty, policy, min_kyc, metadata) = match &stored {
					Some(c) => (
						c.u64("royalty")?,
						c.json("policy")?.to_string(),
						c.u64("min_holder_kyc")?,
						c.text("metadata")?,
					),
					None => (0, "null".into(), 0, String::new()),
				};
				let query = sqlx::query(
					"INSERT INTO collections (id, work, issuer, kind, max_supply, royalty_bp, \
					 policy, min_holder_kyc, metadata_cid, created_block, frozen) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)",
				)
				.bind(int(collection))
				.bind(int(f.u64("work")?))
				.bind(f.hex("issuer")?)
				.bind(f.variant("kind")?)
				.bind(int(f.u64("max_supply")?))
				.bind(int(royalty))
				.bind(policy)
				.bind(int(min_kyc))
				.bind(metadata)
				.bind(self.number());
				self.exec(query).await
			}
			"Minted" => self.transfer("mint", None, Some(f.hex("owner")?)).await,
			"Gifted" => self.transfer("gift", Some(f.hex("from")?), Some(f.hex("to")?)).await,
			"SoldTransferred" => {
				self.transfer("sale", Some(f.hex("from")?), Some(f.hex("to")?)).await
			}
			"Burned" => self.transfer("burn", Some(f.hex("owner")?), None).await,
			"PolicyTightened" => {
				let query = sqlx::query(
					"UPDATE collections SET policy = $1, min_holder_kyc = $2 WHERE id = $3",
				)
				.bind(f.json("policy")?.to_string())
				.bind(int(f.u64("min_holder_kyc")?))
				.bind(int(f.u64("collection")?));
				self.exec(query).await
			}
			"TagBound" => {
				let query = sqlx::query(
					"INSERT INTO tags (tag, collection, item, kind, key_epoch, watermark, \
					 bound_block, unbound_block, unbind_reason) \
					 VALUES ($1, $2, $3, $4, $5, 0, $6, NULL, NULL) \
					 ON CONFLICT (tag) DO UPDATE SET collection = excluded.collection, \
					 item = excluded.item, kind = excluded.kind, key_epoch = excluded.key_epoch, \
					 bound_block = excluded.bound_block, unbound_block = NULL, \
					 unbind_reason = NULL",
				)
				.bind(f.hex("tag")?)
				.bind(int(f.u64("collection")?))
				.bind(int(f.u64("item")?))
				.bind(f.variant("kind")?)
				.bind(int(f.u64("key_epoch")?))
				.bind(self.number());
				self.exec(query).await
			}
			"TagUnbound" => {
				let query = sqlx::query(
					"UPDATE tags SET unbound_block = $1, unbind_reason = $2 WHERE tag = $3",
				)
				.bind(self.number())
				.bind(f.variant("reason")?)
				.bind(f.hex("tag")?);
				self.exec(query).await
			}
			"WatermarkRaised" => {
				let (tag, counter) = (f.hex("tag")?, int(f.u64("counter")?));
				let query = sqlx::query("UPDATE tags SET watermark = $1 WHERE tag = $2")
					.bind(counter)
					.bind(tag.clone());
				self.exec(query).await?;
				let query = sqlx::query(
					"INSERT INTO tag_reads (block_number, event_index, tag, counter) \
					 VALUES ($1, $2, $3, $4)",
				)
				.bind(self.number())
				.bind(self.index())
				.bind(tag)
				.bind(counter);
				self.exec(query).await
			}
			"CollectionFrozenSet" => {
				let query = sqlx::query("UPDATE collections SET frozen = $1 WHERE id = $2")
					.bind(i64::from(f.bool("frozen")?))
					.bind(int(f.u64("collection")?));
				self.exec(query).await
			}
			"ItemFrozenSet" => {
				let query =
					sqlx::query("UPDATE items SET frozen = $1 WHERE collection = $2 AND item = $3")
						.bind(i64::from(f.bool("frozen")?))
						.bind(int(f.u64("collection")?))
						.bind(int(f.u64("item")?));
				self.exec(query).await
			}
			_ => Ok(()),
		}
	}

	async fn listing(
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

	async fn marketplace(&mut self, name: &str) -> Result<(), Error> {
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
			_ => Ok(()),
		}
	}

	async fn settled(&mut self) -> Result<(), Error> {
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
		self.accepted_offers(collection, item, &buyer).await
	}

	/// An accepted offer settles without an event of its own: the buyer's open offers on the
	/// item that no longer exist on chain after the sale are the accepted one.
	async fn accepted_offers(
		&mut self,
		collection: u64,
		item: u64,
		buyer: &str,
	) -> Result<(), Error> {
		let candidates: Vec<i64> = sqlx::query_scalar(
			"SELECT offer FROM offers WHERE collection = $1 AND item = $2 AND offerer = $3 \
			 AND closed_block IS NULL",
		)
		.bind(int(collection))
		.bind(int(item))
		.bind(buyer.to_string())
		.fetch_all(&mut **self.tx)
		.await?;
		if candidates.is_empty() {
			return Ok(());
		}
		let view = self.chain.at(self.fetched.block.number).await?;
		for offer in candidates {
			let key = vec![Value::u128(u128::try_from(offer).unwrap_or_default())];
			if view.storage("Marketplace", "Offers", key).await?.is_none() {
				let query = sqlx::query(
					"UPDATE offers SET closed_block = $1, close_reason = 'accepted' \
					 WHERE offer = $2",
				)
				.bind(self.number())
				.bind(offer);
				self.exec(query).await?;
			}
		}
		Ok(())
	}

	async fn loyalty(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		let entry = match name {
			"PointsEarned" => LedgerEntry {
				kind: "earned",
				source: Some(f.json("source")?.to_string()),
				expires_at: Some(int(f.u64("expires_at")?)),
				..LedgerEntry::default()
			},
			"PointsRedeemed" => LedgerEntry {
				kind: "redeemed",
				asset: Some(asset(f.get("asset")?)?),
				discount: Some(amount(f.u128("discount")?)),
				..LedgerEntry::default()
			},
			"PointsExpired" => LedgerEntry { kind: "expired", ..LedgerEntry::default() },
			"TierChanged" => {
				let query = sqlx::query(
					"INSERT INTO member_tiers (account, tier, changed_block) VALUES ($1, $2, $3) \
					 ON CONFLICT (account) DO UPDATE SET tier = excluded.tier, \
					 changed_block = excluded.changed_block",
				)
				.bind(f.hex("who")?)
				.bind(int(f.u64("to")?))
				.bind(self.number());
				return self.exec(query).await;
			}
			_ => return Ok(()),
		};
		let query = sqlx::query(
			"INSERT INTO loyalty_ledger (block_number, event_index, timestamp_ms, account, kind, \
			 points, source, expires_at, asset, discount) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(self.fetched.block.timestamp_ms))
		.bind(f.hex("who")?)
		.bind(entry.kind.to_string())
		.bind(amount(f.u128("points")?))
		.bind(entry.source)
		.bind(entry.expires_at)
		.bind(entry.asset)
		.bind(entry.discount);
		self.exec(query).await
	}
}

#[derive(Default)]
struct LedgerEntry {
	kind: &'static str,
	source: Option<String>,
	expires_at: Option<i64>,
	asset: Option<String>,
	discount: Option<String>,
}

fn split_json(holders: &[(String, u128)]) -> serde_json::Value {
	holders.iter().map(|(account, share)| serde_json::json!([account, *share as u64])).collect()
}
