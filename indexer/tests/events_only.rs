//! The index is a function of the chain's events: writing a block reads nothing from the chain
//! while its database transaction is open. Indexed through a client that refuses every storage
//! read, a chain with a registration, a collection, a mint and a sale by an accepted offer gives
//! the same index as a normal client, with the offer closed as accepted.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use std::time::Duration;
use yinji_client::{
	calls::{collectibles, marketplace, native, TransferPolicy},
	runtime::yinji::storage,
	subxt_signer::sr25519::dev,
	testing::{ok, wait_finalized, DevNode},
};
use yinji_indexer::{sync, Db, Options};

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn a_client_that_refuses_every_storage_read_still_indexes_a_sale() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, 3 * MINUTE).await;
	let (museum, creator, buyer) = (dev::alice(), dev::bob(), dev::dave());

	submit(&chain, attest(&creator, 2), &museum).await;
	submit(&chain, register_work(&creator, [9; 32]), &creator).await;
	submit(&chain, create_collection(0, 1_000, TransferPolicy::SettlementOnly), &creator).await;
	submit(&chain, collectibles::mint(0, account(&creator), 1), &creator).await;
	let offer = marketplace::make_offer((0, 1), native(), 5 * UNIT, 1_000_000);
	submit(&chain, offer, &buyer).await;
	submit(&chain, marketplace::accept_offer(0), &creator).await;
	let last = ok(chain.finalized_number().await, "finalized head");

	let refusing = node.connect().await.refusing_storage_reads();
	let refused = ok(refusing.at(last).await, "a view of the last block");
	assert!(
		refused.fetch(storage().system().number(), ()).await.is_err(),
		"the test client refuses storage reads"
	);
	let genesis = format!("0x{}", ::hex::encode(refusing.genesis_hash().as_bytes()));
	let db = Db::open(&sqlite(dir.path(), "events-only.db")).await.unwrap();
	let progress = sync::catch_up(&refusing, &db, &Options::default(), 0, last, &genesis)
		.await
		.expect("indexing reads no storage");
	assert_eq!(progress.blocks, last + 1);

	let sales: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sales WHERE buyer = $1")
		.bind(hex(&buyer))
		.fetch_one(db.pool())
		.await
		.unwrap();
	assert_eq!(sales, 1, "the sale is indexed");
	let closed: (Option<i64>, Option<String>) =
		sqlx::query_as("SELECT closed_block, close_reason FROM offers WHERE offer = 0")
			.fetch_one(db.pool())
			.await
			.unwrap();
	assert!(closed.0.is_some(), "the accepted offer is closed");
	assert_eq!(closed.1.as_deref(), Some("accepted"));
	let registered: (String, String) =
		sqlx::query_as("SELECT kind, metadata_cid FROM works WHERE id = 0")
			.fetch_one(db.pool())
			.await
			.unwrap();
	assert_eq!(registered, ("Image".to_string(), "bafkreimetadata".to_string()));

	let normal = index(&node.url(), &sqlite(dir.path(), "normal.db"), last).await;
	assert_eq!(
		db.digest().await.unwrap(),
		normal.digest().await.unwrap(),
		"the same index as through a normal client"
	);
}
