//! The member page (`/me`): loyalty points and when they expire, the tier and the next one, the
//! points history, and the items the member holds, with a form to export each exportable one to
//! the EVM mirror.
//!
//! Points and tiers are read from the chain at its finalized head (the index may lag a block);
//! the history comes from the index.

use crate::{
	accounts::Session,
	chain::{account, BLOCK_MS},
	now_ms,
	pages::{chain_form, layout, needs_login, utc, utc_date},
	tags::ledger::Ledger,
	AppState, Result,
};
use axum::{extract::State, routing::get, Router};
use maud::{html, Markup};
use yinji_client::runtime::yinji::storage;

/// The member page's route.
pub fn router() -> Router<AppState> {
	Router::new().route("/me", get(member))
}

/// A member's points as the chain holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Points {
	/// Points that can be spent now.
	pub spendable: u128,
	/// Every point ever earned (tiers follow it).
	pub lifetime: u128,
	/// The member's tier.
	pub tier: u8,
	/// Unexpired buckets, soonest first: (the first block they are no longer spendable, points).
	pub expiring: Vec<(u64, u128)>,
	/// Lifetime points each tier needs (tier 1 first).
	pub thresholds: Vec<u128>,
}

impl Points {
	/// The next tier and the lifetime points still needed for it, unless at the top.
	pub fn next_tier(&self) -> Option<(usize, u128)> {
		let next = usize::from(self.tier);
		self.thresholds.get(next).map(|needed| (next + 1, needed.saturating_sub(self.lifetime)))
	}
}

/// `address`'s points at the ledger's block.
pub async fn points(ledger: &Ledger, address: &str) -> Result<Points> {
	let loyalty = || storage().loyalty();
	let member = ledger.fetch(loyalty().members(), (account(address)?,)).await?;
	let (balance_record, lifetime, tier) = match &member {
		Some(member) => (member.balance, member.lifetime, member.tier),
		None => (0, 0, 0),
	};
	let stored = ledger.fetch(loyalty().buckets(), (account(address)?,)).await?;
	let mut expiring: Vec<_> = stored
		.unwrap_or_default()
		.into_iter()
		.map(|bucket| (u64::from(bucket.expires_at), bucket.points))
		.filter(|(expires_at, points)| *expires_at > ledger.number && *points > 0)
		.collect();
	expiring.sort_unstable();
	let spendable = expiring.iter().fold(0u128, |sum, (_, points)| sum.saturating_add(*points));
	let thresholds = ledger.fetch(loyalty().tier_thresholds(), ()).await?;
	Ok(Points {
		// The record counts expired points not yet swept; the buckets say what is spendable.
		spendable: spendable.min(balance_record),
		lifetime,
		tier,
		expiring,
		thresholds: thresholds.unwrap_or_default(),
	})
}

fn tier_name(tier: u8) -> String {
	match tier {
		0 => "会员 Member".into(),
		1 => "银卡 Silver".into(),
		2 => "金卡 Gold".into(),
		3 => "铂金 Platinum".into(),
		n => format!("等级 Tier {n}"),
	}
}

fn entry_kind(kind: &str) -> &'static str {
	match kind {
		"earned" => "获得 Earned",
		"redeemed" => "兑换 Redeemed",
		"expired" => "过期 Expired",
		_ => "—",
	}
}

/// When block `block` is due, from the head `head` at 3-second blocks: a date.
fn due(block: u64, head: u64) -> String {
	let ms = u64::try_from(now_ms())
		.unwrap_or(0)
		.saturating_add(block.saturating_sub(head).saturating_mul(BLOCK_MS));
	utc_date(ms)
}

/// `GET /me`: the member page.
async fn member(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("会员 Member")) };
	let me = session.user.address.clone();
	let ledger = Ledger::if_connected(&state).await?;
	let points = match &ledger {
		Some(ledger) => Some(points(ledger, &me).await?),
		None => None,
	};
	let (history, items) = match &state.index {
		Some(index) => (
			yinji_index_query::loyalty_history(index, &me).await?.0,
			yinji_index_query::items_of(index, &me).await?,
		),
		None => (Vec::new(), Vec::new()),
	};
	Ok(layout(
		"会员 Member",
		Some(&session),
		html! {
			h1 { "会员 Member" }
			p class="meta" { "账户 Account " code { (me) } }
			@if let (Some(points), Some(ledger)) = (&points, &ledger) {
				section class="panel" aria-labelledby="points" {
					h2 id="points" { "积分 Points" }
					p class="big" { strong data-points=(points.spendable) { (points.spendable) } " 积分 points" }
					p { "等级 Tier: " strong { (tier_name(points.tier)) } " · 累计 lifetime " (points.lifetime) }
					@if let Some((next, needed)) = points.next_tier() {
						p { "再得 " (needed) " 积分升至 " (tier_name(u8::try_from(next).unwrap_or(u8::MAX))) " · " (needed) " more points to the next tier" }
					}
					@if points.expiring.is_empty() {
						p { "没有即将过期的积分。 No points expiring." }
					} @else {
						table {
							caption { "即将过期 Expiring" }
							thead { tr { th scope="col" { "积分 Points" } th scope="col" { "过期于 Expires" } } }
							tbody {
								@for (expires_at, amount) in &points.expiring {
									tr { td { (amount) } td { "≈ " (due(*expires_at, ledger.number)) " · block " (expires_at) } }
								}
							}
						}
					}
				}
			}
			section class="panel" aria-labelledby="history" {
				h2 id="history" { "积分记录 History" }
				@if history.is_empty() {
					p { "还没有积分记录；购物即可获得积分。 No points yet; purchases earn them." }
				} @else {
					table {
						thead { tr { th scope="col" { "时间 When" } th scope="col" { "类型 What" } th scope="col" { "积分 Points" } } }
						tbody {
							@for entry in &history {
								tr {
									td { (utc(entry.timestamp_ms)) }
									td { (entry_kind(&entry.kind)) }
									td { @if entry.kind == "earned" { "+" } @else { "−" } (entry.points) }
								}
							}
						}
					}
				}
			}
			section class="panel" aria-labelledby="held" {
				h2 id="held" { "我的藏品 My items" }
				@if items.is_empty() {
					p { "还没有藏品。 No items yet." }
				} @else {
					ul {
						@for item in &items {
							li {
								"系列 Collection #" (item.collection) " · #" (item.item) " · 作品 work #" (item.work)
								@if item.exportable {
									details {
										summary { "导出到以太坊钱包 Export to an EVM wallet" }
										(chain_form("/api/flows/export_item", Some("/me"), "导出 Export", html! {
											input type="hidden" name="collection" data-type="number" value=(item.collection);
											input type="hidden" name="item" data-type="number" value=(item.item);
											label { "EVM 地址 EVM address" input name="evm_address" required pattern="0x[0-9a-fA-F]{40}" placeholder="0x…"; }
										}))
									}
								}
							}
						}
					}
				}
			}
		},
	))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_next_tier_says_how_far_it_is() {
		let points =
			Points { lifetime: 40, tier: 0, thresholds: vec![100, 1_000], ..Default::default() };
		assert_eq!(points.next_tier(), Some((1, 60)));
		let top =
			Points { lifetime: 5_000, tier: 2, thresholds: vec![100, 1_000], ..Default::default() };
		assert_eq!(top.next_tier(), None);
	}
}
