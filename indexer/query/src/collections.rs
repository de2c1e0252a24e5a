//! Collections and their live item counts.

use crate::{
	columns::{int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::{any::AnyRow, AssertSqlSafe, Row};

/// A collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CollectionRow {
	/// The collection's id.
	pub id: u64,
	/// The work it is tied to.
	pub work: u64,
	/// Who created it.
	pub issuer: String,
	/// `DigitalCollectible` or `PhysicalTwin`.
	pub kind: String,
	/// Maximum editions.
	pub max_supply: u64,
	/// Resale royalty in basis points.
	pub royalty_bp: u32,
	/// The transfer policy (JSON).
	pub policy: String,
	/// Items minted and not burned.
	pub items: u64,
}

/// The columns of a [`CollectionRow`], with its live item count.
const COLLECTION_COLUMNS: &str = "c.id, c.work, c.issuer, c.kind, c.max_supply, c.royalty_bp, \
	c.policy, (SELECT COUNT(*) FROM items i WHERE i.collection = c.id \
	AND i.burned_block IS NULL) AS live";

/// The collections an account created, newest first.
pub async fn collections_by_creator(db: &Db, account: &str) -> Result<Vec<CollectionRow>> {
	let sql = format!(
		"SELECT {COLLECTION_COLUMNS} FROM collections c WHERE c.issuer = $1 ORDER BY c.id DESC"
	);
	let rows =
		sqlx::query(AssertSqlSafe(sql)).bind(account.to_string()).fetch_all(db.pool()).await?;
	rows.iter().map(collection_row).collect()
}

/// The collection `id`, if indexed.
pub async fn collection(db: &Db, id: u64) -> Result<Option<CollectionRow>> {
	let sql = format!("SELECT {COLLECTION_COLUMNS} FROM collections c WHERE c.id = $1");
	let row = sqlx::query(AssertSqlSafe(sql)).bind(int(id)).fetch_optional(db.pool()).await?;
	row.as_ref().map(collection_row).transpose()
}

fn collection_row(row: &AnyRow) -> Result<CollectionRow> {
	Ok(CollectionRow {
		id: u(row, "id")?,
		work: u(row, "work")?,
		issuer: row.try_get("issuer")?,
		kind: row.try_get("kind")?,
		max_supply: u(row, "max_supply")?,
		royalty_bp: u32::try_from(u(row, "royalty_bp")?).unwrap_or(0),
		policy: row.try_get("policy")?,
		items: u(row, "live")?,
	})
}
