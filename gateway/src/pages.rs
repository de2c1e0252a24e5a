//! What every page shares: the frame with the navigation, the forms the page script sends, and
//! how amounts, times and accounts read for people. Server-rendered with maud (every value
//! escaped), in Chinese and English side by side.

use crate::accounts::{Role, Session};
use maud::{html, Markup, DOCTYPE};

/// One unit of the native currency, in the smallest unit.
pub const UNIT: i64 = 1_000_000_000_000;

/// A price for people: `12.5 YJ`.
pub fn money(amount: i64) -> String {
	money_u128(u128::try_from(amount).unwrap_or(0))
}

/// [`money`] for the chain's amounts.
pub fn money_u128(amount: u128) -> String {
	let unit = u128::from(UNIT.unsigned_abs());
	let (whole, part) = (amount / unit, amount % unit);
	if part == 0 {
		format!("{whole} YJ")
	} else {
		let decimals = format!("{part:012}");
		format!("{whole}.{} YJ", decimals.trim_end_matches('0'))
	}
}

/// One yuan of the settlement asset in fen, its smallest unit: the shop's prices are in it.
pub const YUAN: i64 = 100;

/// A shop price (in the settlement asset) for people: `¥88.00`.
pub fn price(amount: i64) -> String {
	price_u128(u128::try_from(amount).unwrap_or(0))
}

/// [`price`] for the chain's amounts.
pub fn price_u128(amount: u128) -> String {
	let yuan = YUAN.unsigned_abs() as u128;
	format!("¥{}.{:02}", amount / yuan, amount % yuan)
}

/// An amount in `asset`, as the index names it (`native`, or `asset:1` for the settlement
/// asset), for people.
pub fn amount_in(asset: &str, amount: u128) -> String {
	match asset {
		"native" => money_u128(amount),
		_ => price_u128(amount),
	}
}

/// The frame of every page: the header with the navigation, then `body`.
pub fn layout(title: &str, session: Option<&Session>, body: Markup) -> Markup {
	html! {
		(DOCTYPE)
		html lang="zh-CN" {
			head {
				meta charset="utf-8";
				meta name="viewport" content="width=device-width, initial-scale=1";
				@if let Some(session) = session { meta name="csrf" content=(session.csrf_token); }
				title { (title) " — yinji 印迹" }
				link rel="stylesheet" href="/static/shop.css";
				script src="/static/shop.js" defer {}
			}
			body {
				header {
					a class="brand" href="/shop" { "印迹 yinji" }
					nav aria-label="主导航 Main" {
						a href="/shop/search" { "商品 Shop" }
						a href="/shop/cart" { "购物车 Cart" }
						a href="/shop/orders" { "订单 Orders" }
						@if let Some(session) = session {
							a href="/me" { "会员 Member" }
							@if session.user.role == Role::Creator {
								a href="/studio" { "工作室 Studio" }
								a href="/shop/sales" { "发货 Sales" }
							}
							@if session.user.role == Role::Institution {
								a href="/console" { "机构 Console" }
							}
							span class="who" { (session.user.email) }
						} @else {
							a href="/login" { "登录 Log in" }
						}
					}
				}
				main id="main" { (body) }
			}
		}
	}
}

/// A form sent as JSON to `api` by the page script; `fields` are its inputs.
pub fn api_form(api: &str, next: Option<&str>, label: &str, fields: Markup) -> Markup {
	html! {
		form data-api=(api) data-next=[next] {
			(fields)
			button type="submit" { (label) }
			p role="status" aria-live="polite" {}
		}
	}
}

/// A form whose API answers a chain transaction: the page script follows it until it is final,
/// with a progress bar (a mint of many items is several extrinsics), before it goes on.
pub fn chain_form(api: &str, next: Option<&str>, label: &str, fields: Markup) -> Markup {
	html! {
		form data-api=(api) data-next=[next] data-wait {
			(fields)
			button type="submit" { (label) }
			progress hidden aria-label="上链进度 Progress" {}
			p role="status" aria-live="polite" {}
		}
	}
}

/// A page that needs a session: `title`, and a link to log in.
pub fn needs_login(title: &str) -> Markup {
	layout(
		title,
		None,
		html! {
			h1 { (title) }
			p { a href="/login" { "请先登录 Log in first" } }
		},
	)
}

/// A page `session`'s user may not use: `title`, and `why` in place of its content.
pub fn not_for_role(title: &str, session: &Session, why: &str) -> Markup {
	layout(title, Some(session), html! { h1 { (title) } p { (why) } })
}

/// `YYYY-MM-DD` (UTC) of a time in milliseconds since the Unix epoch.
pub fn utc_date(ms: u64) -> String {
	let mut text = utc(ms);
	text.truncate("YYYY-MM-DD".len());
	text
}

/// `YYYY-MM-DD HH:MM` (UTC) of a time in milliseconds since the Unix epoch.
pub fn utc(ms: u64) -> String {
	let (days, seconds) = ((ms / 1000) / 86_400, (ms / 1000) % 86_400);
	// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
	let z = days as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let day = doy - (153 * mp + 2) / 5 + 1;
	let month = if mp < 10 { mp + 3 } else { mp - 9 };
	let year = yoe + era * 400 + i64::from(month <= 2);
	format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", seconds / 3600, (seconds % 3600) / 60)
}

/// An account shortened for display: `0x1234…abcd`.
pub fn short(account: &str) -> String {
	if account.len() > 14 {
		format!("{}…{}", &account[..6], &account[account.len() - 4..])
	} else {
		account.to_string()
	}
}

/// A link to the claim page for the tap at `path_and_query` (for the verify page).
pub fn claim_link(path_and_query: &str) -> String {
	let mut query = form_urlencoded::Serializer::new(String::new());
	query.append_pair("tap", path_and_query);
	format!("/shop/claim?{}", query.finish())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn money_reads_like_a_price() {
		assert_eq!(money(5 * UNIT), "5 YJ");
		assert_eq!(money(12 * UNIT + UNIT / 2), "12.5 YJ");
		assert_eq!(money(1), "0.000000000001 YJ");
	}

	#[test]
	fn shop_prices_read_in_yuan() {
		assert_eq!(price(8_800), "¥88.00");
		assert_eq!(price(1_205), "¥12.05");
		assert_eq!(price(7), "¥0.07");
		assert_eq!(amount_in("asset:1", 250), "¥2.50");
		assert_eq!(amount_in("native", 5 * UNIT as u128), "5 YJ");
	}

	#[test]
	fn a_claim_link_carries_the_tap() {
		assert_eq!(claim_link("/t/1?e=AB&c=CD"), "/shop/claim?tap=%2Ft%2F1%3Fe%3DAB%26c%3DCD");
	}

	#[test]
	fn utc_dates() {
		assert_eq!(utc(0), "1970-01-01 00:00");
		assert_eq!(utc(951_782_400_000), "2000-02-29 00:00");
		assert_eq!(utc(1_796_155_590_000), "2026-12-01 20:06");
	}
}
