//! The reads the gateway makes: provenance, a creator's attestation, works and collections,
//! listings and sales with filters, royalties per period, loyalty history and RFM figures per
//! member, open disputes.
//!
//! Amounts come back as exact `u128`; sums are taken in Rust over exact values, never in SQL
//! floating point.

use crate::db::{amount, int, parse_amount, Db};
use serde::Serialize;
use sqlx::{any::AnyRow, AssertSqlSafe, Row};
use std::collections::BTreeMap;

/// One change of an item's owner, with its price when it was a sale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProvenanceEntry {
	/// The block.
	pub block_number: u64,
	/// The block's time (ms since the Unix epoch).
	pub timestamp_ms: u64,
	/// `mint`, `gift`, `sale` or `burn`.
	pub kind: String,
	/// The previous owner (none for a mint).
	pub from: Option<String>,
	/// The new owner (none for a burn).
	pub to: Option<String>,
	/// The asset and gross price of a sale.
	pub price: Option<(String, u128)>,
}

/// A registered work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkRow {
	/// The work's id.
	pub id: u64,
	/// Who registered it.
	pub registrant: String,
	/// sha2-256 of its content.
	pub content_hash: String,
	/// CID of its metadata.
	pub metadata_cid: String,
	/// `Image`, `Craft`, ….
	pub kind: String,
	/// `Active`, `Disputed`, `Revoked` or `Withdrawn`.
	pub status: String,
	/// The block it was registered in.
	pub registered_block: u64,
	/// That block's time (ms since the Unix epoch).
	pub registered_ms: u64,
	/// The current rights holders and their shares in basis points.
	pub holders: Vec<(String, u32)>,
}

/// A collection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CollectionRow {
	/// The collection's id.
	pub id: u64,
	/// The work it is tied to.
	pub work: u64,
	/// Who created it.
	pub issuer: String,
	/// `DigitalCollectible` or `PhysicalTwin`.
	pub kind: String,
	/// Maximum editions.
	pub max_supply: u64,
	/// Resale royalty in basis points.
	pub royalty_bp: u32,
	/// The transfer policy (JSON).
	pub policy: String,
	/// Items minted and not burned.
	pub items: u64,
}

/// A listing or an auction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListingRow {
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// `fixed`, `dutch` or `auction`.
	pub kind: String,
	/// The seller.
	pub seller: String,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// Fixed price, Dutch start price or auction start price.
	pub price: u128,
	/// The block it was listed in.
	pub listed_block: u64,
	/// Last block of validity (auctions: end, extended by late bids).
	pub expires_at: u64,
	/// Why it closed (`sold`, `removed`, `void`, `replaced`, `unsold`); `None` while open.
	pub close_reason: Option<String>,
}

/// Filters for [`listings`]; `None` fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct ListingFilter {
	/// Only this collection.
	pub collection: Option<u64>,
	/// Only this seller.
	pub seller: Option<String>,
	/// Only this kind.
	pub kind: Option<String>,
	/// Price at least.
	pub min_price: Option<u128>,
	/// Price at most.
	pub max_price: Option<u128>,
	/// Only open listings.
	pub open_only: bool,
	/// Page size (default 50).
	pub limit: Option<u32>,
	/// Rows to skip.
	pub offset: Option<u32>,
}

/// A settlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SaleRow {
	/// The block.
	pub block_number: u64,
	/// The block's time.
	pub timestamp_ms: u64,
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// The seller.
	pub seller: String,
	/// The buyer.
	pub buyer: String,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// The price.
	pub gross: u128,
	/// The platform's fee.
	pub fee: u128,
	/// All royalties together.
	pub royalties: u128,
	/// What the seller received.
	pub seller_proceeds: u128,
	/// Discount bought with points.
	pub discount: u128,
}

/// Filters for [`sales`].
#[derive(Clone, Debug, Default)]
pub struct SaleFilter {
	/// Only this collection.
	pub collection: Option<u64>,
	/// Only sales where this account bought or sold.
	pub account: Option<String>,
	/// From this time (ms, inclusive).
	pub since_ms: Option<u64>,
	/// Until this time (ms, exclusive).
	pub until_ms: Option<u64>,
	/// Page size (default 50).
	pub limit: Option<u32>,
}

/// Royalties an account earned in one period and asset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoyaltyPeriod {
	/// Start of the period (ms since the Unix epoch, a multiple of the period length).
	pub period_start_ms: u64,
	/// `native` or `asset:ID`.
	pub asset: String,
	/// The sum, exact.
	pub total: u128,
	/// How many payouts.
	pub payouts: u64,
}

