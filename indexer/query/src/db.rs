//! The handle on the index database: SQLite (a file, the default) or Postgres (by URL).

use crate::Result;
use sqlx::{any::AnyPoolOptions, AnyPool, Executor};

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

impl Db {
	/// Connects to an index another process writes (the gateway reads the indexer's database
	/// this way), leaving its schema to the indexer.
	pub async fn connect_reader(url: &str) -> Result<Db> {
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
}

/// A connection pool to `url` — `sqlite://PATH` (created if missing; WAL, full sync at commit)
/// or `postgres://…` — without touching its schema. The gateway opens its own database this way.
pub async fn connect(url: &str) -> Result<(AnyPool, Engine)> {
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

#[cfg(test)]
mod tests {
	use super::*;

	#[tokio::test]
	async fn connect_fails_when_the_url_names_another_engine() {
		let error = Db::connect_reader("mysql://nope").await.err();
		assert!(matches!(error, Some(sqlx::Error::Configuration(_))));
	}
}
