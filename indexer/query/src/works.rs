//! Registered works and their rights holders.

use crate::{
	columns::{int, u},
	Db, Result,
};
use serde::Serialize;
use sqlx::{any::AnyRow, Row};

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

/// The works an account registered or holds rights in, newest first.
pub async fn works_by_creator(db: &Db, account: &str) -> Result<Vec<WorkRow>> {
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
pub async fn work(db: &Db, id: u64) -> Result<Option<WorkRow>> {
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

async fn work_row(db: &Db, row: &AnyRow) -> Result<WorkRow> {
	let id = u(row, "id")?;
	let holders = sqlx::query(
		"SELECT account, share_bp FROM rights_holders WHERE work = $1 ORDER BY account",
	)
	.bind(int(id))
	.fetch_all(db.pool())
	.await?
	.iter()
	.map(|h| Ok((h.try_get("account")?, u32::try_from(u(h, "share_bp")?).unwrap_or(0))))
	.collect::<Result<Vec<_>>>()?;
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
