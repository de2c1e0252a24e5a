//! The items an account holds.

use crate::{columns::u, Db, Result};
use serde::Serialize;
use sqlx::Row;

/// An item someone owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OwnedItem {
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// The work of the collection.
	pub work: u64,
	/// The block it was minted in.
	pub minted_block: u64,
	/// Whether its collection lets it go to the EVM mirror: a digital collectible whose policy
	/// allows sales and whose holders need no KYC level (what `export_item` checks).
	pub exportable: bool,
}

/// The items `owner` holds (not burned), by collection and item.
pub async fn items_of(db: &Db, owner: &str) -> Result<Vec<OwnedItem>> {
	let rows = sqlx::query(
		"SELECT i.collection, i.item, c.work, i.minted_block, c.kind, c.policy, c.min_holder_kyc \
		 FROM items i JOIN collections c ON c.id = i.collection \
		 WHERE i.owner = $1 AND i.burned_block IS NULL ORDER BY i.collection, i.item",
	)
	.bind(owner.to_string())
	.fetch_all(db.pool())
	.await?;
	rows.iter()
		.map(|row| {
			let policy: String = row.try_get("policy")?;
			let kind: String = row.try_get("kind")?;
			Ok(OwnedItem {
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				work: u(row, "work")?,
				minted_block: u(row, "minted_block")?,
				exportable: kind == "DigitalCollectible"
					&& u(row, "min_holder_kyc")? == 0
					&& matches!(policy.as_str(), r#""Free""# | r#""SettlementOnly""#),
			})
		})
		.collect()
}
