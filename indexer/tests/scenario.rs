//! A scripted scenario on a real `yinji-node --dev`: register, mint, list, buy, gift, dispute,
//! points. Indexed into SQLite and into Postgres, it gives exactly the expected rows, and both
//! engines hold the same content.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use std::time::Duration;
use yinji_client::{
	calls::{
		collectibles, loyalty, marketplace, native, works, EvmBurn, PointsRate, Ruling,
		TransferPolicy,
	},
	subxt_signer::sr25519::dev,
	testing::{ok, wait_finalized, DevNode},
};
use yinji_indexer::{
	queries::{self, ListingFilter, SaleFilter},
	Db,
};

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn the_scripted_scenario_gives_exactly_the_expected_rows_in_sqlite_and_postgres() {
	let dir = tempfile::tempdir().unwrap();
	let node = DevNode::start(dir.path());
	let chain = node.connect().await;
	wait_finalized(&chain, 1, 3 * MINUTE).await;
	let (museum, creator, collector, buyer, friend) =
		(dev::alice(), dev::bob(), dev::charlie(), dev::dave(), dev::eve());
	let price = 10 * UNIT;

	// Governance sets the points rate: one point per unit spent, a point is worth 0.01 unit.
	let rate = PointsRate { price_per_point: UNIT, point_value: UNIT / 100 };
	ok(
		chain.sudo_call(loyalty::set_rate(native(), Some(rate)), &museum).await,
		"set the points rate",
	);
	submit(&chain, attest(&creator, 2), &museum).await;
	submit(&chain, register_work(&creator, [7; 32]), &creator).await;
	// Collection 0 sells with a 10 % royalty; collection 1 can only be given away.
	submit(&chain, create_collection(0, 1_000, TransferPolicy::SettlementOnly), &creator).await;
	let gift_only = TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 0 };
	submit(&chain, create_collection(0, 0, gift_only), &creator).await;
	submit(&chain, collectibles::mint(0, account(&collector), 2), &creator).await;
	submit(&chain, collectibles::mint(1, account(&collector), 1), &creator).await;
	// Item 0/1 is listed and bought; the buyer earns ten points.
	let list = |item: u32| marketplace::list((0, item), native(), price, 1_000_000, None);
	submit(&chain, list(1), &collector).await;
	let buy = |item: u32, points: u128| marketplace::buy((0, item), native(), price, points);
	submit(&chain, buy(1, 0), &buyer).await;
	// Item 0/2 is bought with five points redeemed.
	submit(&chain, list(2), &collector).await;
	submit(&chain, buy(2, 5), &buyer).await;
	// Item 1/1 is given to a friend, whom an institution verified (gifts need it).
	submit(&chain, attest(&friend, 1), &museum).await;
	submit(&chain, collectibles::gift(1, 1, account(&friend)), &collector).await;
	// The friend disputes the work; the consortium dismisses the claim.
	submit(&chain, works::open_dispute(0, b"bafkreievidence".to_vec()), &friend).await;
	ok(
		chain.sudo_call(works::rule_dispute(0, Ruling::DismissAndReturn), &museum).await,
		"rule on the dispute",
	);
	// The buyer takes item 0/1 to the EVM mirror; its token is burned there for the friend, and
	// the consortium imports it to the friend.
	submit(&chain, collectibles::export_item(0, 1, [0xab; 20]), &buyer).await;
	let burn = EvmBurn { tx_hash: [0xcd; 32], log_index: 4 };
	ok(
		chain.sudo_call(collectibles::import_item(0, 1, account(&friend), burn), &museum).await,
		"import the item",
	);
	let last = ok(chain.finalized_number().await, "finalized head");

	let postgres = Postgres::start();
	let databases = [sqlite(dir.path(), "index.db"), postgres.database("yinji")];
	let mut digests = Vec::new();
	for url in &databases {
		let db = index(&node.url(), url, last).await;
		check_rows(&db, last).await;
		digests.push(db.digest().await.unwrap());
	}
	assert_eq!(digests[0], digests[1], "SQLite and Postgres hold the same index");
}

/// The runtime's bridge custodian: the account of the pallet id `yj/brdge`.
fn bridge_custodian() -> [u8; 32] {
	let mut account = [0u8; 32];
	account[..12].copy_from_slice(b"modlyj/brdge");
	account
}

