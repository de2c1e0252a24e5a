//! yinji's web gateway: where people meet the chain.
//!
//! - the application shell: [`app`], one [`Config`], one error type answering `{code, message}`;
//! - accounts and sessions ([`accounts`]), custodial keys sealed at rest ([`keys`]) and
//!   self-custody by a signed challenge ([`custody`]);
//! - the content store, embedded or Kubo: uploads checked by their bytes, stored under the CIDs
//!   `ipfs add` gives, counted against a per-user quota ([`content`]);
//! - the chain: the extrinsics the gateway builds and the engine that signs, submits and
//!   follows them ([`chain`]);
//! - the creator, buyer and institution flows as extrinsics ([`flows`]);
//! - physical tags: issuing NFC tags and printed codes, judging taps and scans ([`tags`]);
//! - the shop: catalog and search, cart, checkout, orders and fulfilment, and its pages
//!   ([`shop`]);
//! - the creator studio ([`studio`]), the member page ([`member`]) and the institution console
//!   ([`console`]).

pub mod accounts;
mod amount;
pub mod bytes;
pub mod chain;
pub mod console;
pub mod content;
pub mod custody;
pub mod error;
pub mod flows;
pub mod keys;
pub mod member;
pub mod pages;
mod reads;
pub(crate) mod routes;
pub mod seed;
pub mod shop;
pub mod stored;
pub mod studio;
pub mod tags;

use content::{kubo::KuboStore, EmbeddedStore, Store};
use std::{path::PathBuf, sync::Arc};

pub use error::{ApiError, Result};
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
	/// A Kubo node's RPC API (`http://127.0.0.1:5001`) to keep content in, instead of the
	/// embedded store under the data directory.
	#[arg(long, env = "YINJI_KUBO_API")]
	pub kubo_api: Option<String>,
	/// Total bytes one user may upload.
	#[arg(long, env = "YINJI_UPLOAD_QUOTA", default_value_t = 1024 * 1024 * 1024)]
	pub upload_quota: u64,
	/// The node to submit extrinsics to (flows answer 503 without one).
	#[arg(long, env = "YINJI_NODE_URL")]
	pub node: Option<String>,
	/// The indexer's database, for the reads (`/api/me/items`, `/api/listings`, …).
	#[arg(long, env = "YINJI_INDEX_DATABASE_URL")]
	pub index_database_url: Option<String>,
	/// The key epoch new tags are issued under; raise it to replace every tag key.
	#[arg(long, env = "YINJI_TAG_EPOCH", default_value_t = 1)]
	pub tag_epoch: u32,
	/// A file holding the secret URI (a mnemonic, a `0x` seed, or `//Alice` on a dev chain) of
	/// the member institution's account that submits claims by tap; `YINJI_VERIFIER_SURI` may
	/// hold it instead. Without one, claims answer 503.
	#[arg(long, env = "YINJI_VERIFIER_KEY_FILE")]
	pub verifier_key_file: Option<PathBuf>,
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
	/// The settings.
	pub config: Arc<Config>,
	/// The content store.
	pub store: Arc<Store>,
	/// The gateway's database.
	pub db: sqlx::AnyPool,
	/// Its engine (the shop's search speaks each one's full-text dialect).
	pub engine: yinji_index_query::Engine,
	/// The key that seals custodial keys.
	pub master: keys::MasterKey,
	/// A password hash verified when a log-in names no account (equal cost).
	pub dummy_hash: String,
	/// The node, when configured.
	pub chain: Option<yinji_client::Chain>,
	/// The indexer's database, when configured.
	pub index: Option<yinji_index_query::Db>,
	/// The tag secrets, derived from the master key.
	pub tags: tags::TagKeys,
	/// One lock per custodial signer: a user's extrinsics are signed and submitted one after
	/// the other, so that two never take the same account nonce.
	pub signers: chain::submission::SignerLocks,
	/// The institution key that submits claims by tap, when configured.
	pub verifier: Option<yinji_client::Keypair>,
}

impl AppState {
	/// Opens the gateway's stores and database, bringing its schema up to date.
	pub async fn open(config: Config) -> anyhow::Result<AppState> {
		std::fs::create_dir_all(&config.data_dir)?;
		let content = config.data_dir.join("content");
		let store = match &config.kubo_api {
			Some(url) => Store::Kubo(KuboStore::open(url, &content)?),
			None => Store::Embedded(EmbeddedStore::open(&content)?),
		};
		let url = config.database_url.clone().unwrap_or_else(|| {
			format!("sqlite://{}", config.data_dir.join("gateway.db").display())
		});
		let (db, engine) = yinji_index_query::connect(&url).await?;
		match engine {
			yinji_index_query::Engine::Sqlite => {
				sqlx::migrate!("./migrations/sqlite").run(&db).await?
			}
			yinji_index_query::Engine::Postgres => {
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
			Some(url) => Some(yinji_index_query::Db::connect_reader(url).await?),
			None => None,
		};
		if config.tag_epoch == 0 {
			anyhow::bail!("--tag-epoch starts at 1");
		}
		let tags = tags::TagKeys::derive(&master, config.tag_epoch);
		let verifier = match (&config.verifier_key_file, std::env::var("YINJI_VERIFIER_SURI")) {
			(Some(path), _) => Some(keys::keypair_from_uri(&std::fs::read_to_string(path)?)?),
			(None, Ok(uri)) => Some(keys::keypair_from_uri(&uri)?),
			(None, Err(_)) => None,
		};
		Ok(AppState {
			verifier,
			engine,
			tags,
			signers: chain::submission::SignerLocks::default(),
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

impl AppState {
	/// The connected node, or 503 `no_chain`.
	pub fn chain(&self) -> Result<&yinji_client::Chain> {
		self.chain.as_ref().ok_or_else(|| {
			ApiError::new(
				axum::http::StatusCode::SERVICE_UNAVAILABLE,
				"no_chain",
				"the gateway is not connected to a node",
			)
		})
	}

	/// The index the gateway reads, or 503 `no_index`.
	pub fn index(&self) -> Result<&yinji_index_query::Db> {
		self.index.as_ref().ok_or_else(|| {
			ApiError::new(
				axum::http::StatusCode::SERVICE_UNAVAILABLE,
				"no_index",
				"the gateway has no index",
			)
		})
	}
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
}
