//! `listings` and `sales` on a small index in both engines: SQLite in memory and a Postgres server
//! started on loopback, each with the indexer's schema. Every filter alone, filters together, and
//! the page size and offset give exactly the expected rows in the expected order.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use yinji_client::testing::Postgres;
use yinji_index_query::{amount, listings, sales, Db, ListingFilter, ListingRow, SaleFilter};

/// An empty index in memory.
async fn sqlite() -> Db {
	let db = Db::connect_reader("sqlite::memory:").await.unwrap();
	sqlx::migrate!("../migrations/sqlite").run(db.pool()).await.unwrap();
	db
}

/// An empty index on `server`.
async fn postgres(server: &Postgres) -> Db {
	let db = Db::connect_reader(&server.database("index")).await.unwrap();
	sqlx::migrate!("../migrations/postgres").run(db.pool()).await.unwrap();
	db
}

/// Five listings: `(block, event, collection, item, kind, seller, price, closed_block,
/// close_reason)`. Two share a price, and one costs 10^12 (after 300 only if amounts compare as
/// numbers).
const LISTINGS: [(i64, i64, i64, i64, &str, &str, u128, Option<i64>, Option<&str>); 5] = [
	(1, 0, 0, 1, "fixed", "alice", 300, None, None),
	(1, 1, 0, 2, "auction", "alice", 100, Some(5), Some("sold")),
	(2, 0, 1, 1, "fixed", "bob", 100, None, None),
	(3, 0, 1, 2, "dutch", "bob", 1_000_000_000_000, None, None),
	(3, 1, 0, 3, "fixed", "carol", 50, Some(4), Some("removed")),
];

/// Four sales: `(block, event, timestamp_ms, collection, item, seller, buyer)`.
const SALES: [(i64, i64, i64, i64, i64, &str, &str); 4] = [
	(1, 0, 1_000, 0, 1, "alice", "bob"),
	(2, 0, 2_000, 0, 1, "bob", "carol"),
	(2, 1, 2_000, 1, 1, "alice", "carol"),
	(3, 0, 3_000, 1, 2, "carol", "alice"),
];

async fn fill(db: &Db) {
	for (block, event, collection, item, kind, seller, price, closed, reason) in LISTINGS {
		sqlx::query(
			"INSERT INTO listings (block_number, event_index, collection, item, kind, seller, \
			 asset, price, schedule, expires_at, closed_block, close_reason) \
			 VALUES ($1, $2, $3, $4, $5, $6, 'native', $7, '{}', 100, $8, $9)",
		)
		.bind(block)
		.bind(event)
		.bind(collection)
		.bind(item)
		.bind(kind)
		.bind(seller)
		.bind(amount(price))
		.bind(closed)
		.bind(reason)
		.execute(db.pool())
		.await
		.unwrap();
	}
	for (block, event, timestamp_ms, collection, item, seller, buyer) in SALES {
		sqlx::query(
			"INSERT INTO sales (block_number, event_index, timestamp_ms, collection, item, seller, \
			 buyer, asset, gross, fee, royalties, seller_proceeds, discount, loyalty_minted) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, 'native', $8, $9, $10, $11, $12, $12)",
		)
		.bind(block)
		.bind(event)
		.bind(timestamp_ms)
		.bind(collection)
		.bind(item)
		.bind(seller)
		.bind(buyer)
		.bind(amount(1_000))
		.bind(amount(20))
		.bind(amount(50))
		.bind(amount(930))
		.bind(amount(0))
		.execute(db.pool())
		.await
		.unwrap();
	}
}

/// The `(collection, item)` of each listing matching `filter`, in the order returned.
async fn listed(db: &Db, filter: ListingFilter) -> Vec<(u64, u64)> {
	listings(db, &filter).await.unwrap().iter().map(|l| (l.collection, l.item)).collect()
}

/// The `(block, collection, item)` of each sale matching `filter`, in the order returned.
async fn sold(db: &Db, filter: SaleFilter) -> Vec<(u64, u64, u64)> {
	let sales = sales(db, &filter).await.unwrap();
	sales.iter().map(|s| (s.block_number, s.collection, s.item)).collect()
}

