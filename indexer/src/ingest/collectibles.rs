//! Collectibles events: collections, ownership changes, tags.

use super::{
	render::{self, account, collection_kind, tag_kind, text, unbind_reason},
	Writer,
};
use crate::{db::int, Error};
use yinji_client::{fields::to_hex, runtime::runtime_types::pallet_collectibles::pallet::Event};

/// A change of an item's owner, as the `transfers` table records it.
struct Transfer {
	/// The item's collection.
	collection: u32,
	/// The item.
	item: u32,
	/// `mint`, `gift`, `sale`, `burn`, `export` or `import`.
	kind: &'static str,
	/// The owner before (none for a mint).
	from: Option<String>,
	/// The owner after (none for a burn).
	to: Option<String>,
}

impl Writer<'_, '_> {
	async fn transfer(&mut self, transfer: Transfer) -> Result<(), Error> {
		let Transfer { collection, item, kind, from, to } = transfer;
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
		collection: u32,
		item: u32,
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

	pub(super) async fn collectibles(&mut self, event: &Event) -> Result<(), Error> {
		if let Some(transfer) = transfer_of(event) {
			return self.transfer(transfer).await;
		}
		match event {
			Event::CollectionCreated {
				collection,
				work,
				issuer,
				kind,
				max_supply,
				royalty,
				policy,
				min_holder_kyc,
				metadata,
			} => {
				// The event carries the collection's terms: no storage read is needed.
				let query = sqlx::query(
					"INSERT INTO collections (id, work, issuer, kind, max_supply, royalty_bp, \
					 policy, min_holder_kyc, metadata_cid, created_block, frozen) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)",
				)
				.bind(int(*collection))
				.bind(int(*work))
				.bind(account(issuer))
				.bind(collection_kind(kind).to_string())
				.bind(int(*max_supply))
				.bind(int(*royalty))
				.bind(render::policy(policy).to_string())
				.bind(int(*min_holder_kyc))
				.bind(text(metadata))
				.bind(self.number());
				self.exec(query).await
			}
			Event::PolicyTightened { collection, policy, min_holder_kyc } => {
				let query = sqlx::query(
					"UPDATE collections SET policy = $1, min_holder_kyc = $2 WHERE id = $3",
				)
				.bind(render::policy(policy).to_string())
				.bind(int(*min_holder_kyc))
				.bind(int(*collection));
				self.exec(query).await
			}
			Event::CollectionFrozenSet { collection, frozen } => {
				let query = sqlx::query("UPDATE collections SET frozen = $1 WHERE id = $2")
					.bind(i64::from(*frozen))
					.bind(int(*collection));
				self.exec(query).await
			}
			Event::ItemFrozenSet { collection, item, frozen } => {
				let query =
					sqlx::query("UPDATE items SET frozen = $1 WHERE collection = $2 AND item = $3")
						.bind(i64::from(*frozen))
						.bind(int(*collection))
						.bind(int(*item));
				self.exec(query).await
			}
			_ => self.tags(event).await,
		}
	}

	/// `TagBound`, `TagUnbound`, `WatermarkRaised`.
	async fn tags(&mut self, event: &Event) -> Result<(), Error> {
		match event {
			Event::TagBound { collection, item, tag, kind, key_epoch } => {
				let query = sqlx::query(
					"INSERT INTO tags (tag, collection, item, kind, key_epoch, watermark, \
					 bound_block, unbound_block, unbind_reason) \
					 VALUES ($1, $2, $3, $4, $5, 0, $6, NULL, NULL) \
					 ON CONFLICT (tag) DO UPDATE SET collection = excluded.collection, \
					 item = excluded.item, kind = excluded.kind, key_epoch = excluded.key_epoch, \
					 bound_block = excluded.bound_block, unbound_block = NULL, \
					 unbind_reason = NULL",
				)
				.bind(to_hex(tag))
				.bind(int(*collection))
				.bind(int(*item))
				.bind(tag_kind(kind).to_string())
				.bind(int(*key_epoch))
				.bind(self.number());
				self.exec(query).await
			}
			Event::TagUnbound { tag, reason, .. } => {
				let query = sqlx::query(
					"UPDATE tags SET unbound_block = $1, unbind_reason = $2 WHERE tag = $3",
				)
				.bind(self.number())
				.bind(unbind_reason(reason).to_string())
				.bind(to_hex(tag));
				self.exec(query).await
			}
			Event::WatermarkRaised { tag, counter } => {
				let (tag, counter) = (to_hex(tag), int(*counter));
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
			_ => Ok(()),
		}
	}
}

/// The change of owner an event makes, if it makes one. Bridge custody is an owner like any
/// other: the item shows as held by the custodian while its token lives on the EVM chain.
fn transfer_of(event: &Event) -> Option<Transfer> {
	let (collection, item, kind, from, to) = match event {
		Event::Minted { collection, item, owner } => (collection, item, "mint", None, Some(owner)),
		Event::Gifted { collection, item, from, to } => {
			(collection, item, "gift", Some(from), Some(to))
		}
		Event::SoldTransferred { collection, item, from, to } => {
			(collection, item, "sale", Some(from), Some(to))
		}
		Event::Burned { collection, item, owner } => (collection, item, "burn", Some(owner), None),
		Event::Exported { collection, item, from, custodian, .. } => {
			(collection, item, "export", Some(from), Some(custodian))
		}
		Event::Imported { collection, item, custodian, to, .. } => {
			(collection, item, "import", Some(custodian), Some(to))
		}
		_ => return None,
	};
	Some(Transfer {
		collection: *collection,
		item: *item,
		kind,
		from: from.map(account),
		to: to.map(account),
	})
}
