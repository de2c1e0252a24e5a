//! Live follow: the indexer keeps up with new finalized blocks, and when the node goes away it
//! reconnects with backoff and carries on from its cursor, ending equal to a clean index.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use std::time::Duration;
use yinji_client::testing::{eventually, wait_finalized, DevNode};
use yinji_indexer::{Db, Options};

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn follows_new_blocks_and_survives_the_node_restarting() {
	let dir = tempfile::tempdir().unwrap();
	let mut node = DevNode::start(dir.path());
	let chain = node.connect().await;
	let start = wait_finalized(&chain, 2, 3 * MINUTE).await;
	let until = start + 12;

	let url = sqlite(dir.path(), "live.db");
	let db = Db::open(&url).await.unwrap();
	let indexer = {
		let (node, db) = (node.url(), db.clone());
		tokio::spawn(async move {
			let options = Options { until: Some(until), ..Options::default() };
			yinji_indexer::run(&node, &db, &options).await
		})
	};
	// It indexes blocks finalized after it started, one finalized head at a time.
	let cursor = || async { db.cursor().await.ok().flatten().map(|c| c.block_number) };
	eventually("the indexer follows past its start", 2 * MINUTE, || async {
		cursor().await.filter(|c| *c > start).map(|_| ())
	})
	.await;
	// The node crashes and comes back on the same port and database.
	node.kill();
	node.restart();
	let done = tokio::time::timeout(5 * MINUTE, indexer)
		.await
		.expect("the indexer reaches its last block after the restart")
		.expect("the indexer task does not panic")
		.expect("the indexer reconnects rather than failing");
	assert!(done.blocks > 0);
	assert_eq!(cursor().await, Some(until));

	let clean = index(&node.url(), &sqlite(dir.path(), "clean.db"), until).await;
	assert_eq!(db.digest().await.unwrap(), clean.digest().await.unwrap());
}
