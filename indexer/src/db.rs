//! The database: SQLite (a file, the default) or Postgres (by URL), one schema, embedded
//! migrations per dialect.

use sha2::{Digest, Sha256};
use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	AnyPool, AssertSqlSafe, Executor, Row,
};

/// The SQL engine behind a [`Db`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
	/// A SQLite file.
	Sqlite,
	/// A Postgres server.
	Postgres,
}

/// A connection pool to the index database.
#[derive(Clone)]
pub struct Db {
	pool: AnyPool,
	engine: Engine,
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
		let (pool, engine) = connect(url).await?;
		match engine {
			Engine::Sqlite => sqlx::migrate!("./migrations/sqlite").run(&pool).await?,
			Engine::Postgres => sqlx::migrate!("./migrations/postgres").run(&pool).await?,
		}
		Ok(Db { pool, engine })
	}

	/// Connects to an index another process writes (the gateway reads the indexer's database
	/// this way), leaving its schema to the indexer.
	pub async fn connect_reader(url: &str) -> Result<Db, sqlx::Error> {
		let (pool, engine) = connect(url).await?;
		Ok(Db { pool, engine })
	}

	/// The engine.
	pub fn engine(&self) -> Engine {
		self.engine
	}

	/// The pool, for queries.
	pub fn pool(&self) -> &AnyPool {
		&self.pool
	}

	/// Where indexing stands; `None` before the first block.
	pub async fn cursor(&self) -> Result<Option<Cursor>, sqlx::Error> {
		let row = sqlx::query("SELECT genesis_hash, block_number, block_hash FROM cursor")
			.fetch_optional(&self.pool)
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
			let rows = sqlx::query(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
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
		let rows: Vec<AnyRow> = match self.engine {
			Engine::Sqlite => {
				sqlx::query(AssertSqlSafe(format!(
					"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
				)))
				.fetch_all(&self.pool)
				.await?
			}
			Engine::Postgres => {
				sqlx::query(
					"SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
					 WHERE table_name = $1 AND table_schema = current_schema() \
					 ORDER BY ordinal_position",
				)
				.bind(table)
				.fetch_all(&self.pool)
				.await?
			}
		};
		rows.iter().map(|row| row.try_get(0)).collect()
	}
}

/// A connection pool to `url` — `sqlite://PATH` (created if missing; WAL, full sync at commit)
/// or `postgres://…` — without touching its schema. The gateway opens its own database this way.
pub async fn connect(url: &str) -> Result<(AnyPool, Engine), sqlx::Error> {
	sqlx::any::install_default_drivers();
	let engine = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
		Engine::Postgres
	} else if url.starts_with("sqlite:") {
		Engine::Sqlite
	} else {
		return Err(sqlx::Error::Configuration(
			format!("unsupported database URL {url:?}: use sqlite://PATH or postgres://…").into(),
		));
	};
	let url = match engine {
		Engine::Sqlite if !url.contains("mode=") => {
			format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
		}
		_ => url.to_string(),
	};
	let pool = AnyPoolOptions::new()
		.max_connections(if engine == Engine::Sqlite { 1 } else { 4 })
		.after_connect(move |connection, _| {
			Box::pin(async move {
				if engine == Engine::Sqlite {
					// Write-ahead log with a full sync at each commit: a committed transaction
					// survives a killed process and a power loss.
					connection
						.execute(
							"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
							 PRAGMA busy_timeout = 10000;",
						)
						.await?;
				}
				Ok(())
			})
		})
		.connect(&url)
		.await?;
	Ok((pool, engine))
}

/// An exact amount as the index stores it: 39-digit zero-padded decimal text (the width of
/// `u128::MAX`), so that text order is numeric order.
pub fn amount(value: u128) -> String {
	format!("{value:039}")
}

/// An amount read back from the index.
pub fn parse_amount(text: &str) -> Result<u128, sqlx::Error> {
	text.parse().map_err(|e| sqlx::Error::Decode(format!("amount {text:?}: {e}").into()))
}

/// A block number or other counter for an `INTEGER`/`BIGINT` column.
pub fn int(value: impl Into<u64>) -> i64 {
	// Block numbers, ids and counters stay far below 2^63 on any chain that exists.
	i64::try_from(value.into()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_sort_as_numbers_and_round_trip() {
		let values = [0u128, 9, 10, 1_000_000_000_000, u128::MAX];
		let texts: Vec<String> = values.iter().map(|v| amount(*v)).collect();
		let mut sorted = texts.clone();
		sorted.sort();
		assert_eq!(sorted, texts, "text order is numeric order");
		for (value, text) in values.iter().zip(&texts) {
			assert_eq!(text.len(), 39);
			assert_eq!(parse_amount(text).unwrap(), *value);
		}
		assert!(parse_amount("12x").is_err());
	}

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
