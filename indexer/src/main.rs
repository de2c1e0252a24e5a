//! `yinji-indexer`: index a yinji chain into SQLite or Postgres.

use clap::{Parser, Subcommand};
use yinji_indexer::{run, Db, Options};

/// Follows a yinji node's finalized blocks and writes what happened to SQL.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
	/// The node's RPC URL.
	#[arg(long, env = "YINJI_NODE_URL", default_value = "ws://127.0.0.1:9944", global = true)]
	node: String,
	/// `sqlite://PATH` (created if missing) or `postgres://USER@HOST:PORT/DB`.
	#[arg(
		long,
		env = "YINJI_DATABASE_URL",
		default_value = "sqlite://yinji-index.db",
		global = true
	)]
	database_url: String,
	/// Blocks written per database transaction.
	#[arg(long, default_value_t = 64)]
	batch_size: u64,
	/// Blocks fetched from the node at once.
	#[arg(long, default_value_t = 8)]
	concurrency: usize,
	/// Stop once this block is indexed (default: follow the chain until stopped).
	#[arg(long)]
	until: Option<u64>,
	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Print each table's row count and content digest (two indexes of the same chain match).
	Digest,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
		)
		.with_writer(std::io::stderr)
		.init();
	let cli = Cli::parse();
	let db = Db::open(&cli.database_url).await?;
	if let Some(Command::Digest) = cli.command {
		for (table, rows, digest) in db.digest().await? {
			println!("{table:16} {rows:8} {digest}");
		}
		return Ok(());
	}
	let options = Options {
		batch_size: cli.batch_size,
		concurrency: cli.concurrency,
		until: cli.until,
		progress: true,
	};
	tracing::info!(node = %cli.node, database = %redact(&cli.database_url), "indexing");
	tokio::select! {
		result = run(&cli.node, &db, &options) => {
			let done = result?;
			tracing::info!(blocks = done.blocks, events = done.events, "done");
		}
		_ = tokio::signal::ctrl_c() => tracing::info!("stopped"),
	}
	Ok(())
}

/// The database URL without its password, for the log.
fn redact(url: &str) -> String {
	match (url.find("://"), url.rfind('@')) {
		(Some(scheme), Some(at)) if at > scheme => {
			let credentials = &url[scheme + 3..at];
			match credentials.find(':') {
				Some(colon) => {
					format!("{}{}:***{}", &url[..scheme + 3], &credentials[..colon], &url[at..])
				}
				None => url.to_string(),
			}
		}
		_ => url.to_string(),
	}
}