async fn count(db: &Db, sql: &'static str) -> i64 {
	sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn check_rows(db: &Db, last: u64) {
	let (creator, collector, buyer, friend) =
		(hex(&dev::bob()), hex(&dev::charlie()), hex(&dev::dave()), hex(&dev::eve()));
	let price = 10 * UNIT;
	assert_eq!(db.cursor().await.unwrap().unwrap().block_number, last);
	assert_eq!(
		count(db, "SELECT COUNT(*) FROM blocks").await,
		last as i64 + 1,
		"every block from genesis"
	);

	// The work: registered, disputed, dispute dismissed, active again, one holder.
	let works = queries::works_by_creator(db, &creator).await.unwrap();
	assert_eq!(works.len(), 1);
	assert_eq!(
		(works[0].id, works[0].status.as_str(), works[0].kind.as_str()),
		(0, "Active", "Image")
	);
	assert_eq!(works[0].content_hash, format!("0x{}", "07".repeat(32)));
	assert_eq!(works[0].metadata_cid, "bafkreimetadata");
	assert_eq!(works[0].holders, vec![(creator.clone(), 10_000)]);
	let dispute: (String, String, String) =
		sqlx::query_as("SELECT claimant, evidence_cid, ruling FROM disputes")
			.fetch_one(db.pool())
			.await
			.unwrap();
	assert_eq!(dispute, (friend.clone(), "bafkreievidence".into(), "DismissAndReturn".into()));
	let changes: Vec<String> =
		sqlx::query_scalar("SELECT change FROM rights_changes ORDER BY block_number, event_index")
			.fetch_all(db.pool())
			.await
			.unwrap();
	assert_eq!(changes, ["registered", "dispute_opened", "dispute_ruled"]);
	let attested: Vec<(String, i64)> =
		sqlx::query_as("SELECT creator, kyc_level FROM attestations ORDER BY attested_block")
			.fetch_all(db.pool())
			.await
			.unwrap();
	assert_eq!(attested, [(creator.clone(), 2), (friend.clone(), 1)]);
	assert!(queries::open_disputes(db).await.unwrap().is_empty(), "the dispute was ruled");
	let attestation = queries::attestation(db, &creator).await.unwrap().unwrap();
	assert_eq!((attestation.institution, attestation.kyc_level), (hex(&dev::alice()), 2));

	// Collections and items.
	let collections = queries::collections_by_creator(db, &creator).await.unwrap();
	assert_eq!(
		collections.iter().map(|c| (c.id, c.royalty_bp, c.items)).collect::<Vec<_>>(),
		[(1, 0, 1), (0, 1_000, 2)]
	);
	assert!(collections[0].policy.contains("GiftOnly"), "{}", collections[0].policy);
	let owners: Vec<(i64, i64, String)> =
		sqlx::query_as("SELECT collection, item, owner FROM items ORDER BY collection, item")
			.fetch_all(db.pool())
			.await
			.unwrap();
	assert_eq!(owners, [(0, 1, friend.clone()), (0, 2, buyer.clone()), (1, 1, friend.clone())]);
	// Only the settlement-only digital collectible may go to the EVM mirror, not the gift-only.
	let held = queries::items_of(db, &friend).await.unwrap();
	assert_eq!(
		held.iter().map(|i| (i.collection, i.item, i.exportable)).collect::<Vec<_>>(),
		[(0, 1, true), (1, 1, false)]
	);

	// Provenance of 0/1: minted to the collector, sold to the buyer at the listed price,
	// exported into bridge custody and imported to the friend.
	let custodian = yinji_client::fields::to_hex(&bridge_custodian());
	let provenance = queries::item_provenance(db, 0, 1).await.unwrap();
	let steps: Vec<_> = provenance
		.iter()
		.map(|p| (p.kind.as_str(), p.from.clone(), p.to.clone(), p.price.clone()))
		.collect();
	assert_eq!(
		steps,
		[
			("mint", None, Some(collector.clone()), None),
			("sale", Some(collector.clone()), Some(buyer.clone()), Some(("native".into(), price))),
			("export", Some(buyer.clone()), Some(custodian.clone()), None),
			("import", Some(custodian), Some(friend.clone()), None),
		]
	);
	assert!(provenance.iter().all(|p| p.timestamp_ms > 0));
	let gift = queries::item_provenance(db, 1, 1).await.unwrap();
	assert_eq!(
		gift.last().map(|p| (p.kind.as_str(), p.to.clone())),
		Some(("gift", Some(friend.clone())))
	);

	// Listings: both sold, none open.
	let all = queries::listings(db, &ListingFilter::default()).await.unwrap();
	assert_eq!(
		all.iter().map(|l| (l.item, l.price, l.close_reason.clone())).collect::<Vec<_>>(),
		[(1, price, Some("sold".into())), (2, price, Some("sold".into())),]
	);
	let open = ListingFilter { open_only: true, ..ListingFilter::default() };
	assert!(queries::listings(db, &open).await.unwrap().is_empty());
	let too_cheap = ListingFilter { max_price: Some(price - 1), ..ListingFilter::default() };
	assert!(queries::listings(db, &too_cheap).await.unwrap().is_empty());

	// Sales with their breakdown: a tenth to the creator, no platform fee, the rest to the
	// seller; the second paid five points' worth less.
	let sales =
		queries::sales(db, &SaleFilter { account: Some(buyer.clone()), ..SaleFilter::default() })
			.await
			.unwrap();
	let breakdown: Vec<_> = sales
		.iter()
		.map(|s| (s.item, s.gross, s.fee, s.royalties, s.seller_proceeds, s.discount))
		.collect();
	assert_eq!(
		breakdown,
		[
			(2, price, 0, price / 10, price - price / 10, 5 * UNIT / 100),
			(1, price, 0, price / 10, price - price / 10, 0),
		]
	);
	let royalties =
		queries::royalties_per_period(db, &creator, 0, u64::MAX / 2, 86_400_000).await.unwrap();
	let total: u128 = royalties.iter().map(|r| r.total).sum();
	let payouts: u64 = royalties.iter().map(|r| r.payouts).sum();
	assert_eq!((total, payouts), (2 * price / 10, 2));

	// Points: ten earned, five redeemed, ten earned again; RFM figures of the buyer.
	let (history, _tier) = queries::loyalty_history(db, &buyer).await.unwrap();
	let ledger: Vec<_> = history.iter().rev().map(|e| (e.kind.as_str(), e.points)).collect();
	assert_eq!(ledger, [("earned", 10), ("redeemed", 5), ("earned", 10)]);
	let rfm = queries::rfm(db, &buyer, sales[0].timestamp_ms).await.unwrap();
	assert_eq!(
		(rfm.frequency, rfm.recency_days, rfm.monetary.get("native").copied()),
		(2, Some(0), Some(2 * price))
	);
	assert_eq!(queries::rfm(db, &collector, 0).await.unwrap().frequency, 0);
}
