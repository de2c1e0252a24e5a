//! An item's ownership history.

use crate::{
	columns::{a, int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::Row;

/// One change of an item's owner, with its price when it was a sale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProvenanceEntry {
	/// The block.
	pub block_number: u64,
	/// The block's time (ms since the Unix epoch).
	pub timestamp_ms: u64,
	/// `mint`, `gift`, `sale` or `burn`.
	pub kind: String,
	/// The previous owner (none for a mint).
	pub from: Option<String>,
	/// The new owner (none for a burn).
	pub to: Option<String>,
	/// The asset and gross price of a sale.
	pub price: Option<(String, u128)>,
}

/// The ownership history of an item, oldest first.
pub async fn item_provenance(db: &Db, collection: u64, item: u64) -> Result<Vec<ProvenanceEntry>> {
	let rows = sqlx::query(
		"SELECT t.block_number, b.timestamp_ms, t.kind, t.from_account, t.to_account, \
		 s.asset, s.gross FROM transfers t JOIN blocks b ON b.number = t.block_number \
		 LEFT JOIN sales s ON t.kind = 'sale' AND s.block_number = t.block_number \
		 AND s.collection = t.collection AND s.item = t.item \
		 WHERE t.collection = $1 AND t.item = $2 ORDER BY t.block_number, t.event_index",
	)
	.bind(int(collection))
	.bind(int(item))
	.fetch_all(db.pool())
	.await?;
	rows.iter()
		.map(|row| {
			let price = match row.try_get::<Option<String>, _>("asset")? {
				Some(asset) => Some((asset, a(row, "gross")?)),
				None => None,
			};
			Ok(ProvenanceEntry {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				kind: row.try_get("kind")?,
				from: row.try_get("from_account")?,
				to: row.try_get("to_account")?,
				price,
			})
		})
		.collect()
}
