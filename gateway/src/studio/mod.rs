//! The creator studio (`/studio`): verification, registering a work from an upload, creating a
//! collection with its policy, minting with progress, publishing items to the shop or putting
//! one up for auction, and the sales and royalties dashboard with its chart.
//!
//! Every form posts to the same JSON API other clients use (`/api/attestations`, `/api/content`,
//! `/api/flows/…`, `/api/shop/products`); the page script follows each chain transaction until
//! it is final. What the page shows comes from the index, so a change appears once its block is
//! indexed.

pub mod chart;

use crate::{
	accounts::{Role, Session},
	chain::BLOCKS_PER_DAY,
	flows::attestation,
	now_ms,
	pages::{amount_in, api_form, chain_form, layout, needs_login, not_for_role, price_u128, utc},
	AppState, Result,
};
use axum::{extract::State, routing::get, Router};
use maud::{html, Markup};
use yinji_index_query::{
	self as queries, AttestationRow, CollectionRow, OwnedItem, SaleFilter, SaleRow, WorkRow,
};

/// Days the royalties chart covers.
const CHART_DAYS: u64 = 30;
/// The shop's currency as the index names it: the settlement asset.
const SHOP_ASSET: &str = "asset:1";

/// The studio's routes.
pub fn router() -> Router<AppState> {
	Router::new().route("/studio", get(studio))
}

/// `GET /studio`: the creator's studio.
async fn studio(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("工作室 Studio")) };
	if session.user.role != Role::Creator {
		return Ok(not_for_role(
			"工作室 Studio",
			&session,
			"工作室只对创作者开放。 The studio is for creators.",
		));
	}
	let index = state.index()?;
	let me = session.user.address.clone();
	let attested = queries::attestation(index, &me).await?;
	let waiting = attestation::waiting(&state, &session.user.id).await?;
	let works = queries::works_by_creator(index, &me).await?;
	let collections = queries::collections_by_creator(index, &me).await?;
	let items = queries::items_of(index, &me).await?;
	let today = u64::try_from(now_ms()).unwrap_or(0) / chart::DAY_MS * chart::DAY_MS;
	let from = today.saturating_sub((CHART_DAYS - 1) * chart::DAY_MS);
	let royalties =
		queries::royalties_per_period(index, &me, from, today + chart::DAY_MS, chart::DAY_MS)
			.await?;
	let filter = SaleFilter { account: Some(me.clone()), limit: Some(20), ..Default::default() };
	let sales = queries::sales(index, &filter).await?;
	let sold: Vec<_> = sales.iter().filter(|s| s.seller == me).collect();
	// The chart is in the shop's currency, the settlement asset, where creators' sales are.
	let bars = chart::daily(&royalties, SHOP_ASSET, from, CHART_DAYS);
	Ok(layout(
		"工作室 Studio",
		Some(&session),
		html! {
			h1 { "工作室 Studio" }
			(verification(&attested, waiting))
			(register_panel())
			(works_panel(&works))
			(collections_panel(&collections))
			(items_panel(&items, &collections))
			(royalties_panel(&bars, &sold))
		},
	))
}

/// The verification panel: the attestation, the request waiting, or the form to ask.
fn verification(attested: &Option<AttestationRow>, waiting: bool) -> Markup {
	html! {
		section class="panel" aria-labelledby="verify" {
			h2 id="verify" { "实名认证 Verification" }
			@if let Some(attested) = &attested {
				p class="ok" { "✓ 已认证 Verified · KYC " (attested.kyc_level) " · 有效至区块 valid until block " (attested.expires_at) }
			} @else if waiting {
				p { "审核中：成员机构会尽快处理。 Waiting for a member institution to approve your request." }
			} @else {
				p { "登记作品前，需由成员机构核实身份。证件信息只保存在本站，不上链。 Before you register works, a member institution verifies who you are. Your details stay with this gateway; only the approval goes on chain." }
				(api_form("/api/attestations", None, "申请认证 Ask to be verified", html! {
					label { "真实姓名 Legal name" input name="real_name" autocomplete="name" required; }
					label { "证件号码 ID number" input name="id_number" required; }
				}))
			}
		}
	}
}

/// The form that registers a work from an upload.
fn register_panel() -> Markup {
	html! {
		section class="panel" aria-labelledby="register" {
			h2 id="register" { "登记作品 Register a work" }
			p class="note" { "文件存入内容库；链上只记录它的哈希。 The file goes to the content store; the chain records its hash." }
			(chain_form("/api/flows/register_work", None, "登记 Register", html! {
				label { "作品文件 File" input name="cid" type="file" required; }
				label { "类别 Kind" select name="kind" {
					@for (value, name) in WORK_KINDS { option value=(value) { (name) } }
				} }
			}))
		}
	}
}

