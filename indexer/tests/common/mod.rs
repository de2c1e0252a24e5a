//! What the indexer's tests share: the indexer run to a block, and the chain's calls as the
//! scenarios make them. (The Postgres server is `yinji_client::testing::Postgres`.)

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code, unused_imports)]

use std::{path::Path, time::Duration};
use yinji_client::{
	calls::{
		self,
		collectibles::{self, NewCollection},
		works::{self, Registration},
		CollectionKind, TransferPolicy, WorkKind,
	},
	runtime::runtime_types::{pallet_collectibles, pallet_works},
	subxt_signer::sr25519::{dev, Keypair},
	testing::ok,
	AccountId32, Call, Chain, Event, Submitted,
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
pub fn account(who: &Keypair) -> AccountId32 {
	AccountId32(who.public_key().0)
}

/// An account as the index writes it.
pub fn hex(who: &Keypair) -> String {
	format!("0x{}", hex::encode(who.public_key().0))
}

/// `Works.register_work` of a one-holder image with content hash `hash`, all rights reserved.
pub fn register_work(creator: &Keypair, hash: [u8; 32]) -> Call {
	let metadata = b"bafkreimetadata".to_vec();
	works::register(Registration::original(hash, metadata, WorkKind::Image, account(creator)))
}

/// `Works.attest_creator` of `creator` at `kyc_level`, until block 1 000 000.
pub fn attest(creator: &Keypair, kyc_level: u8) -> Call {
	works::attest_creator(account(creator), kyc_level, 1_000_000)
}

/// `Collectibles.create_collection` of 1 000 digital collectibles of `work`.
pub fn create_collection(work: u64, royalty_bp: u16, policy: TransferPolicy<u32>) -> Call {
	collectibles::create_collection(NewCollection {
		work,
		kind: CollectionKind::DigitalCollectible,
		max_supply: 1_000,
		metadata: b"bafkreicollection".to_vec(),
		royalty: royalty_bp,
		policy,
		min_holder_kyc: 0,
	})
}

/// Submits and unwraps (the error names the call).
pub async fn submit(chain: &Chain, call: Call, who: &Keypair) -> Submitted {
	ok(chain.submit_call(&call, who).await, "a submitted call")
}

/// Fills the chain: four attested creators each register `works` works per round in one
/// `Utility.batch_all`, concurrently, for `rounds` rounds; then each mints 40 items.
pub async fn load(chain: &Chain, rounds: u8, works: u8) {
	let museum = dev::alice();
	let creators: Vec<Keypair> = vec![dev::bob(), dev::charlie(), dev::dave(), dev::eve()];
	let attest = calls::batch_all(creators.iter().map(|c| attest(c, 2)).collect());
	ok(chain.submit_call(&attest, &museum).await, "attest the creators");
	// Work ids follow the order of inclusion: each creator remembers its first work.
	let mut first_work = vec![0u64; creators.len()];
	for round in 0..rounds {
		let submissions = creators.iter().enumerate().map(|(index, creator)| {
			let batch = calls::batch_all(
				(0..works)
					.map(|n| {
						let hash = [round, index as u8, n, 0xaa].repeat(8);
						let hash: [u8; 32] = hash.try_into().unwrap();
						register_work(creator, hash)
					})
					.collect(),
			);
			async move { chain.submit_call(&batch, creator).await }
		});
		for (index, result) in futures::future::join_all(submissions).await.into_iter().enumerate()
		{
			let registered = ok(result, "register a batch of works");
			if round == 0 {
				first_work[index] = registered.registered_work().expect("a work");
			}
		}
	}
	// Collection ids follow the order of inclusion: each creator mints into the one its own
	// extrinsic created.
	let collections = creators.iter().zip(first_work).map(|(creator, work)| async move {
		let call = create_collection(work, 500, TransferPolicy::SettlementOnly);
		let created = ok(chain.submit_call(&call, creator).await, "create a collection");
		let id = created.created_collection().expect("a collection");
		let mint = collectibles::mint(id, account(creator), 40);
		ok(chain.submit_call(&mint, creator).await, "mint");
	});
	futures::future::join_all(collections).await;
}
