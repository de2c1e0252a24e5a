//! The shop's pages: server-rendered with maud (every value escaped), mobile first, in Chinese
//! and English side by side. Reading needs no script; the forms that change something are sent
//! as JSON to the same API every other client uses by one small script (`/static/shop.js`),
//! which adds the session's CSRF token (see `docs/decisions/0008-shop-pages.md`).

use super::{cart, catalog, order_pages, Product};
use crate::{
	accounts::Session,
	pages::{api_form, layout, needs_login, price, short, YUAN},
	stored::ProductKind,
	tags, ApiError, AppState, Result,
};
use axum::{
	extract::{Path, Query, State},
	http::header,
	response::IntoResponse,
	routing::get,
	Router,
};
use maud::{html, Markup};
use serde::Deserialize;

const STYLE: &str = include_str!("shop.css");
const SCRIPT: &str = include_str!("shop.js");

/// The page routes.
pub fn router() -> Router<AppState> {
	Router::new()
		.route("/", get(home))
		.route("/shop", get(home))
		.route("/shop/search", get(search))
		.route("/shop/p/{id}", get(item))
		.route("/shop/cart", get(cart))
		.route("/shop/orders", get(order_pages::my_orders))
		.route("/shop/sales", get(order_pages::sales))
		.route("/shop/claim", get(claim))
		.route("/login", get(login))
		.route(
			"/static/shop.js",
			get(|| async { ([(header::CONTENT_TYPE, "text/javascript")], SCRIPT) }),
		)
		.route("/static/shop.css", get(|| async { ([(header::CONTENT_TYPE, "text/css")], STYLE) }))
}

/// A product kind's name: physical, or else a collectible.
fn kind_name(physical: bool) -> &'static str {
	if physical {
		"实物 Physical"
	} else {
		"数字藏品 Collectible"
	}
}

fn card(product: &Product) -> Markup {
	html! {
		li class="card" {
			a href={ "/shop/p/" (product.id) } {
				@if let Some(cid) = &product.image_cid {
					img src={ "/api/content/" (cid) } alt=(product.title) loading="lazy";
				} @else {
					div class="placeholder" aria-hidden="true" { "印" }
				}
				h3 { (product.title) }
			}
			p class="meta" { (product.creator_name) " · " (kind_name(product.kind == ProductKind::Physical)) }
			p class="price" { (price(product.price)) }
			@if product.stock == 0 { p class="sold-out" { "售罄 Sold out" } }
		}
	}
}

fn grid(products: &[Product]) -> Markup {
	html! {
		@if products.is_empty() {
			p { "没有找到商品。 Nothing found." }
		} @else {
			ul class="grid" { @for product in products { (card(product)) } }
		}
	}
}

/// `GET /shop`: featured and new products.
async fn home(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let featured =
		catalog::Search { available: Some(true), per_page: Some(12), ..Default::default() };
	let found = catalog::find(&state, &featured).await?;
	Ok(layout(
		"印迹 yinji",
		session.as_ref(),
		html! {
			section class="hero" {
				h1 { "有印迹的好物 · Made, sealed, traced" }
				p { "每件作品都在链上登记；每次转售，创作者都获得版税。 Every work is registered on chain; every resale pays its creators." }
				form action="/shop/search" role="search" {
					label for="q" { "搜索 Search" }
					input id="q" name="q" type="search" placeholder="茶具, print, 设计…";
					button type="submit" { "搜索 Search" }
				}
			}
			h2 { "精选 Featured" }
			(grid(&found.products))
		},
	))
}

/// The query of the catalog page (the API's, with empty form fields allowed).
#[derive(Debug, Default, Deserialize)]
struct SearchForm {
	q: Option<String>,
	kind: Option<String>,
	min: Option<String>,
	max: Option<String>,
	creator: Option<String>,
	available: Option<String>,
	sort: Option<String>,
	page: Option<u32>,
}