/// The works, and the form that creates a collection of one.
fn works_panel(works: &[WorkRow]) -> Markup {
	html! {
		section class="panel" aria-labelledby="works" {
			h2 id="works" { "我的作品 Works" }
			(works_table(works))
			@if !works.is_empty() {
				h3 { "创建系列 New collection" }
				(chain_form("/api/flows/create_collection", None, "创建 Create", html! {
					label { "作品 Work" select name="work" data-type="number" {
						@for work in works { option value=(work.id) { "#" (work.id) " · " (work.kind) } }
					} }
					label { "类型 Kind" select name="kind" {
						option value="DigitalCollectible" { "数字藏品 Digital collectible" }
						option value="PhysicalTwin" { "实物孪生 Physical twin (tagged product)" }
					} }
					label { "版数 Editions" input name="max_supply" type="number" data-type="number" min="1" max="1000000" value="100" required; }
					label { "转售版税 % Resale royalty %" input name="royalty_bp" type="number" data-type="percent" min="0" max="50" step="0.01" value="5"; }
					label { "流转规则 Transfer policy" select name="policy" {
						option value="SettlementOnly" { "只经市场结算 Sold through the market only" }
						option value="GiftOnly" { "仅可赠送 Gifts only" }
						option value="Soulbound" { "不可转让 Never transferred" }
					} }
				}))
			}
		}
	}
}

/// The collections, and the form that mints.
fn collections_panel(collections: &[CollectionRow]) -> Markup {
	html! {
		section class="panel" aria-labelledby="collections" {
			h2 id="collections" { "系列与铸造 Collections and minting" }
			(collections_table(collections))
			@if !collections.is_empty() {
				h3 { "铸造 Mint" }
				(chain_form("/api/flows/mint", None, "铸造 Mint", html! {
					(collection_select(collections))
					label { "数量 How many" input name="count" type="number" data-type="number" min="1" max="10000" value="1" required; }
				}))
				h3 { "定制商品 Made to order" }
				p class="note" { "定制商品不适用七天无理由退货（消费者权益保护法第二十五条），买家只能申请仲裁。 Goods made to order take no return without a reason (Art. 25 of the Consumer Rights Protection Law): a buyer can only ask the arbiter." }
				(chain_form("/api/flows/set_made_to_order", None, "保存 Save", html! {
					(collection_select(collections))
					label { "按订单定制 Made to order" select name="made_to_order" data-type="bool" {
						option value="true" { "是 Yes" }
						option value="false" { "否 No" }
					} }
				}))
			}
		}
	}
}

/// The items held, and the forms that sell them in the shop or by auction.
fn items_panel(items: &[OwnedItem], collections: &[CollectionRow]) -> Markup {
	html! {
		section class="panel" aria-labelledby="items" {
			h2 id="items" { "我的藏品 Items" }
			(items_summary(items))
			@if !items.is_empty() {
				h3 { "上架到商店 Sell in the shop" }
				(chain_form("/api/shop/products", Some("/shop/search"), "上架 Publish", html! {
					(collection_select(collections))
					label { "编号 Items (1-3, 5)" input name="items" data-type="items" required; }
					label { "标题 Title" input name="title" maxlength="120" required; }
					label { "署名 Creator name" input name="creator_name" required; }
					label { "故事 Story" textarea name="story" maxlength="4000" required {} }
					label { "单价 (元) Price (¥)" input name="price" inputmode="decimal" data-type="yuan" required; }
					label { "图片 Image" input name="image_cid" type="file" accept="image/*"; }
					label class="check" { input name="featured" type="checkbox"; "首页推荐 Feature on the home page" }
				}))
				h3 { "拍卖 Auction" }
				(chain_form("/api/flows/create_auction", None, "开拍 Start the auction", html! {
					(collection_select(collections))
					label { "编号 Item" input name="item" type="number" data-type="number" min="1" required; }
					label { "起拍价 (YJ) Starting price" input name="amount" inputmode="decimal" data-type="units" required; }
					label { "保留价 (YJ) Reserve" input name="reserve" inputmode="decimal" data-type="units"; }
					label { "时长 Duration" select name="expires_in" data-type="number" {
						@for days in [1u64, 3, 7] { option value=(days * BLOCKS_PER_DAY) { (days) " 天 days" } }
					} }
				}))
			}
		}
	}
}

/// The royalties chart and the recent sales.
fn royalties_panel(bars: &[chart::Bar], sold: &[&SaleRow]) -> Markup {
	html! {
		section class="panel" aria-labelledby="royalties" {
			h2 id="royalties" { "销售与版税 Sales and royalties" }
			(chart::svg(bars, "近 30 天版税 Royalties, last 30 days", price_u128))
			@if sold.is_empty() {
				p { "还没有售出。 Nothing sold yet." }
			} @else {
				table {
					caption { "最近售出 Recent sales" }
					thead { tr { th scope="col" { "时间 When" } th scope="col" { "藏品 Item" } th scope="col" { "成交 Price" } th scope="col" { "版税 Royalties" } th scope="col" { "到手 Proceeds" } } }
					tbody {
						@for sale in sold {
							tr {
								td { (utc(sale.timestamp_ms)) }
								td { (sale.collection) "/" (sale.item) }
								td { (amount_in(&sale.asset, sale.gross)) }
								td { (amount_in(&sale.asset, sale.royalties)) }
								td { (amount_in(&sale.asset, sale.seller_proceeds)) }
							}
						}
					}
				}
			}
		}
	}
}
/// The work kinds the chain knows, with their names.
const WORK_KINDS: [(&str, &str); 7] = [
	("Image", "图像 Image"),
	("Design", "设计 Design"),
	("Craft", "工艺 Craft"),
	("Model3d", "三维 3D model"),
	("Text", "文字 Text"),
	("Audio", "音频 Audio"),
	("Video", "视频 Video"),
];