/// One entry of a member's points history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoyaltyEntry {
	/// The block.
	pub block_number: u64,
	/// The block's time.
	pub timestamp_ms: u64,
	/// `earned`, `redeemed` or `expired`.
	pub kind: String,
	/// Points.
	pub points: u128,
	/// Last block of validity of earned points.
	pub expires_at: Option<u64>,
}

/// An institution's attestation of a creator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttestationRow {
	/// The attesting institution.
	pub institution: String,
	/// The KYC level granted.
	pub kyc_level: u8,
	/// The block from which it no longer holds.
	pub expires_at: u64,
	/// The block it was made in.
	pub attested_block: u64,
}

/// `creator`'s attestation, unless there is none or it was revoked.
pub async fn attestation(db: &Db, creator: &str) -> Result<Option<AttestationRow>, sqlx::Error> {
	let row = sqlx::query(
		"SELECT institution, kyc_level, expires_at, attested_block FROM attestations \
		 WHERE creator = $1 AND revoked_block IS NULL",
	)
	.bind(creator.to_string())
	.fetch_optional(db.pool())
	.await?;
	row.map(|row| {
		Ok(AttestationRow {
			institution: row.try_get("institution")?,
			kyc_level: u8::try_from(u(&row, "kyc_level")?).unwrap_or(u8::MAX),
			expires_at: u(&row, "expires_at")?,
			attested_block: u(&row, "attested_block")?,
		})
	})
	.transpose()
}

/// A dispute over a work's rights, not yet ruled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisputeRow {
	/// The disputed work.
	pub work: u64,
	/// The block the dispute was opened in.
	pub opened_block: u64,
	/// Who opened it.
	pub claimant: String,
	/// The CID of the claimant's evidence.
	pub evidence_cid: String,
}

/// Disputes waiting for a ruling, oldest first.
pub async fn open_disputes(db: &Db) -> Result<Vec<DisputeRow>, sqlx::Error> {
	let rows = sqlx::query(
		"SELECT work, opened_block, claimant, evidence_cid FROM disputes \
		 WHERE ruled_block IS NULL ORDER BY opened_block",
	)
	.fetch_all(db.pool())
	.await?;
	rows.iter()
		.map(|row| {
			Ok(DisputeRow {
				work: u(row, "work")?,
				opened_block: u(row, "opened_block")?,
				claimant: row.try_get("claimant")?,
				evidence_cid: row.try_get("evidence_cid")?,
			})
		})
		.collect()
}

/// Recency, frequency and monetary value of a member's purchases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rfm {
	/// Time of the latest purchase (ms), if any.
	pub last_purchase_ms: Option<u64>,
	/// Whole days from the latest purchase to `now`.
	pub recency_days: Option<u64>,
	/// Purchases in all.
	pub frequency: u64,
	/// Sum of prices paid (before discounts), per asset.
	pub monetary: BTreeMap<String, u128>,
}

fn u(row: &AnyRow, column: &str) -> Result<u64, sqlx::Error> {
	Ok(u64::try_from(row.try_get::<i64, _>(column)?).unwrap_or_default())
}

fn opt_u(row: &AnyRow, column: &str) -> Result<Option<u64>, sqlx::Error> {
	Ok(row.try_get::<Option<i64>, _>(column)?.and_then(|v| u64::try_from(v).ok()))
}

fn a(row: &AnyRow, column: &str) -> Result<u128, sqlx::Error> {
	parse_amount(&row.try_get::<String, _>(column)?)
}

/// The ownership history of an item, oldest first.
pub async fn item_provenance(
	db: &Db,
	collection: u64,
	item: u64,
) -> Result<Vec<ProvenanceEntry>, sqlx::Error> {
	let rows = sqlx::query(
		"SELECT t.block_number, b.timestamp_ms, t.kind, t.from_account, t.to_account, \
		 s.asset, s.gross FROM transfers t JOIN blocks b ON b.number = t.block_number \
		 LEFT JOIN sales s ON t.kind = 'sale' AND s.block_number = t.block_number \
		 AND s.collection = t.collection AND s.item = t.item \
		 WHERE t.collection = $1 AND t.item = $2 ORDER BY t.block_number, t.event_index",
	)
	.bind(int(collection))
	.bind(int(item))
	.fetch_all(db.pool())
	.await?;
	rows.iter()
		.map(|row| {
			let price = match row.try_get::<Option<String>, _>("asset")? {
				Some(asset) => Some((asset, a(row, "gross")?)),
				None => None,
			};
			Ok(ProvenanceEntry {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				kind: row.try_get("kind")?,
				from: row.try_get("from_account")?,
				to: row.try_get("to_account")?,
				price,
			})
		})
		.collect()
}

