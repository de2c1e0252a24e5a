//! yinji's web gateway: where people meet the chain.
//!
//! Built so far: the application shell ([`app`], one [`Config`], one error type answering
//! `{code, message}`), accounts and sessions ([`accounts`]), custodial keys sealed at rest
//! ([`keys`]) and the content store — uploads checked by their bytes, stored under the CIDs
//! `ipfs add` gives, counted against a per-user quota ([`content`]). The chain flows, the
//! self-custody signing, the Kubo store and the pages follow (issues 7/11 to 9/11).

pub mod accounts;
pub mod content;
pub mod custody;
pub mod error;
pub mod flows;
pub mod keys;
mod routes;

use content::EmbeddedStore;
use std::{path::PathBuf, sync::Arc};

pub use error::ApiError;
pub use routes::{app, ApiDoc};

/// The gateway's settings, from flags or the environment.
#[derive(Clone, Debug, clap::Parser)]
#[command(version, about = "yinji's web gateway")]
pub struct Config {
	/// Address to listen on.
	#[arg(long, env = "YINJI_GATEWAY_LISTEN", default_value = "127.0.0.1:8080")]
	pub listen: std::net::SocketAddr,
	/// Directory for the gateway's data (the embedded content store, the default database).
	#[arg(long, env = "YINJI_GATEWAY_DATA", default_value = "yinji-gateway-data")]
	pub data_dir: PathBuf,
	/// The gateway's database: `sqlite://PATH` or `postgres://…` (default: `gateway.db` in the
	/// data directory).
	#[arg(long, env = "YINJI_GATEWAY_DATABASE_URL")]
	pub database_url: Option<String>,
	/// A file holding the master key that seals custodial keys (64 hex digits). Never stored in
	/// the database; `YINJI_MASTER_KEY` may hold the hex instead.
	#[arg(long, env = "YINJI_MASTER_KEY_FILE")]
	pub master_key_file: Option<PathBuf>,
	/// The origin browsers use to reach the gateway (`https://shop.example`); state-changing
	/// requests from any other origin are refused. Default: the request's own host.
	#[arg(long, env = "YINJI_PUBLIC_ORIGIN")]
	pub public_origin: Option<String>,
	/// Largest upload accepted, in bytes.
	#[arg(long, env = "YINJI_MAX_UPLOAD", default_value_t = 64 * 1024 * 1024)]
	pub max_upload: usize,
	/// Total bytes one user may upload.
	#[arg(long, env = "YINJI_UPLOAD_QUOTA", default_value_t = 1024 * 1024 * 1024)]
	pub upload_quota: u64,
	/// The node to submit extrinsics to (flows answer 503 without one).
	#[arg(long, env = "YINJI_NODE_URL")]
	pub node: Option<String>,
	/// The indexer's database, for the reads (`/api/me/items`, `/api/listings`, …).
	#[arg(long, env = "YINJI_INDEX_DATABASE_URL")]
	pub index_database_url: Option<String>,
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
	/// The settings.
	pub config: Arc<Config>,
	/// The content store.
	pub store: Arc<EmbeddedStore>,
	/// The gateway's database.
	pub db: sqlx::AnyPool,
	/// The key that seals custodial keys.
	pub master: keys::MasterKey,
	/// A password hash verified when a log-in names no account (equal cost).
	pub dummy_hash: String,
	/// The node, when configured.
	pub chain: Option<yinji_client::Chain>,
	/// The indexer's database, when configured.
	pub index: Option<yinji_indexer::Db>,
}

impl AppState {
	/// Opens the gateway's stores and database, bringing its schema up to date.
	pub async fn open(config: Config) -> anyhow::Result<AppState> {
		std::fs::create_dir_all(&config.data_dir)?;
		let store = EmbeddedStore::open(&config.data_dir.join("content"))?;
		let url = config.database_url.clone().unwrap_or_else(|| {
			format!("sqlite://{}", config.data_dir.join("gateway.db").display())
		});
		let (db, engine) = yinji_indexer::db::connect(&url).await?;
		match engine {
			yinji_indexer::db::Engine::Sqlite => {
				sqlx::migrate!("./migrations/sqlite").run(&db).await?
			}
			yinji_indexer::db::Engine::Postgres => {
				sqlx::migrate!("./migrations/postgres").run(&db).await?
			}
		}
		let master = match (&config.master_key_file, std::env::var("YINJI_MASTER_KEY")) {
			(Some(path), _) => keys::MasterKey::from_hex(&std::fs::read_to_string(path)?)?,
			(None, Ok(hex)) => keys::MasterKey::from_hex(&hex)?,
			(None, Err(_)) => anyhow::bail!(
				"no master key: pass --master-key-file FILE (64 hex digits) or set YINJI_MASTER_KEY"
			),
		};
		let dummy_hash = accounts::dummy_hash().map_err(|e| anyhow::anyhow!("{e:?}"))?;
		let chain = match &config.node {
			Some(url) => Some(
				yinji_client::Chain::connect_with_backoff(url, std::time::Duration::from_secs(60))
					.await?,
			),
			None => None,
		};
		let index = match &config.index_database_url {
			Some(url) => Some(yinji_indexer::Db::connect_reader(url).await?),
			None => None,
		};
		Ok(AppState {
			config: Arc::new(config),
			store: Arc::new(store),
			db,
			master,
			dummy_hash,
			chain,
			index,
		})
	}
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
}
