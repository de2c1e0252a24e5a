//! Works events: registrations, rights holders and their changes, disputes.

use super::{
	render::{self, account, account_pairs, text, work_kind},
	Writer,
};
use crate::{db::int, Error};
use yinji_client::{
	calls::Ruling, fields::to_hex, runtime::runtime_types::pallet_works::pallet::Event,
};

impl Writer<'_, '_> {
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
		holders: &[(String, u16)],
	) -> Result<(), Error> {
		let query = sqlx::query("DELETE FROM rights_holders WHERE work = $1").bind(int(work));
		self.exec(query).await?;
		for (account, share) in holders {
			let query = sqlx::query(
				"INSERT INTO rights_holders (work, account, share_bp) VALUES ($1, $2, $3)",
			)
			.bind(int(work))
			.bind(account.clone())
			.bind(int(*share));
			self.exec(query).await?;
		}
		Ok(())
	}

	pub(super) async fn works(&mut self, event: &Event) -> Result<(), Error> {
		match event {
			Event::CreatorAttested { who, institution, kyc_level, expires_at } => {
				let query = sqlx::query(
					"INSERT INTO attestations (creator, institution, kyc_level, expires_at, \
					 attested_block, revoked_block) VALUES ($1, $2, $3, $4, $5, NULL) \
					 ON CONFLICT (creator) DO UPDATE SET institution = excluded.institution, \
					 kyc_level = excluded.kyc_level, expires_at = excluded.expires_at, \
					 attested_block = excluded.attested_block, revoked_block = NULL",
				)
				.bind(account(who))
				.bind(account(institution))
				.bind(int(*kyc_level))
				.bind(int(*expires_at))
				.bind(self.number());
				self.exec(query).await
			}
			Event::AttestationRevoked { who, .. } => {
				let query =
					sqlx::query("UPDATE attestations SET revoked_block = $1 WHERE creator = $2")
						.bind(self.number())
						.bind(account(who));
				self.exec(query).await
			}
			Event::WorkRegistered { .. } => self.registered(event).await,
			Event::SplitProposed { work, proposer, holders } => {
				let holders = account_pairs(holders);
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(*work, "split_proposed", Some(account(proposer)), detail).await
			}
			Event::WithdrawalProposed { work, proposer } => {
				let detail = serde_json::json!({});
				self.rights_change(*work, "withdrawal_proposed", Some(account(proposer)), detail)
					.await
			}
			Event::ProposalApproved { work, who, approved } => {
				let detail = serde_json::json!({ "approved_bp": approved });
				self.rights_change(*work, "approved", Some(account(who)), detail).await
			}
			Event::ProposalCancelled { work } => {
				self.rights_change(*work, "cancelled", None, serde_json::json!({})).await
			}
			Event::SplitChanged { work, holders } => {
				let holders = account_pairs(holders);
				self.set_holders(*work, &holders).await?;
				let detail = serde_json::json!({ "holders": split_json(&holders) });
				self.rights_change(*work, "split_changed", None, detail).await
			}
			Event::WorkWithdrawn { work } => {
				let query = sqlx::query(
					"UPDATE works SET status = 'Withdrawn', withdrawn_block = $1 WHERE id = $2",
				)
				.bind(self.number())
				.bind(int(*work));
				self.exec(query).await?;
				self.set_holders(*work, &[]).await?;
				self.rights_change(*work, "withdrawn", None, serde_json::json!({})).await
			}
			Event::DisputeOpened { .. } | Event::DisputeRuled { .. } => self.dispute(event).await,
		}
	}

	/// `WorkRegistered`: the event carries the whole registration, so no storage read is needed.
	async fn registered(&mut self, event: &Event) -> Result<(), Error> {
		let Event::WorkRegistered {
			work,
			registrant,
			content_hash,
			metadata,
			kind,
			licence,
			holders,
			parents,
		} = event
		else {
			// Only `WorkRegistered` is handed here.
			return Ok(());
		};
		let (work, registrant, holders) = (*work, account(registrant), account_pairs(holders));
		let query = sqlx::query(
			"INSERT INTO works (id, registrant, content_hash, metadata_cid, kind, licence, \
			 parents, status, registered_block, registered_ms, withdrawn_block) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, 'Active', $8, $9, NULL)",
		)
		.bind(int(work))
		.bind(registrant.clone())
		.bind(to_hex(content_hash))
		.bind(text(metadata))
		.bind(work_kind(kind).to_string())
		.bind(render::licence(licence).to_string())
		.bind(render::parents(parents).to_string())
		.bind(self.number())
		.bind(int(self.fetched.block.timestamp_ms));
		self.exec(query).await?;
		self.set_holders(work, &holders).await?;
		let detail = serde_json::json!({ "holders": split_json(&holders) });
		self.rights_change(work, "registered", Some(registrant), detail).await
	}

	/// `DisputeOpened` freezes the work; `DisputeRuled` sets its status by the ruling.
	async fn dispute(&mut self, event: &Event) -> Result<(), Error> {
		match event {
			Event::DisputeOpened { work, claimant, evidence } => {
				let (claimant, evidence) = (account(claimant), text(evidence));
				let query = sqlx::query(
					"INSERT INTO disputes (work, opened_block, claimant, evidence_cid, \
					 ruled_block, ruling) VALUES ($1, $2, $3, $4, NULL, NULL)",
				)
				.bind(int(*work))
				.bind(self.number())
				.bind(claimant.clone())
				.bind(evidence.clone());
				self.exec(query).await?;
				self.set_status(*work, "Disputed").await?;
				let detail = serde_json::json!({ "evidence": evidence });
				self.rights_change(*work, "dispute_opened", Some(claimant), detail).await
			}
			Event::DisputeRuled { work, ruling } => {
				let query = sqlx::query(
					"UPDATE disputes SET ruled_block = $1, ruling = $2 \
					 WHERE work = $3 AND ruled_block IS NULL",
				)
				.bind(self.number())
				.bind(render::ruling(ruling).to_string())
				.bind(int(*work));
				self.exec(query).await?;
				// A revocation keeps the work as a frozen record; every other ruling thaws it.
				let status = if matches!(ruling, Ruling::Revoke) { "Revoked" } else { "Active" };
				self.set_status(*work, status).await?;
				let detail = serde_json::json!({ "ruling": render::ruling(ruling) });
				self.rights_change(*work, "dispute_ruled", None, detail).await
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

fn split_json(holders: &[(String, u16)]) -> serde_json::Value {
	holders.iter().map(|(account, share)| serde_json::json!([account, share])).collect()
}