fn given(value: &Option<String>) -> Option<String> {
	value.as_ref().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn units(value: &Option<String>) -> Result<Option<u64>> {
	given(value)
		.map(|v| {
			v.parse::<f64>()
				.ok()
				.filter(|v| v.is_finite() && *v >= 0.0)
				.map(|v| (v * YUAN as f64).round() as u64)
				.ok_or_else(|| ApiError::bad_request("bad_value", "a price is a number"))
		})
		.transpose()
}

/// `GET /shop/search`: the catalog, with search, filters, sort and pages.
async fn search(
	State(state): State<AppState>,
	session: Option<Session>,
	Query(form): Query<SearchForm>,
) -> Result<Markup> {
	let search = catalog::Search {
		q: given(&form.q),
		kind: given(&form.kind),
		min: units(&form.min)?,
		max: units(&form.max)?,
		creator: given(&form.creator),
		collection: None,
		available: given(&form.available).map(|_| true),
		sort: given(&form.sort),
		page: form.page,
		per_page: Some(24),
	};
	let found = catalog::find(&state, &search).await?;
	let pages = (found.total + i64::from(found.per_page) - 1) / i64::from(found.per_page);
	let link = |page: i64| {
		let mut query = form_urlencoded::Serializer::new(String::new());
		for (key, value) in [
			("q", &form.q),
			("kind", &form.kind),
			("min", &form.min),
			("max", &form.max),
			("creator", &form.creator),
			("available", &form.available),
			("sort", &form.sort),
		] {
			if let Some(value) = given(value) {
				query.append_pair(key, &value);
			}
		}
		query.append_pair("page", &page.to_string());
		format!("/shop/search?{}", query.finish())
	};
	let selected = |value: &str, current: &Option<String>| given(current).as_deref() == Some(value);
	Ok(layout(
		"商品 Shop",
		session.as_ref(),
		html! {
			h1 { "商品 Shop" }
			form class="filters" action="/shop/search" role="search" {
				label { "搜索 Search" input name="q" type="search" value=[given(&form.q)]; }
				label { "类别 Kind"
					select name="kind" {
						option value="" { "全部 All" }
						option value="physical" selected[selected("physical", &form.kind)] { "实物 Physical" }
						option value="collectible" selected[selected("collectible", &form.kind)] { "数字藏品 Collectible" }
					}
				}
				label { "最低价 Min" input name="min" inputmode="decimal" value=[given(&form.min)]; }
				label { "最高价 Max" input name="max" inputmode="decimal" value=[given(&form.max)]; }
				label { "创作者 Creator" input name="creator" value=[given(&form.creator)]; }
				label class="check" { input type="checkbox" name="available" value="1" checked[given(&form.available).is_some()]; "有货 In stock" }
				label { "排序 Sort"
					select name="sort" {
						option value="" { "推荐 Featured" }
						option value="newest" selected[selected("newest", &form.sort)] { "最新 Newest" }
						option value="price_asc" selected[selected("price_asc", &form.sort)] { "价格从低到高 Price ↑" }
						option value="price_desc" selected[selected("price_desc", &form.sort)] { "价格从高到低 Price ↓" }
					}
				}
				button type="submit" { "筛选 Apply" }
			}
			p class="count" role="status" { (found.total) " 件 results" }
			(grid(&found.products))
			@if pages > 1 {
				nav class="pages" aria-label="分页 Pages" {
					@for page in 1..=pages {
						@if page == i64::from(found.page) { span aria-current="page" { (page) } }
						@else { a href=(link(page)) { (page) } }
					}
				}
			}
		},
	))
}

/// `GET /shop/p/{id}`: a product, with the chain's word on it.
async fn item(
	State(state): State<AppState>,
	session: Option<Session>,
	Path(id): Path<String>,
) -> Result<Markup> {
	let product = catalog::product(&state, &id).await?;
	let unit = catalog::next_unit(&state, &id).await?;
	let context = match (unit, state.chain.is_some()) {
		(Some(unit), true) => {
			let ledger = tags::ledger::Ledger::at_head(&state).await?;
			Some(tags::context(&state, &ledger, product.collection, unit).await?)
		}
		_ => None,
	};
	Ok(layout(
		&product.title,
		session.as_ref(),
		html! {
			article class="product" {
				@if let Some(cid) = &product.image_cid {
					img src={ "/api/content/" (cid) } alt=(product.title);
				}
				div {
					h1 { (product.title) }
					p class="meta" { (product.creator_name) " · " (kind_name(product.kind == ProductKind::Physical)) }
					@if let Some(edition) = context.as_ref().and_then(|c| c.edition.clone()) {
						p { "版本 Edition " (edition) }
					}
					p class="price" { (price(product.price)) }
					p { "转售版税 Resale royalty " (product.royalty_bp as f64 / 100.0) " %" }
					@if product.stock > 0 {
						p { "库存 In stock: " (product.stock) }
						(api_form("/api/shop/cart", Some("/shop/cart"), "加入购物车 Add to cart", html! {
							input type="hidden" name="product" value=(product.id);
							label { "数量 Quantity" input name="quantity" type="number" data-type="number" min="1" max=(product.stock.min(cart::MAX_QUANTITY)) value="1"; }
						}))
					} @else {
						p class="sold-out" { "售罄 Sold out" }
					}
					@if let Some(context) = context.as_ref().filter(|c| c.work_id.is_some()) {
						div class="badge" role="note" {
							strong { "✓ 链上存证 Registered on chain" }
							@if let Some(work) = &context.work {
								p { "作品 Work #" (work.id) " · " (work.registered) " UTC · block " (work.block) }
							} @else if let Some(id) = context.work_id {
								p { "作品 Work #" (id) }
							}
						}
					}
					h2 { "故事 Story" }
					p class="story" { (product.story) }
					@if let Some(context) = &context {
						@if !context.provenance.is_empty() {
							h2 { "溯源 Provenance" }
							ol {
								@for (block, kind, _, to) in &context.provenance {
									li { (kind) " · block " (block) @if let Some(to) = to { " → " code { (short(to)) } } }
								}
							}
						}
					}
				}
			}
		},
	))
}

/// `GET /shop/cart`: the cart and the checkout form.
async fn cart(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("购物车 Cart")) };
	let lines = cart::cart_lines(&state, &session.user.id).await?;
	let total: i64 = lines.iter().map(|l| l.price.saturating_mul(l.quantity)).sum();
	let physical = lines.iter().any(|l| l.is_physical());
	Ok(layout(
		"购物车 Cart",
		Some(&session),
		html! {
			h1 { "购物车 Cart" }
			@if lines.is_empty() {
				p { "购物车是空的。 Your cart is empty. " a href="/shop/search" { "去逛逛 Browse the shop" } }
			} @else {
				table {
					thead { tr { th { "商品 Item" } th { "数量 Qty" } th { "价格 Price" } th {} } }
					tbody {
						@for line in &lines {
							tr {
								td { a href={ "/shop/p/" (line.product) } { (line.title) } " · " (kind_name(line.is_physical())) }
								td { (line.quantity) }
								td { (price(line.price.saturating_mul(line.quantity))) }
								td {
									form data-api={ "/api/shop/cart/" (line.product) } data-method="DELETE" {
										button type="submit" aria-label={ "移除 Remove " (line.title) } { "移除 Remove" }
										p role="status" aria-live="polite" {}
									}
								}
							}
						}
					}
				}
				p class="total" { "合计 Total: " (price(total)) }
				h2 { "结算 Checkout" }
				(api_form("/api/shop/checkout", Some("/shop/orders"), "付款 Pay", html! {
					@if physical {
						label { "收件人 Name" input name="ship_name" autocomplete="name" required; }
						label { "地址 Address" textarea name="ship_address" autocomplete="street-address" required {} }
						p class="note" { "地址只保存在本站，不上链。 The address stays with the shop; it never goes on chain." }
					}
					label { "使用积分 Redeem points" input name="redeem_points" type="number" data-type="number" min="0" value="0"; }
				}))
			}
		},
	))
}

