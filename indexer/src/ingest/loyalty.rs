//! Loyalty events: the points ledger and tiers.

use super::{asset, Writer};
use crate::{
	db::{amount, int},
	Error,
};

impl<'a> Writer<'a, '_> {
	pub(super) async fn loyalty(&mut self, name: &str) -> Result<(), Error> {
		let f = self.fields();
		let entry = match name {
			"PointsEarned" => LedgerEntry {
				kind: "earned",
				source: Some(f.json("source")?.to_string()),
				expires_at: Some(int(f.u64("expires_at")?)),
				..LedgerEntry::default()
			},
			"PointsRedeemed" => LedgerEntry {
				kind: "redeemed",
				asset: Some(asset(f.get("asset")?)?),
				discount: Some(amount(f.u128("discount")?)),
				..LedgerEntry::default()
			},
			"PointsExpired" => LedgerEntry { kind: "expired", ..LedgerEntry::default() },
			"TierChanged" => {
				let query = sqlx::query(
					"INSERT INTO member_tiers (account, tier, changed_block) VALUES ($1, $2, $3) \
					 ON CONFLICT (account) DO UPDATE SET tier = excluded.tier, \
					 changed_block = excluded.changed_block",
				)
				.bind(f.hex("who")?)
				.bind(int(f.u64("to")?))
				.bind(self.number());
				return self.exec(query).await;
			}
			_ => return Ok(()),
		};
		let query = sqlx::query(
			"INSERT INTO loyalty_ledger (block_number, event_index, timestamp_ms, account, kind, \
			 points, source, expires_at, asset, discount) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(self.fetched.block.timestamp_ms))
		.bind(f.hex("who")?)
		.bind(entry.kind.to_string())
		.bind(amount(f.u128("points")?))
		.bind(entry.source)
		.bind(entry.expires_at)
		.bind(entry.asset)
		.bind(entry.discount);
		self.exec(query).await
	}
}

#[derive(Default)]
struct LedgerEntry {
	kind: &'static str,
	source: Option<String>,
	expires_at: Option<i64>,
	asset: Option<String>,
	discount: Option<String>,
}
