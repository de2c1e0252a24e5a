//! The accounts under load and what they trade: each has a collection with a pool of listed
//! items, and the operations they submit.

use std::sync::atomic::{AtomicU32, Ordering};
use yinji_client::{
	calls::{
		self, collectibles::NewCollection, works::Registration, CollectionKind, TransferPolicy,
		WorkKind,
	},
	subxt_signer::sr25519::dev,
	AccountId32, Call, Chain, Keypair, Submitted,
};

const UNIT: u128 = 1_000_000_000_000;
/// Items each account mints and lists before the run, for the others to buy.
const POOL: u32 = 40;
const PRICE: u128 = UNIT;
/// The block every listing and attestation of the set-up lasts until.
const FAR: u32 = 1_000_000;

/// The account of a key pair.
pub fn account(who: &Keypair) -> AccountId32 {
	who.public_key().to_account_id()
}

async fn submit(chain: &Chain, call: Call, who: &Keypair, what: &str) -> Submitted {
	chain.submit_call(&call, who).await.unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// One account's part: its collection, and how many of its listed items were bought.
pub struct Seller {
	/// Its collection.
	pub collection: u32,
	/// How many of its pool's items were bought (or are being).
	pub sold: AtomicU32,
}

/// Funds and attests the accounts; each registers a work, creates a collection, and mints and
/// lists `POOL` items through its own node, `chains[n % chains.len()]`.
pub async fn set_up(chains: &[Chain], accounts: &[Keypair]) -> Vec<Seller> {
	let alice = dev::alice();
	let chain = &chains[0];
	let funds = accounts.iter().map(|who| calls::transfer(account(who), 10_000 * UNIT));
	submit(chain, calls::batch_all(funds.collect()), &alice, "Alice funds the accounts").await;
	let attest =
		accounts.iter().map(|who| calls::works::attest_creator(account(who), 1, 100 * FAR));
	submit(chain, calls::batch_all(attest.collect()), &alice, "Alice attests the accounts").await;
	let sellers = accounts.iter().enumerate().map(|(n, who)| async move {
		let chain = &chains[n % chains.len()];
		let collection = open_shop(chain, who, u64::MAX - n as u64).await;
		submit(chain, calls::collectibles::mint(collection, account(who), POOL), who, "mint").await;
		let lists = (1..=POOL).map(|item| {
			calls::marketplace::list((collection, item), calls::native(), PRICE, FAR, None)
		});
		submit(chain, calls::batch_all(lists.collect()), who, "the pool is listed").await;
		Seller { collection, sold: AtomicU32::new(0) }
	});
	futures::future::join_all(sellers).await
}

/// `who` registers a work (numbered `seed`) and creates a collection of it; the collection.
async fn open_shop(chain: &Chain, who: &Keypair, seed: u64) -> u32 {
	let registered = submit(chain, register_work(who, seed), who, "register_work").await;
	let work = registered.registered_work().expect("a work");
	let terms = NewCollection {
		work,
		kind: CollectionKind::DigitalCollectible,
		max_supply: 1_000_000,
		metadata: b"bafkreiload".to_vec(),
		royalty: 0,
		policy: TransferPolicy::SettlementOnly,
		min_holder_kyc: 0,
	};
	let created =
		submit(chain, calls::collectibles::create_collection(terms), who, "create_collection")
			.await;
	created.created_collection().expect("a collection")
}

/// A registration of a work of `who`'s, its content hash made of `seed` and `who`.
fn register_work(who: &Keypair, seed: u64) -> Call {
	let mut hash = [0u8; 32];
	hash[..8].copy_from_slice(&seed.to_le_bytes());
	hash[8..16].copy_from_slice(&who.public_key().0[..8]);
	let registration =
		Registration::original(hash, b"bafkreiload".to_vec(), WorkKind::Image, account(who));
	calls::works::register(registration)
}

/// What an operation of the load does.
#[derive(Clone, Copy, Debug)]
pub enum Operation {
	/// A work registered.
	Register,
	/// One item minted.
	Mint,
	/// One listed item bought.
	Buy,
}

impl std::fmt::Display for Operation {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(match self {
			Operation::Register => "register_work",
			Operation::Mint => "mint",
			Operation::Buy => "buy",
		})
	}
}

/// One operation of account `n`, chosen by `k`: register a work, mint one item, or buy one of
/// the next account's listed items (register when that pool is sold out).
pub fn operation(n: usize, k: u64, who: &Keypair, sellers: &[Seller]) -> (Operation, Call) {
	match k % 3 {
		1 => (Operation::Mint, calls::collectibles::mint(sellers[n].collection, account(who), 1)),
		2 => {
			let seller = &sellers[(n + 1) % sellers.len()];
			let item = seller.sold.fetch_add(1, Ordering::Relaxed) + 1;
			if item <= POOL {
				let listed = (seller.collection, item);
				return (
					Operation::Buy,
					calls::marketplace::buy(listed, calls::native(), PRICE, 0),
				);
			}
			(Operation::Register, register_work(who, k))
		}
		_ => (Operation::Register, register_work(who, k)),
	}
}
