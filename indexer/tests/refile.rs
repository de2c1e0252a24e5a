//! A withdrawn registration frees its content hash; the same hash filed again is a new work, and
//! the index keeps both rows, in SQLite and in Postgres.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use std::time::Duration;
use yinji_client::{
	calls::works,
	subxt_signer::sr25519::dev,
	testing::{ok, wait_finalized, DevNode},
};

#[tokio::test(flavor = "multi_thread")]
async fn a_hash_filed_again_after_withdrawal_is_a_second_work() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, Duration::from_secs(180)).await;
	let (museum, creator) = (dev::alice(), dev::bob());
	submit(&chain, attest(&creator, 2), &museum).await;
	submit(&chain, register_work(&creator, [9; 32]), &creator).await;
	// The sole holder's proposal has all the shares behind it: the withdrawal applies at once.
	submit(&chain, works::propose_withdrawal(0), &creator).await;
	submit(&chain, register_work(&creator, [9; 32]), &creator).await;
	let last = ok(chain.finalized_number().await, "finalized head");

	let postgres = Postgres::start();
	for url in [sqlite(dir.path(), "index.db"), postgres.database("refile")] {
		let db = index(&node.url(), &url, last).await;
		let works: Vec<(i64, String, String)> =
			sqlx::query_as("SELECT id, content_hash, status FROM works ORDER BY id")
				.fetch_all(db.pool())
				.await
				.unwrap();
		let hash = format!("0x{}", hex::encode([9; 32]));
		assert_eq!(
			works,
			[(0, hash.clone(), "Withdrawn".to_string()), (1, hash, "Active".to_string())],
			"{url}: both filings of the hash are indexed"
		);
	}
}
