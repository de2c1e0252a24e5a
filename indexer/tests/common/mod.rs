//! What the indexer's tests share: the indexer run to a block, and the chain's calls as the
//! scenarios make them. (The Postgres server is `yinji_client::testing::Postgres`.)

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code, unused_imports)]

use std::{path::Path, time::Duration};
use yinji_client::{
	fields::Fields,
	subxt_signer::sr25519::{dev, Keypair},
	testing::ok,
	Chain, Value,
};
use yinji_indexer::{Db, Options};

pub use yinji_client::testing::Postgres;

/// One unit of the native currency (12 decimals).
pub const UNIT: u128 = 1_000_000_000_000;

/// A SQLite URL in `dir`.
pub fn sqlite(dir: &Path, name: &str) -> String {
	format!("sqlite://{}", dir.join(name).display())
}

/// Indexes the chain of `node` into `url` up to block `until` and returns the database.
pub async fn index(node: &str, url: &str, until: u64) -> Db {
	let db = Db::open(url).await.unwrap_or_else(|e| panic!("open {url}: {e}"));
	let options = Options { until: Some(until), ..Options::default() };
	tokio::time::timeout(Duration::from_secs(600), yinji_indexer::run(node, &db, &options))
		.await
		.expect("indexing ends within ten minutes")
		.unwrap_or_else(|e| panic!("indexing into {url}: {e}"));
	db
}

/// An account as a call argument.
pub fn account(who: &Keypair) -> Value {
	Value::from_bytes(who.public_key().0)
}

/// An account as the index writes it.
pub fn hex(who: &Keypair) -> String {
	format!("0x{}", hex::encode(who.public_key().0))
}

/// `Works.register_work` arguments for a one-holder work with content hash `hash`.
pub fn register_work(creator: &Keypair, hash: [u8; 32]) -> Vec<Value> {
	vec![
		Value::from_bytes(hash),
		Value::unnamed_variant("None", []),
		Value::from_bytes(b"bafkreimetadata"),
		Value::unnamed_variant("Image", []),
		Value::unnamed_variant("AllRightsReserved", []),
		Value::unnamed_composite([Value::unnamed_composite([
			account(creator),
			Value::u128(10_000),
		])]),
		Value::unnamed_composite([]),
	]
}

/// `Collectibles.create_collection` arguments.
pub fn create_collection(work: u128, royalty_bp: u128, policy: Value) -> Vec<Value> {
	vec![
		Value::u128(work),
		Value::unnamed_variant("DigitalCollectible", []),
		Value::u128(1_000),
		Value::from_bytes(b"bafkreicollection"),
		Value::u128(royalty_bp),
		policy,
		Value::u128(0),
	]
}

/// Submits and unwraps.
pub async fn submit(chain: &Chain, pallet: &str, call: &str, args: Vec<Value>, who: &Keypair) {
	ok(chain.submit(pallet, call, args, who).await, &format!("{pallet}.{call}"));
}

/// Fills the chain: four attested creators each register `works` works per round in one
/// `Utility.batch_all`, concurrently, for `rounds` rounds; then each mints 40 items.
pub async fn load(chain: &Chain, rounds: u8, works: u8) {
	let museum = dev::alice();
	let creators: Vec<Keypair> = vec![dev::bob(), dev::charlie(), dev::dave(), dev::eve()];
	let attest = creators
		.iter()
		.map(|c| {
			("Works", "attest_creator", vec![account(c), Value::u128(2), Value::u128(1_000_000)])
		})
		.collect();
	ok(chain.batch(attest, &museum).await, "attest the creators");
	// Work ids follow the order of inclusion: each creator remembers its first work.
	let mut first_work = vec![0u128; creators.len()];
	for round in 0..rounds {
		let submissions = creators.iter().enumerate().map(|(index, creator)| {
			let calls = (0..works)
				.map(|n| {
					let hash = [round, index as u8, n, 0xaa].repeat(8);
					let hash: [u8; 32] = hash.try_into().unwrap();
					("Works", "register_work", register_work(creator, hash))
				})
				.collect();
			chain.batch(calls, creator)
		});
		for (index, result) in futures::future::join_all(submissions).await.into_iter().enumerate()
		{
			let registered = ok(result, "register a batch of works");
			if round == 0 {
				let fields = registered.event("Works", "WorkRegistered").expect("a work");
				first_work[index] = Fields::new(fields, "WorkRegistered").u128("work").unwrap();
			}
		}
	}
	// Collection ids follow the order of inclusion: each creator mints into the one its own
	// extrinsic created.
	let collections = creators.iter().zip(first_work).map(|(creator, work)| async move {
		let policy = Value::unnamed_variant("SettlementOnly", []);
		let args = create_collection(work, 500, policy);
		let created = ok(
			chain.submit("Collectibles", "create_collection", args, creator).await,
			"create a collection",
		);
		let fields = created.event("Collectibles", "CollectionCreated").expect("a collection");
		let id = Fields::new(fields, "CollectionCreated").u128("collection").unwrap();
		let args = vec![Value::u128(id), account(creator), Value::u128(40)];
		ok(chain.submit("Collectibles", "mint", args, creator).await, "mint");
	});
	futures::future::join_all(collections).await;
}
