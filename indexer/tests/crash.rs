//! Invariant 6: killed with SIGKILL at random points while indexing, the indexer ends with a
//! database equal, table by table, to a clean index of the same finalized chain.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use rand::Rng;
use std::{
	process::{Child, Command, Stdio},
	time::Duration,
};
use yinji_client::testing::{eventually, wait_finalized, DevNode};
use yinji_indexer::Db;

const MINUTE: Duration = Duration::from_secs(60);
/// Kills that must land while the indexer is still working.
const KILLS: usize = 20;

fn spawn_indexer(node: &str, database: &str, until: u64, batch_size: u32) -> Child {
	Command::new(env!("CARGO_BIN_EXE_yinji-indexer"))
		.args(["--node", node, "--database-url", database])
		.args(["--until", &until.to_string(), "--batch-size", &batch_size.to_string()])
		.args(["--concurrency", "2"])
		.env("RUST_LOG", "warn")
		.stdout(Stdio::null())
		.stderr(Stdio::null())
		.spawn()
		.expect("the indexer binary starts")
}

async fn cursor(db: &Db) -> Option<u64> {
	db.cursor().await.ok().flatten().map(|c| c.block_number)
}

/// Runs the indexer into `url` up to `last`, SIGKILLing it at random moments (each after the
/// cursor advanced, so every run makes progress) until it completes; returns the cursor at each
/// kill that hit a running indexer.
async fn index_with_kills(node: &str, url: &str, last: u64) -> Vec<u64> {
	// Create the schema first, so that the test's reads never race the first migration.
	let db = Db::open(url).await.unwrap();
	let mut rng = rand::rng();
	let mut kills = Vec::new();
	loop {
		let before = cursor(&db).await;
		let mut indexer = spawn_indexer(node, url, last, rng.random_range(1..=4));
		let finished = eventually("the indexer makes progress or finishes", 2 * MINUTE, || {
			let exited = indexer.try_wait().unwrap();
			let db = &db;
			async move {
				if let Some(status) = exited {
					return Some(Some(status));
				}
				(cursor(db).await > before).then_some(None)
			}
		})
		.await;
		if let Some(status) = finished {
			assert!(status.success(), "the indexer ends cleanly at block {last}: {status}");
			return kills;
		}
		tokio::time::sleep(Duration::from_millis(rng.random_range(0..80))).await;
		let still_running = indexer.try_wait().unwrap().is_none();
		indexer.kill().unwrap(); // SIGKILL
		indexer.wait().unwrap();
		if still_running {
			kills.push(cursor(&db).await.unwrap_or(0));
		}
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_at_random_points_the_index_equals_a_clean_one() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, 3 * MINUTE).await;
	load(&chain, 6, 25).await;
	let last = wait_finalized(&chain, 60, 5 * MINUTE).await;
	let clean = index(&node.url(), &sqlite(dir.path(), "clean.db"), last).await;
	let clean = clean.digest().await.unwrap();
	let works = clean.iter().find(|(table, ..)| table == "works").map(|(_, rows, _)| *rows);
	assert_eq!(works, Some(4 * 6 * 25), "the load is indexed");

	// Index the same blocks again and again into fresh databases, killing the indexer on the
	// way, until at least twenty kills have hit it while it was working; every database must
	// end equal to the clean one.
	let mut kills = Vec::new();
	for pass in 0..6 {
		if kills.len() >= KILLS {
			break;
		}
		let url = sqlite(dir.path(), &format!("crashed-{pass}.db"));
		let hits = index_with_kills(&node.url(), &url, last).await;
		let crashed = Db::open(&url).await.unwrap();
		assert_eq!(cursor(&crashed).await, Some(last));
		for (dirty, fresh) in crashed.digest().await.unwrap().iter().zip(&clean) {
			assert_eq!(dirty, fresh, "table {} after kills at blocks {hits:?}", fresh.0);
		}
		println!(
			"pass {pass}: {} kills at blocks {hits:?}; every table equals a clean index",
			hits.len()
		);
		kills.extend(hits);
	}
	assert!(kills.len() >= KILLS, "only {} kills hit a running indexer", kills.len());
}
