//! The verify page: what a buyer sees after tapping or scanning, on a phone, without an
//! account. Server-rendered (maud: HTML checked at compile time, every value escaped), no
//! script, in Chinese and English.

use super::verify::Verdict;
use crate::pages::short;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Serialize;

/// What the page shows about the item besides the verdict.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ItemContext {
	/// "#n of N".
	pub edition: Option<String>,
	/// The current owner, shortened (pseudonymous).
	pub owner: Option<String>,
	/// The collection's transfer policy, in words.
	pub policy: Option<String>,
	/// The registered work's id, as the chain names it.
	pub work_id: Option<u64>,
	/// The work's id, its creator (shortened) and when it was registered.
	pub work: Option<WorkContext>,
	/// Ownership history, oldest first: (block, kind, from, to).
	pub provenance: Vec<(u64, String, Option<String>, Option<String>)>,
}

/// The registered work behind the item.
#[derive(Clone, Debug, Serialize)]
pub struct WorkContext {
	/// The work's id.
	pub id: u64,
	/// Who registered it (shortened account).
	pub creator: String,
	/// The block it was registered in.
	pub block: u64,
	/// When (UTC, `YYYY-MM-DD HH:MM`).
	pub registered: String,
	/// `Active`, `Disputed`, ….
	pub status: String,
}

const STYLE: &str = "body{font-family:system-ui,'PingFang SC','Noto Sans CJK SC',sans-serif;\
margin:0;background:#f6f4ef;color:#1d1d1b}main{max-width:34rem;margin:0 auto;padding:1rem}\
.verdict{border-radius:.75rem;padding:1rem 1.25rem;color:#fff}.genuine{background:#1f6f43}\
.warning{background:#8a5a00}.rejected{background:#a11d21}h1{margin:.2rem 0;font-size:1.6rem}\
section{background:#fff;border-radius:.75rem;padding:.75rem 1.25rem;margin-top:1rem}\
dt{font-weight:600;margin-top:.5rem}dd{margin:0;word-break:break-all}li{margin:.3rem 0}\
code{font-size:.85rem;word-break:break-all}a{color:#0b4f8a}";

/// The page for `verdict` about an item described by `context`.
pub fn render(verdict: &Verdict, context: &ItemContext, claim: Option<&str>) -> Markup {
	let (title, english) = match verdict.verdict {
		"genuine" => ("真品", "Genuine"),
		"warning" => ("真品，但请注意", "Genuine, with warnings"),
		_ => ("未通过验证", "Not verified"),
	};
	html! {
		(DOCTYPE)
		html lang="zh-CN" {
			head {
				meta charset="utf-8";
				meta name="viewport" content="width=device-width, initial-scale=1";
				title { (title) " · " (english) " — yinji 印迹" }
				style { (PreEscaped(STYLE)) }
			}
			body {
				main {
					div class={ "verdict " (verdict.verdict) } role="status" {
						h1 { (title) " · " (english) }
						@if let Some((collection, item)) = verdict.item {
							p { "藏品 Item " (collection) "/" (item) }
						}
					}
					@if let Some(claim) = claim {
						p class="claim" {
							a href=(claim) { "刚收到这件商品？认领 Just delivered to you? Claim it" }
						}
					}
					@if !verdict.findings.is_empty() {
						section aria-labelledby="why" {
							h2 id="why" { "原因 Why" }
							ul { @for finding in &verdict.findings { li { (finding.message) } } }
						}
					}
					section aria-labelledby="item" {
						h2 id="item" { "作品 Work and item" }
						dl {
							@if let Some(work) = &context.work {
								dt { "作品 Work" } dd { "#" (work.id) " (" (work.status) ")" }
								dt { "创作者 Creator" } dd { code { (work.creator) } }
								dt { "版权存证 Registered" }
								dd { (work.registered) " UTC, block " (work.block) }
							}
							@if let Some(edition) = &context.edition { dt { "版本 Edition" } dd { (edition) } }
							@if let Some(policy) = &context.policy { dt { "流转规则 Policy" } dd { (policy) } }
							@if let Some(owner) = &context.owner { dt { "持有人 Owner" } dd { code { (owner) } } }
						}
					}
					@if let Some(counters) = &verdict.counters {
						section aria-labelledby="taps" {
							h2 id="taps" { "芯片读取 Tag reads" }
							dl {
								dt { "本次计数 This read" } dd { (counters.read) }
								dt { "此前最高 Highest before" }
								dd { @if let Some(last) = counters.last_accepted { (last) } @else { "—" } }
								dt { "链上水位 On-chain watermark" } dd { (counters.watermark) }
								@if let Some(tamper) = &verdict.tamper { dt { "防拆 Seal" } dd { (tamper) } }
							}
						}
					}
					@if !context.provenance.is_empty() {
						section aria-labelledby="history" {
							h2 id="history" { "溯源 Provenance" }
							ol {
								@for (block, kind, from, to) in &context.provenance {
									li {
										(kind) " · block " (block)
										@if let Some(from) = from { " · " code { (short(from)) } }
										" → "
										@if let Some(to) = to { code { (short(to)) } }
									}
								}
							}
						}
					}
					section aria-labelledby="receipt" {
						h2 id="receipt" { "验证凭证 Receipt" }
						p {
							"Checked against finalized block " (verdict.block.0) " "
							code { (verdict.block.1) } ". "
							a href={ "/api/receipts/" (verdict.receipt_id) } download { "Download the signed receipt" }
							", then check it offline: "
							code { "yinji-receipt verify receipt.json --key " (verdict.receipt.key) }
						}
					}
				}
			}
		}
	}
}
