//! A creator's attestation by an institution.

use crate::{columns::u, Db, Result};
use serde::Serialize;
use sqlx::Row;

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
pub async fn attestation(db: &Db, creator: &str) -> Result<Option<AttestationRow>> {
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
