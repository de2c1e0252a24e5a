//! Works events: registrations, rights holders and their changes, disputes.

use super::{account_pairs, Writer};
use crate::{db::int, Error};

impl<'a> Writer<'a, '_> {
	pub(super) async fn rights_change(
		&mut self,
		work: u64,
		change: &str,
		account: Option<String>,
		detail: serde_json::Value,
	) -> Result<(), Error> {
		let query = sqlx::query(
			"INSERT INTO rights_changes (block_number, event_index, work, change, account, detail) \
			 VALUES ($1, $2, $3, $4, $5, $6)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(work))
		.bind(change.to_string())
		.bind(account)
		.bind(detail.to_string());
		self.exec(query).await
	}

	pub(super) async fn set_holders(
		&mut self,
		work: u64,
		holders: &[(String, u128)],
	) -> Result<(), Error> {
		let query = sqlx::query("DELETE FROM rights_holders WHERE work = $1").bind(int(work));
		self.exec(query).await?;
		for (account, share) in holders {
			let share = u64::try_from(*share)
				.map_err(|_| Error::Invalid(format!("share {share} of work {work}")))?;
			let query = sqlx::query(
				"INSERT INTO rights_holders (work, account, share_bp) VALUES ($1, $2, $3)",
			)
			.bind(int(work))
			.bind(account.clone())
			.bind(int(share));
			self.exec(query).await?;
		}
		Ok(())
	}

	pub(super) async fn works(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		match name {
			"CreatorAttested" => {
				let query = sqlx::query(
					"INSERT INTO attestations (creator, institution, kyc_level, expires_at, \
					 attested_block, revoked_block) VALUES ($1, $2, $3, $4, $5, NULL) \
					 ON CONFLICT (creator) DO UPDATE SET institution = excluded.institution, \
					 kyc_level = excluded.kyc_level, expires_at = excluded.expires_at, \
					 attested_block = excluded.attested_block, revoked_block = NULL",
				)
				.bind(f.hex("who")?)
				.bind(f.hex("institution")?)
				.bind(int(f.u64("kyc_level")?))
				.bind(int(f.u64("expires_at")?))
				.bind(self.number());
				self.exec(query).await
			}
			"AttestationRevoked" => {
				let query =
					sqlx::query("UPDATE attestations SET revoked_block = $1 WHERE creator = $2")
						.bind(self.number())
						.bind(f.hex("who")?);
				self.exec(query).await
			}
			"WorkRegistered" => {
				let work = f.u64("work")?;
				let registrant = f.hex("registrant")?;
				// The event carries the whole registration: no storage read is needed.
				let (metadata, kind, licence, parents, holders) = (
					f.text("metadata")?,
					f.variant("kind")?,
					f.json("licence")?.to_string(),
					f.json("parents")?.to_string(),
					account_pairs(f.get("holders")?)?,
				);
				let query = sqlx::query(
					"INSERT INTO works (id, registrant, content_hash, metadata_cid, kind, licence, \
					 parents, status, registered_block, registered_ms, withdrawn_block) \
					 VALUES ($1, $2, $3, $4, $5, $6, $7, 'Active', $8, $9, NULL)",
				)
				.bind(int(work))
				.bind(registrant.clone())
				.bind(f.hex("content_hash")?)
				.bind(metadata)
				.bind(kind)
				.bind(licence)
				.bind(parents)
				.bind(self.number())
				.bind(int(self.fetched.block.timestamp_ms));
				self.exec(query).await?;
				self.set_holders(work, &holders).await?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(work, "registered", Some(registrant), detail).await
			}
			"SplitProposed" => {
				let holders = account_pairs(f.get("holders")?)?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(
					f.u64("work")?,
					"split_proposed",
					Some(f.hex("proposer")?),
					detail,
				)
				.await
			}
			"WithdrawalProposed" => {
				let detail = serde_json::json!({});
				self.rights_change(
					f.u64("work")?,
					"withdrawal_proposed",
					Some(f.hex("proposer")?),
					detail,
				)
				.await
			}
			"ProposalApproved" => {
				let detail = serde_json::json!({ "approved_bp": f.u64("approved")? });
				self.rights_change(f.u64("work")?, "approved", Some(f.hex("who")?), detail).await
			}
			"ProposalCancelled" => {
				self.rights_change(f.u64("work")?, "cancelled", None, serde_json::json!({})).await
			}
			"SplitChanged" => {
				let work = f.u64("work")?;
				let holders = account_pairs(f.get("holders")?)?;
				self.set_holders(work, &holders).await?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(work, "split_changed", None, detail).await
			}
			"WorkWithdrawn" => {
				let work = f.u64("work")?;
				let query = sqlx::query(
					"UPDATE works SET status = 'Withdrawn', withdrawn_block = $1 WHERE id = $2",
				)
				.bind(self.number())
				.bind(int(work));
				self.exec(query).await?;
				self.set_holders(work, &[]).await?;
				self.rights_change(work, "withdrawn", None, serde_json::json!({})).await
			}
			"DisputeOpened" => {
				let work = f.u64("work")?;
				let claimant = f.hex("claimant")?;
				let query = sqlx::query(
					"INSERT INTO disputes (work, opened_block, claimant, evidence_cid, \
					 ruled_block, ruling) VALUES ($1, $2, $3, $4, NULL, NULL)",
				)
				.bind(int(work))
				.bind(self.number())
				.bind(claimant.clone())
				.bind(f.text("evidence")?);
				self.exec(query).await?;
				self.set_status(work, "Disputed").await?;
				let detail = serde_json::json!({ "evidence": f.text("evidence")? });
				self.rights_change(work, "dispute_opened", Some(claimant), detail).await
			}
			"DisputeRuled" => {
				let work = f.u64("work")?;
				let ruling = f.variant("ruling")?;
				let query = sqlx::query(
					"UPDATE disputes SET ruled_block = $1, ruling = $2 \
					 WHERE work = $3 AND ruled_block IS NULL",
				)
				.bind(self.number())
				.bind(ruling.clone())
				.bind(int(work));
				self.exec(query).await?;
				// A revocation keeps the work as a frozen record; every other ruling thaws it.
				let status = if ruling == "Revoke" { "Revoked" } else { "Active" };
				self.set_status(work, status).await?;
				let detail = serde_json::json!({ "ruling": ruling });
				self.rights_change(work, "dispute_ruled", None, detail).await
			}
			_ => Ok(()),
		}
	}

	pub(super) async fn set_status(&mut self, work: u64, status: &str) -> Result<(), Error> {
		let query = sqlx::query("UPDATE works SET status = $1 WHERE id = $2")
			.bind(status.to_string())
			.bind(int(work));
		self.exec(query).await
	}
}

fn split_json(holders: &[(String, u128)]) -> serde_json::Value {
	holders.iter().map(|(account, share)| serde_json::json!([account, *share as u64])).collect()
}