/// The query of `/shop/claim`: the tap URL, as the verify page links it.
#[derive(Debug, Deserialize)]
struct ClaimQuery {
	tap: String,
}

/// `GET /shop/claim?tap=…`: the buyer confirms the claim of a delivered item.
async fn claim(session: Option<Session>, Query(query): Query<ClaimQuery>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("认领 Claim")) };
	Ok(layout(
		"认领 Claim",
		Some(&session),
		html! {
			h1 { "认领 Claim your item" }
			p { "收到了吗？用刚才碰一碰的读取确认签收，托管的货款随之付给卖家和创作者。 Received it? This tap confirms delivery; the payment held in escrow then goes to the seller and the creators." }
			(api_form("/api/tags/claim", Some("/shop/orders"), "确认签收 Claim", html! {
				input type="hidden" name="tap" value=(query.tap);
			}))
		},
	))
}

/// `GET /login`: log in or sign up.
async fn login(session: Option<Session>) -> impl IntoResponse {
	layout(
		"登录 Log in",
		session.as_ref(),
		html! {
			h1 { "登录 Log in" }
			(api_form("/api/session", Some("/shop"), "登录 Log in", html! {
				label { "邮箱 E-mail" input name="email" type="email" autocomplete="username" required; }
				label { "密码 Password" input name="password" type="password" autocomplete="current-password" required; }
			}))
			h2 { "注册 Sign up" }
			(api_form("/api/accounts", Some("/shop"), "注册 Sign up", html! {
				label { "邮箱 E-mail" input name="email" type="email" autocomplete="username" required; }
				label { "密码 Password" input name="password" type="password" autocomplete="new-password" minlength="12" required; }
				label { "身份 Role"
					select name="role" {
						option value="buyer" { "买家 Buyer" }
						option value="creator" { "创作者 Creator" }
					}
				}
			}))
		},
	)
}
