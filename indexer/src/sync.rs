//! Following the chain: catch up from the cursor to the finalized head in batches, then wait
//! for the next finalized head; reconnect with backoff when the node goes away.

use crate::{db::int, ingest, Db, Error};
use futures::{StreamExt, TryStreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use std::time::{Duration, Instant};
use yinji_client::{fields::to_hex, Chain};

/// How the indexer runs.
#[derive(Clone, Debug)]
pub struct Options {
	/// Blocks written per database transaction.
	pub batch_size: u64,
	/// Blocks fetched from the node at once.
	pub concurrency: usize,
	/// Stop once this block is indexed (follow forever when `None`).
	pub until: Option<u64>,
	/// Draw a progress bar while catching up (on a terminal).
	pub progress: bool,
}

impl Default for Options {
	fn default() -> Self {
		Options { batch_size: 64, concurrency: 8, until: None, progress: false }
	}
}

/// What a catch-up did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
	/// Blocks written.
	pub blocks: u64,
	/// Yinji events written.
	pub events: u64,
}

/// Indexes the chain of the node at `url` into `db`, reconnecting with backoff (up to 30 s
/// between attempts) whenever the node goes away. Returns when `options.until` is indexed, or
/// with an error that retrying cannot fix (a different chain, a malformed event, a database
/// failure).
pub async fn run(url: &str, db: &Db, options: &Options) -> Result<Progress, Error> {
	let mut total = Progress::default();
	let mut delay = Backoff::default();
	loop {
		let chain = match Chain::connect(url).await {
			Ok(chain) => chain,
			Err(error) => {
				tracing::warn!(%error, delay = ?delay.next, "node unreachable; retrying");
				delay.wait().await;
				continue;
			}
		};
		let indexed = total.blocks;
		match follow(&chain, db, options, &mut total).await {
			Ok(()) => return Ok(total),
			// A value that does not decode stays undecodable: retrying would loop forever.
			Err(Error::Chain(error)) if !is_transient(&error) => return Err(Error::Chain(error)),
			Err(Error::Chain(error)) => {
				// A connection that indexed something was worth having: start the delays over.
				// One that failed before indexing anything waits longer each time.
				if total.blocks > indexed {
					delay = Backoff::default();
				}
				tracing::warn!(%error, delay = ?delay.next, "lost the node; reconnecting");
				delay.wait().await;
			}
			Err(error) => return Err(error),
		}
	}
}

/// Whether retrying on a new connection may fix `error`: the node went away or refused a call.
/// A value that does not decode, or a block the node does not have, will not change.
pub fn is_transient(error: &yinji_client::Error) -> bool {
	matches!(error, yinji_client::Error::Connect { .. } | yinji_client::Error::Rpc { .. })
}

/// Delays between reconnection attempts: 250 ms, doubling up to 30 s.
#[derive(Debug)]
struct Backoff {
	next: Duration,
}

impl Default for Backoff {
	fn default() -> Self {
		Backoff { next: Duration::from_millis(250) }
	}
}

impl Backoff {
	/// The delay to wait now; the next one doubles, up to 30 s.
	fn advance(&mut self) -> Duration {
		let now = self.next;
		self.next = (self.next * 2).min(Duration::from_secs(30));
		now
	}

	async fn wait(&mut self) {
		tokio::time::sleep(self.advance()).await;
	}
}

/// Follows one connection until `options.until` is indexed or the connection fails.
pub async fn follow(
	chain: &Chain,
	db: &Db,
	options: &Options,
	total: &mut Progress,
) -> Result<(), Error> {
	let genesis = to_hex(chain.genesis_hash().as_bytes());
	loop {
		let cursor = db.cursor().await?;
		if let Some(cursor) = &cursor {
			if cursor.genesis_hash != genesis {
				return Err(Error::WrongChain {
					indexed: cursor.genesis_hash.clone(),
					node: genesis,
				});
			}
		}
		let next = cursor.as_ref().map_or(0, |c| c.block_number + 1);
		if options.until.is_some_and(|until| next > until) {
			return Ok(());
		}
		let finalized = chain.finalized_number().await?;
		let target = options.until.map_or(finalized, |until| until.min(finalized));
		if next > target {
			chain.next_finalized().await?;
			continue;
		}
		let done = catch_up(chain, db, options, next, target, &genesis).await?;
		total.blocks += done.blocks;
		total.events += done.events;
	}
}