/// An item someone owns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OwnedItem {
	/// The collection.
	pub collection: u64,
	/// The item.
	pub item: u64,
	/// The work of the collection.
	pub work: u64,
	/// The block it was minted in.
	pub minted_block: u64,
	/// Whether its collection lets it go to the EVM mirror: a digital collectible whose policy
	/// allows sales and whose holders need no KYC level (what `export_item` checks).
	pub exportable: bool,
}

/// The items `owner` holds (not burned), by collection and item.
pub async fn items_of(db: &Db, owner: &str) -> Result<Vec<OwnedItem>, sqlx::Error> {
	let rows = sqlx::query(
		"SELECT i.collection, i.item, c.work, i.minted_block, c.kind, c.policy, c.min_holder_kyc \
		 FROM items i JOIN collections c ON c.id = i.collection \
		 WHERE i.owner = $1 AND i.burned_block IS NULL ORDER BY i.collection, i.item",
	)
	.bind(owner.to_string())
	.fetch_all(db.pool())
	.await?;
	rows.iter()
		.map(|row| {
			let policy: String = row.try_get("policy")?;
			let kind: String = row.try_get("kind")?;
			Ok(OwnedItem {
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				work: u(row, "work")?,
				minted_block: u(row, "minted_block")?,
				exportable: kind == "DigitalCollectible"
					&& u(row, "min_holder_kyc")? == 0
					&& matches!(policy.as_str(), r#""Free""# | r#""SettlementOnly""#),
			})
		})
		.collect()
}

/// The works an account registered or holds rights in, newest first.
pub async fn works_by_creator(db: &Db, account: &str) -> Result<Vec<WorkRow>, sqlx::Error> {
	let rows = sqlx::query(
		"SELECT id, registrant, content_hash, metadata_cid, kind, status, registered_block, \
		 registered_ms FROM works WHERE registrant = $1 \
		 OR id IN (SELECT work FROM rights_holders WHERE account = $1) ORDER BY id DESC",
	)
	.bind(account.to_string())
	.fetch_all(db.pool())
	.await?;
	let mut works = Vec::with_capacity(rows.len());
	for row in &rows {
		works.push(work_row(db, row).await?);
	}
	Ok(works)
}

/// The work `id`, if indexed.
pub async fn work(db: &Db, id: u64) -> Result<Option<WorkRow>, sqlx::Error> {
	let row = sqlx::query(
		"SELECT id, registrant, content_hash, metadata_cid, kind, status, registered_block, \
		 registered_ms FROM works WHERE id = $1",
	)
	.bind(int(id))
	.fetch_optional(db.pool())
	.await?;
	match row {
		Some(row) => Ok(Some(work_row(db, &row).await?)),
		None => Ok(None),
	}
}

async fn work_row(db: &Db, row: &AnyRow) -> Result<WorkRow, sqlx::Error> {
	let id = u(row, "id")?;
	let holders = sqlx::query(
		"SELECT account, share_bp FROM rights_holders WHERE work = $1 ORDER BY account",
	)
	.bind(int(id))
	.fetch_all(db.pool())
	.await?
	.iter()
	.map(|h| Ok((h.try_get("account")?, u32::try_from(u(h, "share_bp")?).unwrap_or(0))))
	.collect::<Result<Vec<_>, sqlx::Error>>()?;
	Ok(WorkRow {
		id,
		registrant: row.try_get("registrant")?,
		content_hash: row.try_get("content_hash")?,
		metadata_cid: row.try_get("metadata_cid")?,
		kind: row.try_get("kind")?,
		status: row.try_get("status")?,
		registered_block: u(row, "registered_block")?,
		registered_ms: u(row, "registered_ms")?,
		holders,
	})
}

/// The columns of a [`CollectionRow`], with its live item count.
const COLLECTION_COLUMNS: &str = "c.id, c.work, c.issuer, c.kind, c.max_supply, c.royalty_bp, \
	c.policy, (SELECT COUNT(*) FROM items i WHERE i.collection = c.id \
	AND i.burned_block IS NULL) AS live";

/// The collections an account created, newest first.
pub async fn collections_by_creator(
	db: &Db,
	account: &str,
) -> Result<Vec<CollectionRow>, sqlx::Error> {
	let sql = format!(
		"SELECT {COLLECTION_COLUMNS} FROM collections c WHERE c.issuer = $1 ORDER BY c.id DESC"
	);
	let rows =
		sqlx::query(AssertSqlSafe(sql)).bind(account.to_string()).fetch_all(db.pool()).await?;
	rows.iter().map(collection_row).collect()
}

/// The collection `id`, if indexed.
pub async fn collection(db: &Db, id: u64) -> Result<Option<CollectionRow>, sqlx::Error> {
	let sql = format!("SELECT {COLLECTION_COLUMNS} FROM collections c WHERE c.id = $1");
	let row = sqlx::query(AssertSqlSafe(sql)).bind(int(id)).fetch_optional(db.pool()).await?;
	row.as_ref().map(collection_row).transpose()
}

fn collection_row(row: &AnyRow) -> Result<CollectionRow, sqlx::Error> {
	Ok(CollectionRow {
		id: u(row, "id")?,
		work: u(row, "work")?,
		issuer: row.try_get("issuer")?,
		kind: row.try_get("kind")?,
		max_supply: u(row, "max_supply")?,
		royalty_bp: u32::try_from(u(row, "royalty_bp")?).unwrap_or(0),
		policy: row.try_get("policy")?,
		items: u(row, "live")?,
	})
}

/// Listings matching `filter`, cheapest first.
pub async fn listings(db: &Db, filter: &ListingFilter) -> Result<Vec<ListingRow>, sqlx::Error> {
	let mut sql = String::from(
		"SELECT collection, item, kind, seller, asset, price, block_number, expires_at, \
		 close_reason FROM listings WHERE 1 = 1",
	);
	let mut args = Vec::<Arg>::new();
	let mut add = |clause: &str, arg: Arg| {
		args.push(arg);
		sql.push_str(&clause.replace('?', &format!("${}", args.len())));
	};
	if let Some(collection) = filter.collection {
		add(" AND collection = ?", Arg::Int(int(collection)));
	}
	if let Some(seller) = &filter.seller {
		add(" AND seller = ?", Arg::Text(seller.clone()));
	}
	if let Some(kind) = &filter.kind {
		add(" AND kind = ?", Arg::Text(kind.clone()));
	}
	if let Some(min) = filter.min_price {
		add(" AND price >= ?", Arg::Text(amount(min)));
	}
	if let Some(max) = filter.max_price {
		add(" AND price <= ?", Arg::Text(amount(max)));
	}
	if filter.open_only {
		sql.push_str(" AND closed_block IS NULL");
	}
	sql.push_str(&format!(
		" ORDER BY price, block_number, event_index LIMIT {} OFFSET {}",
		filter.limit.unwrap_or(50),
		filter.offset.unwrap_or(0)
	));
	// Only fixed clauses and numbered parameters are appended to `sql`.
	let rows = bind(sqlx::query(AssertSqlSafe(sql)), args).fetch_all(db.pool()).await?;
	rows.iter()
		.map(|row| {
			Ok(ListingRow {
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				kind: row.try_get("kind")?,
				seller: row.try_get("seller")?,
				asset: row.try_get("asset")?,
				price: a(row, "price")?,
				listed_block: u(row, "block_number")?,
				expires_at: u(row, "expires_at")?,
				close_reason: row.try_get("close_reason")?,
			})
		})
		.collect()
}

/// Sales matching `filter`, newest first.
pub async fn sales(db: &Db, filter: &SaleFilter) -> Result<Vec<SaleRow>, sqlx::Error> {
	let mut sql = String::from(
		"SELECT block_number, timestamp_ms, collection, item, seller, buyer, asset, gross, fee, \
		 royalties, seller_proceeds, discount FROM sales WHERE 1 = 1",
	);
	let mut args = Vec::<Arg>::new();
	if let Some(collection) = filter.collection {
		args.push(Arg::Int(int(collection)));
		sql.push_str(&format!(" AND collection = ${}", args.len()));
	}
	if let Some(account) = &filter.account {
		args.push(Arg::Text(account.clone()));
		sql.push_str(&format!(" AND (buyer = ${0} OR seller = ${0})", args.len()));
	}
	if let Some(since) = filter.since_ms {
		args.push(Arg::Int(int(since)));
		sql.push_str(&format!(" AND timestamp_ms >= ${}", args.len()));
	}
	if let Some(until) = filter.until_ms {
		args.push(Arg::Int(int(until)));
		sql.push_str(&format!(" AND timestamp_ms < ${}", args.len()));
	}
	sql.push_str(&format!(
		" ORDER BY block_number DESC, event_index DESC LIMIT {}",
		filter.limit.unwrap_or(50)
	));
	// Only fixed clauses and numbered parameters are appended to `sql`.
	let rows = bind(sqlx::query(AssertSqlSafe(sql)), args).fetch_all(db.pool()).await?;
	rows.iter()
		.map(|row| {
			Ok(SaleRow {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				collection: u(row, "collection")?,
				item: u(row, "item")?,
				seller: row.try_get("seller")?,
				buyer: row.try_get("buyer")?,
				asset: row.try_get("asset")?,
				gross: a(row, "gross")?,
				fee: a(row, "fee")?,
				royalties: a(row, "royalties")?,
				seller_proceeds: a(row, "seller_proceeds")?,
				discount: a(row, "discount")?,
			})
		})
		.collect()
}

/// Royalties `account` earned between `from_ms` (inclusive) and `to_ms` (exclusive), summed per
/// period of `period_ms` (a day is 86 400 000) and asset, oldest first.
pub async fn royalties_per_period(
	db: &Db,
	account: &str,
	from_ms: u64,
	to_ms: u64,
	period_ms: u64,
) -> Result<Vec<RoyaltyPeriod>, sqlx::Error> {
	let rows = sqlx::query(
		"SELECT timestamp_ms, asset, amount FROM royalty_payouts WHERE account = $1 \
		 AND timestamp_ms >= $2 AND timestamp_ms < $3",
	)
	.bind(account.to_string())
	.bind(int(from_ms))
	.bind(int(to_ms))
	.fetch_all(db.pool())
	.await?;
	let period = period_ms.max(1);
	let mut periods = BTreeMap::<(u64, String), (u128, u64)>::new();
	for row in &rows {
		let start = u(row, "timestamp_ms")? / period * period;
		let entry = periods.entry((start, row.try_get("asset")?)).or_default();
		entry.0 = entry.0.saturating_add(a(row, "amount")?);
		entry.1 += 1;
	}
	Ok(periods
		.into_iter()
		.map(|((period_start_ms, asset), (total, payouts))| RoyaltyPeriod {
			period_start_ms,
			asset,
			total,
			payouts,
		})
		.collect())
}

/// A member's points history, newest first, and current tier (0 when never changed).
pub async fn loyalty_history(
	db: &Db,
	account: &str,
) -> Result<(Vec<LoyaltyEntry>, u8), sqlx::Error> {
	let rows = sqlx::query(
		"SELECT l.block_number, l.timestamp_ms, l.kind, l.points, l.expires_at \
		 FROM loyalty_ledger l WHERE l.account = $1 \
		 ORDER BY l.block_number DESC, l.event_index DESC",
	)
	.bind(account.to_string())
	.fetch_all(db.pool())
	.await?;
	let entries = rows
		.iter()
		.map(|row| {
			Ok(LoyaltyEntry {
				block_number: u(row, "block_number")?,
				timestamp_ms: u(row, "timestamp_ms")?,
				kind: row.try_get("kind")?,
				points: a(row, "points")?,
				expires_at: opt_u(row, "expires_at")?,
			})
		})
		.collect::<Result<Vec<_>, sqlx::Error>>()?;
	let tier: Option<i64> = sqlx::query_scalar("SELECT tier FROM member_tiers WHERE account = $1")
		.bind(account.to_string())
		.fetch_optional(db.pool())
		.await?;
	Ok((entries, tier.and_then(|t| u8::try_from(t).ok()).unwrap_or(0)))
}

/// Recency, frequency and monetary value of `account`'s purchases as of `now_ms`.
pub async fn rfm(db: &Db, account: &str, now_ms: u64) -> Result<Rfm, sqlx::Error> {
	let rows = sqlx::query("SELECT timestamp_ms, asset, gross FROM sales WHERE buyer = $1")
		.bind(account.to_string())
		.fetch_all(db.pool())
		.await?;
	let mut monetary = BTreeMap::<String, u128>::new();
	let mut last = None;
	for row in &rows {
		let at = u(row, "timestamp_ms")?;
		last = last.max(Some(at));
		let total = monetary.entry(row.try_get("asset")?).or_default();
		*total = total.saturating_add(a(row, "gross")?);
	}
	Ok(Rfm {
		last_purchase_ms: last,
		recency_days: last.map(|at| now_ms.saturating_sub(at) / 86_400_000),
		frequency: rows.len() as u64,
		monetary,
	})
}

enum Arg {
	Int(i64),
	Text(String),
}

fn bind(
	mut query: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>,
	args: Vec<Arg>,
) -> sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments> {
	for arg in args {
		query = match arg {
			Arg::Int(value) => query.bind(value),
			Arg::Text(value) => query.bind(value),
		};
	}
	query
}
