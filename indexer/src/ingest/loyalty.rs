//! Loyalty events: the points ledger and tiers.

use super::{
	render::{self, account, asset},
	Writer,
};
use crate::{
	db::{amount, int},
	Error,
};
use yinji_client::{runtime::runtime_types::pallet_loyalty::pallet::Event, AccountId32};

impl Writer<'_, '_> {
	pub(super) async fn loyalty(&mut self, event: &Event) -> Result<(), Error> {
		let (who, points, entry) = match event {
			Event::PointsEarned { who, points, source, expires_at } => {
				let entry = LedgerEntry {
					kind: "earned",
					source: Some(render::source(source).to_string()),
					expires_at: Some(int(*expires_at)),
					..LedgerEntry::default()
				};
				(who, points, entry)
			}
			Event::PointsRedeemed { who, points, asset: kind, discount } => {
				let entry = LedgerEntry {
					kind: "redeemed",
					asset: Some(asset(kind)),
					discount: Some(amount(*discount)),
					..LedgerEntry::default()
				};
				(who, points, entry)
			}
			Event::PointsExpired { who, points } => {
				(who, points, LedgerEntry { kind: "expired", ..LedgerEntry::default() })
			}
			Event::TierChanged { who, to, .. } => return self.tier_changed(who, *to).await,
			// Rates, thresholds and campaigns show in the points they give: no rows of their own.
			Event::RateSet { .. }
			| Event::TierThresholdsSet { .. }
			| Event::CampaignCreated { .. }
			| Event::CampaignClosed { .. } => return Ok(()),
		};
		let query = sqlx::query(
			"INSERT INTO loyalty_ledger (block_number, event_index, timestamp_ms, account, kind, \
			 points, source, expires_at, asset, discount) \
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
		)
		.bind(self.number())
		.bind(self.index())
		.bind(int(self.fetched.block.timestamp_ms))
		.bind(account(who))
		.bind(entry.kind.to_string())
		.bind(amount(*points))
		.bind(entry.source)
		.bind(entry.expires_at)
		.bind(entry.asset)
		.bind(entry.discount);
		self.exec(query).await
	}

	async fn tier_changed(&mut self, who: &AccountId32, tier: u8) -> Result<(), Error> {
		let query = sqlx::query(
			"INSERT INTO member_tiers (account, tier, changed_block) VALUES ($1, $2, $3) \
			 ON CONFLICT (account) DO UPDATE SET tier = excluded.tier, \
			 changed_block = excluded.changed_block",
		)
		.bind(account(who))
		.bind(int(tier))
		.bind(self.number());
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
