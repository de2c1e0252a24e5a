//! Disputes over a work's rights.

use crate::{columns::u, Db, Result};
use serde::Serialize;
use sqlx::Row;

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
pub async fn open_disputes(db: &Db) -> Result<Vec<DisputeRow>> {
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
