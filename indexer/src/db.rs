//! The index database as the indexer writes it: the readers' handle
//! ([`yinji_index_query::Db`]) with the schema brought up to date by embedded migrations per
//! dialect, the cursor, and table digests.

use sha2::{Digest, Sha256};
use sqlx::{any::AnyRow, AssertSqlSafe, Row};
use std::ops::Deref;

pub use yinji_index_query::{amount, connect, int, parse_amount, Engine};

/// A connection pool to the index database the indexer writes: the readers' handle, on a schema
/// the indexer has migrated. It dereferences to [`yinji_index_query::Db`], so every query of
/// [`crate::queries`] reads through it as is.
#[derive(Clone)]
pub struct Db {
	reader: yinji_index_query::Db,
}

impl Deref for Db {
	type Target = yinji_index_query::Db;

	fn deref(&self) -> &yinji_index_query::Db {
		&self.reader
	}
}

/// Every table of the index with the columns that identify a row, for [`Db::digest`].
pub const TABLES: &[(&str, &str)] = &[
	("cursor", "id"),
	("blocks", "number"),
	("events", "block_number, event_index"),
	("attestations", "creator"),
	("works", "id"),
	("rights_holders", "work, account"),
	("rights_changes", "block_number, event_index"),
	("disputes", "work, opened_block"),
	("collections", "id"),
	("items", "collection, item"),
	("transfers", "block_number, event_index"),
	("tags", "tag"),
	("tag_reads", "block_number, event_index"),
	("listings", "block_number, event_index"),
	("bids", "block_number, event_index"),
	("offers", "offer"),
	("drops", "collection, block_number"),
	("sales", "block_number, event_index"),
	("orders", "id"),
	("royalty_payouts", "block_number, event_index, position"),
	("loyalty_ledger", "block_number, event_index"),
	("member_tiers", "account"),
];

/// The block the index has reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
	/// The chain's genesis hash.
	pub genesis_hash: String,
	/// The last block written.
	pub block_number: u64,
	/// Its hash.
	pub block_hash: String,
}

impl Db {
	/// Opens (creating it if needed) the database at `url` — `sqlite://PATH` or
	/// `postgres://…` — and brings its schema up to date.
	pub async fn open(url: &str) -> Result<Db, sqlx::Error> {
		let reader = yinji_index_query::Db::connect_reader(url).await?;
		match reader.engine() {
			Engine::Sqlite => sqlx::migrate!("./migrations/sqlite").run(reader.pool()).await?,
			Engine::Postgres => sqlx::migrate!("./migrations/postgres").run(reader.pool()).await?,
		}
		Ok(Db { reader })
	}

	/// Where indexing stands; `None` before the first block.
	pub async fn cursor(&self) -> Result<Option<Cursor>, sqlx::Error> {
		let row = sqlx::query("SELECT genesis_hash, block_number, block_hash FROM cursor")
			.fetch_optional(self.pool())
			.await?;
		row.map(|row| {
			Ok(Cursor {
				genesis_hash: row.try_get(0)?,
				block_number: u64::try_from(row.try_get::<i64, _>(1)?).unwrap_or_default(),
				block_hash: row.try_get(2)?,
			})
		})
		.transpose()
	}

	/// A SHA-256 digest of each table's content (every column as text, rows in key order), to
	/// compare two indexes of the same chain.
	pub async fn digest(&self) -> Result<Vec<(String, usize, String)>, sqlx::Error> {
		let mut digests = Vec::new();
		for (table, key) in TABLES {
			let columns = self.columns(table).await?;
			let select = columns
				.iter()
				.map(|c| format!("COALESCE(CAST({c} AS TEXT), '<null>')"))
				.collect::<Vec<_>>()
				.join(", ");
			// Table and column names come from `TABLES` and the schema, never from input.
			let sql = format!("SELECT {select} FROM {table} ORDER BY {key}");
			let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(self.pool()).await?;
			let mut hasher = Sha256::new();
			for row in &rows {
				for index in 0..columns.len() {
					let cell: String = row.try_get(index)?;
					hasher.update(cell.len().to_le_bytes());
					hasher.update(cell.as_bytes());
				}
			}
			digests.push((table.to_string(), rows.len(), hex::encode(hasher.finalize())));
		}
		Ok(digests)
	}

	async fn columns(&self, table: &str) -> Result<Vec<String>, sqlx::Error> {
		let rows: Vec<AnyRow> = match self.engine() {
			Engine::Sqlite => {
				sqlx::query(AssertSqlSafe(format!(
					"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
				)))
				.fetch_all(self.pool())
				.await?
			}
			Engine::Postgres => {
				sqlx::query(
					"SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
					 WHERE table_name = $1 AND table_schema = current_schema() \
					 ORDER BY ordinal_position",
				)
				.bind(table)
				.fetch_all(self.pool())
				.await?
			}
		};
		rows.iter().map(|row| row.try_get(0)).collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn a_fresh_sqlite_index_has_every_table_and_no_cursor() {
		let dir = tempfile::tempdir().unwrap();
		let url = format!("sqlite://{}", dir.path().join("index.db").display());
		let db = Db::open(&url).await.unwrap();
		assert_eq!(db.cursor().await.unwrap(), None);
		let digest = db.digest().await.unwrap();
		assert_eq!(digest.len(), TABLES.len());
		assert!(digest.iter().all(|(_, rows, _)| *rows == 0));
		// Opening again runs no migration twice.
		drop(db);
		assert!(Db::open(&url).await.is_ok());
		assert!(Db::open("mysql://nope").await.is_err());
	}
}
