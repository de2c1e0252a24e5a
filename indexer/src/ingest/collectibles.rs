//! Collectibles events: collections, ownership changes, tags.

use super::Writer;
use crate::{db::int, Error};

impl<'a> Writer<'a, '_> {
	pub(super) async fn transfer(
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

	pub(super) async fn close_listing(
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

	pub(super) async fn collectibles(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		match name {
			"CollectionCreated" => {
				let collection = f.u64("collection")?;
				// The event carries the collection's terms: no storage read is needed.
				let (royalty, policy, min_kyc, metadata) = (
					f.u64("royalty")?,
					f.json("policy")?.to_string(),
					f.u64("min_holder_kyc")?,
					f.text("metadata")?,
				);
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
			// Bridge custody is an owner like any other: the item shows as held by the
			// custodian while its token lives on the EVM chain.
			"Exported" => {
				self.transfer("export", Some(f.hex("from")?), Some(f.hex("custodian")?)).await
			}
			"Imported" => {
				self.transfer("import", Some(f.hex("custodian")?), Some(f.hex("to")?)).await
			}
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
}