fn works_table(works: &[WorkRow]) -> Markup {
	html! {
		@if works.is_empty() {
			p { "还没有登记作品。 No works registered yet." }
		} @else {
			table {
				thead { tr { th scope="col" { "作品 Work" } th scope="col" { "类别 Kind" } th scope="col" { "状态 Status" } th scope="col" { "登记 Registered" } } }
				tbody {
					@for work in works {
						tr {
							td { "#" (work.id) }
							td { (work.kind) }
							td { (work.status) }
							td { (utc(work.registered_ms)) " · block " (work.registered_block) }
						}
					}
				}
			}
		}
	}
}

fn collections_table(collections: &[CollectionRow]) -> Markup {
	html! {
		@if collections.is_empty() {
			p { "还没有系列。 No collections yet." }
		} @else {
			table {
				thead { tr { th scope="col" { "系列 Collection" } th scope="col" { "作品 Work" } th scope="col" { "类型 Kind" } th scope="col" { "已铸 Minted" } th scope="col" { "版税 Royalty" } } }
				tbody {
					@for c in collections {
						tr {
							td { "#" (c.id) }
							td { "#" (c.work) }
							td { (kind_name(&c.kind)) " · " (policy_name(&c.policy)) }
							td { (c.items) " / " (c.max_supply) }
							td { (f64::from(c.royalty_bp) / 100.0) " %" }
						}
					}
				}
			}
		}
	}
}

fn collection_select(collections: &[CollectionRow]) -> Markup {
	html! {
		label { "系列 Collection" select name="collection" data-type="number" {
			@for c in collections { option value=(c.id) { "#" (c.id) " · " (kind_name(&c.kind)) } }
		} }
	}
}

fn kind_name(kind: &str) -> &str {
	match kind {
		"DigitalCollectible" => "数字藏品 Digital",
		"PhysicalTwin" => "实物孪生 Physical twin",
		other => other,
	}
}

/// A collection's policy as the index keeps it (JSON: a name, or a name with its terms).
fn policy_name(policy: &str) -> String {
	let name = match serde_json::from_str::<serde_json::Value>(policy) {
		Ok(serde_json::Value::String(name)) => name,
		Ok(serde_json::Value::Object(terms)) => terms.keys().next().cloned().unwrap_or_default(),
		_ => policy.to_string(),
	};
	match name.as_str() {
		"SettlementOnly" => "只经市场 Market only".into(),
		"GiftOnly" => "仅可赠送 Gifts only".into(),
		"Soulbound" => "不可转让 Soulbound".into(),
		"Free" => "自由流转 Free".into(),
		_ => name,
	}
}

/// The items held, as ranges per collection: `#3: 1–20, 25`.
fn items_summary(items: &[OwnedItem]) -> Markup {
	let mut by_collection = std::collections::BTreeMap::<u64, Vec<u64>>::new();
	for item in items {
		by_collection.entry(item.collection).or_default().push(item.item);
	}
	html! {
		@if items.is_empty() {
			p { "还没有藏品；铸造后会出现在这里。 No items yet; minted items appear here." }
		} @else {
			ul {
				@for (collection, numbers) in &by_collection {
					li { "系列 Collection #" (collection) ": " (ranges(numbers)) }
				}
			}
		}
	}
}

/// `1, 2, 3, 5` as `1–3, 5`.
fn ranges(numbers: &[u64]) -> String {
	let mut sorted = numbers.to_vec();
	sorted.sort_unstable();
	sorted.dedup();
	let mut parts: Vec<String> = Vec::new();
	let mut start = None;
	for (i, n) in sorted.iter().enumerate() {
		let first = *start.get_or_insert(*n);
		if sorted.get(i + 1) != Some(&(n + 1)) {
			parts.push(if first == *n { n.to_string() } else { format!("{first}–{n}") });
			start = None;
		}
	}
	parts.join(", ")
}

#[cfg(test)]
mod tests {
	use super::ranges;

	#[test]
	fn policies_read_by_name() {
		assert_eq!(super::policy_name(r#""SettlementOnly""#), "只经市场 Market only");
		assert_eq!(super::policy_name(r#"{"GiftOnly":{"min_hold":0}}"#), "仅可赠送 Gifts only");
		assert_eq!(super::policy_name("garbled"), "garbled");
	}

	#[test]
	fn item_numbers_read_as_ranges() {
		assert_eq!(ranges(&[5, 1, 2, 3, 3]), "1–3, 5");
		assert_eq!(ranges(&[7]), "7");
		assert_eq!(ranges(&[]), "");
		assert_eq!(ranges(&[1, 3, 4]), "1, 3–4");
	}
}
