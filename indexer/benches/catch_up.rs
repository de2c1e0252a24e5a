//! Catch-up speed of the indexer on a real dev chain filled with work registrations and mints,
//! as a ratio to a loop that only fetches the same blocks (same client, same concurrency) and
//! writes nothing. Run with `cargo bench -p yinji-indexer --bench catch_up` (the node binary must
//! be built: `cargo build -p yinji-node`); `YINJI_BENCH_ROUNDS` (default 8) sets the load: rounds of four
//! concurrent batches of 150 work registrations, which fill most of a block. `YINJI_BENCH_OUT`
//! names a JSON file for the figures (`scripts/bench` renders it into `docs/benchmarks.md`).

// A benchmark program: a failed step ends it with its message.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use futures::{StreamExt, TryStreamExt};
use std::time::{Duration, Instant};
use yinji_client::{
	runtime::yinji,
	testing::{wait_finalized, DevNode},
	Chain,
};
use yinji_indexer::{ingest, sync, Db, Options};

#[tokio::main]
async fn main() {
	let rounds: u8 =
		std::env::var("YINJI_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(8);
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, Duration::from_secs(180)).await;
	common::load(&chain, rounds, 150).await;
	let last = chain.finalized_number().await.unwrap();
	let options = Options { until: Some(last), ..Options::default() };

	// Three alternating runs of each: the baseline fetches (and decodes) every block and writes
	// nothing; the indexer writes everything into a fresh SQLite file. The fastest run of each
	// counts (the others met noise from the node producing blocks alongside).
	let genesis = yinji_client::fields::to_hex(chain.genesis_hash().as_bytes());
	let (mut fetch_seconds, mut index_seconds) = (f64::MAX, f64::MAX);
	let (mut events, mut busiest_number, mut busiest_events) = (0, 0, 0);
	for run in 0..3 {
		let started = Instant::now();
		let fetched: Vec<ingest::Fetched> = futures::stream::iter(0..=last)
			.map(|n| ingest::fetch(&chain, n))
			.buffered(options.concurrency)
			.try_collect()
			.await
			.unwrap();
		fetch_seconds = fetch_seconds.min(started.elapsed().as_secs_f64());
		events = fetched.iter().map(|f| f.block.events.len()).sum();
		let busiest = fetched.iter().max_by_key(|f| f.block.events.len()).unwrap();
		(busiest_number, busiest_events) = (busiest.block.number, busiest.block.events.len());
		drop(fetched);

		let db = Db::open(&common::sqlite(dir.path(), &format!("bench-{run}.db"))).await.unwrap();
		let started = Instant::now();
		let progress = sync::catch_up(&chain, &db, &options, 0, last, &genesis).await.unwrap();
		index_seconds = index_seconds.min(started.elapsed().as_secs_f64());
		assert_eq!(progress.events as usize, events, "the index wrote every event fetched");
	}
	let fill = block_fill(&chain, busiest_number).await;

	let blocks = (last + 1) as f64;
	println!(
		"chain: {} blocks, {events} yinji events, at most {busiest_events} in one block",
		last + 1
	);
	println!("busiest block: {:.0} % of the normal-class ref_time limit", fill * 100.0);
	println!(
		"fetch only : {:8.1} blocks/s {:8.1} events/s",
		blocks / fetch_seconds,
		events as f64 / fetch_seconds
	);
	println!(
		"index      : {:8.1} blocks/s {:8.1} events/s",
		blocks / index_seconds,
		events as f64 / index_seconds
	);
	println!("ratio index/fetch-only: {:.2}", fetch_seconds / index_seconds);
	if let Ok(path) = std::env::var("YINJI_BENCH_OUT") {
		let figures = serde_json::json!({
			"rounds": rounds, "blocks": last + 1, "events": events,
			"busiest_events": busiest_events, "busiest_fill": fill,
			"fetch_blocks_s": blocks / fetch_seconds, "fetch_events_s": events as f64 / fetch_seconds,
			"index_blocks_s": blocks / index_seconds, "index_events_s": events as f64 / index_seconds,
		});
		std::fs::write(path, figures.to_string()).unwrap();
	}
}

/// The share of the normal dispatch class's ref_time limit that block `number` used.
async fn block_fill(chain: &Chain, number: u64) -> f64 {
	let view = chain.at(number).await.unwrap();
	let used = view.fetch(yinji::storage().system().block_weight(), ()).await.unwrap().unwrap();
	let at = chain.api().at_current_block().await.unwrap();
	let limits = at.constants().entry(yinji::constants().system().block_weights()).unwrap();
	let limit = limits.per_class.normal.max_total.expect("the normal class has a limit");
	used.normal.ref_time as f64 / limit.ref_time as f64
}