async fn listing_filters_work(db: &Db) {
	let all = ListingFilter::default;
	let cheapest_first = vec![(0, 3), (0, 2), (1, 1), (0, 1), (1, 2)];
	assert_eq!(listed(db, all()).await, cheapest_first, "by price, then block and event");
	assert_eq!(
		listings(db, &ListingFilter { collection: Some(0), limit: Some(1), ..all() })
			.await
			.unwrap()[0],
		ListingRow {
			collection: 0,
			item: 3,
			kind: "fixed".into(),
			seller: "carol".into(),
			asset: "native".into(),
			price: 50,
			listed_block: 3,
			expires_at: 100,
			close_reason: Some("removed".into()),
		}
	);
	let cases = [
		(ListingFilter { collection: Some(0), ..all() }, vec![(0, 3), (0, 2), (0, 1)]),
		(ListingFilter { seller: Some("bob".into()), ..all() }, vec![(1, 1), (1, 2)]),
		(ListingFilter { kind: Some("fixed".into()), ..all() }, vec![(0, 3), (1, 1), (0, 1)]),
		(ListingFilter { min_price: Some(100), ..all() }, vec![(0, 2), (1, 1), (0, 1), (1, 2)]),
		(ListingFilter { max_price: Some(300), ..all() }, vec![(0, 3), (0, 2), (1, 1), (0, 1)]),
		(ListingFilter { min_price: Some(101), max_price: Some(300), ..all() }, vec![(0, 1)]),
		(ListingFilter { open_only: true, ..all() }, vec![(1, 1), (0, 1), (1, 2)]),
		(ListingFilter { limit: Some(2), ..all() }, vec![(0, 3), (0, 2)]),
		(ListingFilter { limit: Some(2), offset: Some(2), ..all() }, vec![(1, 1), (0, 1)]),
		(ListingFilter { offset: Some(4), ..all() }, vec![(1, 2)]),
		(ListingFilter { offset: Some(10), ..all() }, vec![]),
		(
			ListingFilter { collection: Some(0), limit: Some(1), offset: Some(1), ..all() },
			vec![(0, 2)],
		),
		(ListingFilter { seller: Some("dave".into()), ..all() }, vec![]),
		(
			ListingFilter {
				collection: Some(0),
				kind: Some("fixed".into()),
				open_only: true,
				..all()
			},
			vec![(0, 1)],
		),
		(
			ListingFilter {
				collection: Some(1),
				seller: Some("bob".into()),
				kind: Some("dutch".into()),
				min_price: Some(1),
				max_price: Some(1_000_000_000_000),
				open_only: true,
				limit: Some(5),
				offset: Some(0),
			},
			vec![(1, 2)],
		),
	];
	for (filter, expected) in cases {
		assert_eq!(listed(db, filter.clone()).await, expected, "{filter:?}");
	}
}

async fn sale_filters_work(db: &Db) {
	let all = SaleFilter::default;
	let newest_first = vec![(3, 1, 2), (2, 1, 1), (2, 0, 1), (1, 0, 1)];
	assert_eq!(sold(db, all()).await, newest_first, "by block, then event, descending");
	let first = sales(db, &SaleFilter { limit: Some(1), ..all() }).await.unwrap();
	assert_eq!((first[0].seller.as_str(), first[0].buyer.as_str()), ("carol", "alice"));
	assert_eq!(
		(first[0].gross, first[0].fee, first[0].royalties, first[0].seller_proceeds),
		(1_000, 20, 50, 930)
	);
	assert_eq!(
		(first[0].timestamp_ms, first[0].asset.as_str(), first[0].discount),
		(3_000, "native", 0)
	);
	let cases = [
		(SaleFilter { collection: Some(0), ..all() }, vec![(2, 0, 1), (1, 0, 1)]),
		(SaleFilter { account: Some("bob".into()), ..all() }, vec![(2, 0, 1), (1, 0, 1)]),
		(
			SaleFilter { account: Some("alice".into()), ..all() },
			vec![(3, 1, 2), (2, 1, 1), (1, 0, 1)],
		),
		(SaleFilter { since_ms: Some(2_000), ..all() }, vec![(3, 1, 2), (2, 1, 1), (2, 0, 1)]),
		(SaleFilter { until_ms: Some(2_000), ..all() }, vec![(1, 0, 1)]),
		(
			SaleFilter { since_ms: Some(2_000), until_ms: Some(3_000), ..all() },
			vec![(2, 1, 1), (2, 0, 1)],
		),
		(SaleFilter { limit: Some(2), ..all() }, vec![(3, 1, 2), (2, 1, 1)]),
		(SaleFilter { account: Some("dave".into()), ..all() }, vec![]),
		(
			SaleFilter {
				collection: Some(1),
				account: Some("carol".into()),
				since_ms: Some(1_000),
				until_ms: Some(3_001),
				limit: Some(1),
			},
			vec![(3, 1, 2)],
		),
		(
			SaleFilter { account: Some("carol".into()), until_ms: Some(3_000), ..all() },
			vec![(2, 1, 1), (2, 0, 1)],
		),
	];
	for (filter, expected) in cases {
		assert_eq!(sold(db, filter.clone()).await, expected, "{filter:?}");
	}
}

#[tokio::test]
async fn listing_and_sale_filters_work_in_sqlite() {
	let db = sqlite().await;
	fill(&db).await;
	listing_filters_work(&db).await;
	sale_filters_work(&db).await;
}

#[tokio::test]
async fn listing_and_sale_filters_work_in_postgres() {
	let server = Postgres::start();
	let db = postgres(&server).await;
	fill(&db).await;
	listing_filters_work(&db).await;
	sale_filters_work(&db).await;
}
