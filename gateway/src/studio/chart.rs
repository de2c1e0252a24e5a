//! The royalties chart: one bar per day, drawn as inline SVG on the server (no script, no
//! chart library), with its figures also in words for screen readers.

use maud::{html, Markup};
use yinji_index_query::RoyaltyPeriod;

/// A day in milliseconds.
pub const DAY_MS: u64 = 86_400_000;

/// One day's royalties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
	/// The day's start (ms since the Unix epoch).
	pub day_ms: u64,
	/// The royalties earned that day, in the smallest unit.
	pub amount: u128,
}

/// One bar for each of the `days` days from `from_ms` (a day's start), in `asset` (as the index
/// names it: `native`, `asset:1`); days without a payout are zero.
pub fn daily(periods: &[RoyaltyPeriod], asset: &str, from_ms: u64, days: u64) -> Vec<Bar> {
	(0..days)
		.map(|day| {
			let day_ms = from_ms.saturating_add(day.saturating_mul(DAY_MS));
			let amount = periods
				.iter()
				.filter(|p| p.period_start_ms == day_ms && p.asset == asset)
				.fold(0u128, |sum, p| sum.saturating_add(p.total));
			Bar { day_ms, amount }
		})
		.collect()
}

const WIDTH: u64 = 600;
const HEIGHT: u64 = 160;

/// The bars' heights in the chart's units: the largest is the full height; none when all are 0.
fn heights(bars: &[Bar]) -> Vec<u64> {
	let top = bars.iter().map(|b| b.amount).max().unwrap_or(0);
	bars.iter()
		.map(|b| {
			// amount ≤ top, so the quotient is at most HEIGHT; at least one unit shows a payout.
			b.amount.saturating_mul(u128::from(HEIGHT)).checked_div(top).map_or(0, |scaled| {
				u64::try_from(scaled).unwrap_or(HEIGHT).max(u64::from(b.amount > 0))
			})
		})
		.collect()
}

/// The chart: `label` names it; `money` formats an amount.
pub fn svg(bars: &[Bar], label: &str, money: impl Fn(u128) -> String) -> Markup {
	let total = bars.iter().fold(0u128, |sum, b| sum.saturating_add(b.amount));
	let step = WIDTH / (bars.len() as u64).max(1);
	let heights = heights(bars);
	html! {
		figure class="chart" {
			svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT + 2) } role="img" aria-label={ (label) ": " (money(total)) } {
				line x1="0" y1=(HEIGHT + 1) x2=(WIDTH) y2=(HEIGHT + 1) stroke="#555" {}
				@for (i, (bar, height)) in bars.iter().zip(heights).enumerate() {
					rect x=(i as u64 * step + 1) y=(HEIGHT + 1 - height) width=(step.saturating_sub(2).max(1)) height=(height) fill="#a11d21" {
						title { (crate::pages::utc_date(bar.day_ms)) ": " (money(bar.amount)) }
					}
				}
			}
			figcaption { (label) ": " (money(total)) }
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn period(day: u64, asset: &str, total: u128) -> RoyaltyPeriod {
		RoyaltyPeriod { period_start_ms: day * DAY_MS, asset: asset.into(), total, payouts: 1 }
	}

	#[test]
	fn every_day_has_a_bar_and_other_assets_are_left_out() {
		let periods = [period(11, "native", 5), period(13, "native", 7), period(13, "usdt", 99)];
		let bars = daily(&periods, "native", 10 * DAY_MS, 5);
		let amounts: Vec<u128> = bars.iter().map(|b| b.amount).collect();
		assert_eq!(amounts, [0, 5, 0, 7, 0]);
		assert_eq!(bars[4].day_ms, 14 * DAY_MS);
	}

	#[test]
	fn the_largest_day_fills_the_height_and_a_small_one_still_shows() {
		let bars = [1_000_000u128, 1, 0, 500_000].map(|amount| Bar { day_ms: 0, amount }).to_vec();
		assert_eq!(heights(&bars), [HEIGHT, 1, 0, HEIGHT / 2]);
		let none = [Bar { day_ms: 0, amount: 0 }];
		assert_eq!(heights(&none), [0]);
	}

	#[test]
	fn the_chart_says_its_total_in_words() {
		let bars = [Bar { day_ms: 0, amount: 3 }, Bar { day_ms: DAY_MS, amount: 4 }];
		let page = svg(&bars, "Royalties", |a| format!("{a} YJ")).into_string();
		assert!(page.contains(r#"aria-label="Royalties: 7 YJ""#), "{page}");
		assert_eq!(page.matches("<rect").count(), 2);
		assert!(page.contains("1970-01-02: 4 YJ"), "{page}");
	}
}
