//! The yinji indexer: follows a chain's finalized blocks and writes what happened to SQL.
//!
//! - [`db`]: SQLite (a file, the default) or Postgres (by URL), embedded migrations per dialect,
//!   the cursor and table digests, over the readers' handle of [`yinji_index_query`].
//! - [`ingest`]: a finalized block → rows (every yinji event, and the tables derived from them).
//! - [`sync`]: catch up in batches, one transaction per batch with the cursor in it, then
//!   follow the finalized head; reconnect with backoff.
//! - [`queries`]: the reads the gateway makes, the `yinji-index-query` crate re-exported.
//!
//! Only finalized blocks are read, so nothing written is ever rolled back by the chain; and the
//! cursor moves in the same transaction as the rows, so a crash loses or repeats nothing.

pub mod db;
pub mod ingest;
pub mod sync;

/// The reads the gateway makes (the `yinji-index-query` crate); an indexer's [`Db`] reads through
/// them as is.
pub use yinji_index_query as queries;

pub use db::Db;
pub use sync::{run, Options, Progress};

/// What stops the indexer.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The node went away or failed a call; [`run`] reconnects.
	#[error(transparent)]
	Chain(#[from] yinji_client::Error),
	/// The database failed.
	#[error("database: {0}")]
	Db(#[from] sqlx::Error),
	/// The database indexes another chain.
	#[error("the database indexes the chain with genesis {indexed}, the node runs {node}")]
	WrongChain {
		/// The genesis hash in the database.
		indexed: String,
		/// The node's genesis hash.
		node: String,
	},
	/// An event or block is not what the index expects; nothing of its batch is written.
	#[error("unexpected chain data: {0}")]
	Invalid(String),
}

impl From<sqlx::migrate::MigrateError> for Error {
	fn from(error: sqlx::migrate::MigrateError) -> Self {
		Error::Db(error.into())
	}
}