/// Indexes blocks `from..=to`, `options.batch_size` per transaction, fetching
/// `options.concurrency` blocks at once.
pub async fn catch_up(
	chain: &Chain,
	db: &Db,
	options: &Options,
	from: u64,
	to: u64,
	genesis: &str,
) -> Result<Progress, Error> {
	let started = Instant::now();
	let bar = if options.progress && to - from >= options.batch_size {
		let bar = ProgressBar::new(to - from + 1);
		bar.set_style(
			ProgressStyle::with_template(
				"{spinner} indexing [{bar:40}] {pos}/{len} blocks, {per_sec}, eta {eta}",
			)
			.unwrap_or_else(|_| ProgressStyle::default_bar())
			.progress_chars("=> "),
		);
		bar
	} else {
		ProgressBar::hidden()
	};
	let mut blocks = futures::stream::iter(from..=to)
		.map(|number| ingest::fetch(chain, number))
		.buffered(options.concurrency.max(1))
		.try_chunks(usize::try_from(options.batch_size.max(1)).unwrap_or(64));
	let mut progress = Progress::default();
	while let Some(batch) = blocks.next().await {
		let batch = batch.map_err(|e| e.1)?;
		progress.events += write_batch(db, &batch, genesis).await?;
		progress.blocks += batch.len() as u64;
		bar.inc(batch.len() as u64);
	}
	bar.finish_and_clear();
	let seconds = started.elapsed().as_secs_f64().max(1e-9);
	let (blocks_per_second, events_per_second) =
		(progress.blocks as f64 / seconds, progress.events as f64 / seconds);
	// A catch-up is worth a line; following the head block by block is not.
	if progress.blocks >= options.batch_size {
		tracing::info!(from, to, blocks_per_second, events_per_second, "caught up");
	} else {
		tracing::debug!(from, to, events = progress.events, "indexed");
	}
	Ok(progress)
}

/// Writes `batch` (consecutive blocks following the cursor) and moves the cursor to its last
/// block, in one transaction: after a crash the index holds either all of the batch or none of
/// it. Returns the number of events written. It reads nothing from the chain: the batch was
/// fetched before the transaction opened.
async fn write_batch(db: &Db, batch: &[ingest::Fetched], genesis: &str) -> Result<u64, Error> {
	let Some(last) = batch.last() else { return Ok(0) };
	let mut tx = db.pool().begin().await?;
	let cursor: Option<(i64, String)> =
		sqlx::query_as("SELECT block_number, block_hash FROM cursor WHERE id = 1")
			.fetch_optional(&mut *tx)
			.await?;
	let mut parent = cursor;
	let mut events = 0;
	for fetched in batch {
		let block = &fetched.block;
		// Finalized blocks form one chain: each block's parent is the block before it.
		if let Some((number, hash)) = &parent {
			let expected = (number + 1, hash.as_str());
			let found = (int(block.number), to_hex(block.parent_hash.as_bytes()));
			if found.0 != expected.0 || found.1 != expected.1 {
				return Err(Error::Invalid(format!(
					"block {} does not follow the indexed block {number} ({hash})",
					block.number
				)));
			}
		}
		ingest::apply(&mut tx, fetched).await?;
		events += block.events.len() as u64;
		parent = Some((int(block.number), to_hex(block.hash.as_bytes())));
	}
	sqlx::query(
		"INSERT INTO cursor (id, genesis_hash, block_number, block_hash) VALUES (1, $1, $2, $3) \
		 ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, \
		 block_hash = excluded.block_hash",
	)
	.bind(genesis.to_string())
	.bind(int(last.block.number))
	.bind(to_hex(last.block.hash.as_bytes()))
	.execute(&mut *tx)
	.await?;
	tx.commit().await?;
	Ok(events)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_connection_and_rpc_failures_are_retried() {
		let connect = yinji_client::Error::Connect { url: "ws://x".into(), reason: "down".into() };
		let rpc = yinji_client::Error::Rpc { call: "c".into(), reason: "gone".into() };
		let decode = yinji_client::Error::Decode { what: "event".into(), reason: "bad".into() };
		assert!(is_transient(&connect));
		assert!(is_transient(&rpc));
		assert!(!is_transient(&decode));
		assert!(!is_transient(&yinji_client::Error::UnknownBlock(7)));
	}

	#[test]
	fn backoff_doubles_up_to_thirty_seconds() {
		let mut delay = Backoff::default();
		let seen: Vec<_> = (0..10).map(|_| delay.advance()).collect();
		assert_eq!(seen[0], Duration::from_millis(250));
		assert_eq!(seen[1], Duration::from_millis(500));
		assert_eq!(seen[9], Duration::from_secs(30));
	}
}
