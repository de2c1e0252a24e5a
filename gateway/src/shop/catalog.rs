//! The catalog: products a seller publishes from items they own, and the search over them
//! (SQLite FTS5 with trigrams, or Postgres full text), with filters, sorting and pages.

use super::{Product, PRODUCT_COLUMNS};
use crate::{
	accounts::{Role, Session},
	chain::{
		call::{CollectionKind, ItemId},
		default_expiry,
		submission::submit_in_background,
	},
	error::ApiJson,
	keys, now_ms,
	stored::ProductKind,
	tags::ledger::Ledger,
	ApiError, AppState, Result,
};
use axum::{
	extract::{Path, Query, State},
	http::StatusCode,
	Json,
};
use serde::Deserialize;
// The SQL built at run time joins fixed fragments only; every value is bound.
use sqlx::{AssertSqlSafe, Row};
use yinji_client::calls::{batch_all, marketplace, settlement};
use yinji_index_query::Engine;

/// Most items one product may have.
pub const MAX_UNITS: usize = 1_000;

/// The body of `POST /api/shop/products`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
	/// The collection the items are of.
	pub collection: u32,
	/// The items on sale, all owned by the seller (at most 1 000).
	pub items: Vec<u32>,
	/// The title (1 to 120 characters).
	pub title: String,
	/// The creator's name as buyers know it.
	pub creator_name: String,
	/// The story of the work (at most 4 000 characters).
	pub story: String,
	/// Search tags (at most 10).
	#[serde(default)]
	pub tags: Vec<String>,
	/// The price of one unit in the settlement asset, in fen (a number or a decimal string).
	#[serde(deserialize_with = "crate::amount::required")]
	#[schema(value_type = String)]
	pub price: u64,
	/// An uploaded image (`POST /api/content`).
	pub image_cid: Option<String>,
	/// Shown on the shop's home page.
	#[serde(default)]
	pub featured: bool,
}

fn check_text(field: &str, text: &str, max: usize) -> Result<()> {
	let length = text.chars().count();
	if text.trim().is_empty() || length > max {
		return Err(ApiError::bad_request(
			"bad_value",
			format!("{field} must have 1 to {max} characters"),
		));
	}
	Ok(())
}

#[utoipa::path(post, path = "/api/shop/products", request_body = PublishRequest, tag = "shop",
	responses(
		(status = 201, description = "Published; a collectible appears once its listings are final"),
		(status = 400, description = "A field is malformed", body = crate::error::ErrorBody),
		(status = 403, description = "Not a creator, or an item is not the seller's", body = crate::error::ErrorBody),
		(status = 409, description = "An item is already on sale in another product", body = crate::error::ErrorBody)))]
/// `POST /api/shop/products`: a creator puts items they own on sale. The items are listed on
/// chain first, and the product appears in the shop when those listings are final; an item
/// another product already offers is refused (409).
pub async fn publish(
	State(state): State<AppState>,
	session: Session,
	ApiJson(request): ApiJson<PublishRequest>,
) -> Result<(StatusCode, Json<serde_json::Value>)> {
	session.require(&[Role::Creator])?;
	check_text("title", &request.title, 120)?;
	check_text("creator_name", &request.creator_name, 80)?;
	if request.story.chars().count() > 4_000 || request.tags.len() > 10 {
		return Err(ApiError::bad_request(
			"bad_value",
			"a story of at most 4 000 characters, at most 10 tags",
		));
	}
	let price = i64::try_from(request.price)
		.ok()
		.filter(|price| *price > 0)
		.ok_or_else(|| ApiError::bad_request("bad_value", "price is above zero and below 2^63"))?;
	let mut items = request.items.clone();
	items.sort_unstable();
	items.dedup();
	if items.is_empty() || items.len() != request.items.len() || items.len() > MAX_UNITS {
		return Err(ApiError::bad_request("bad_value", "1 to 1 000 distinct items"));
	}
	let (kind, terms) = owned_items(&state, &session, request.collection, &items).await?;
	// Every product is sold from its on-chain listings (`buy` for a collectible, `place_order`
	// for a physical product): on sale once they are final.
	let new = NewProduct {
		seller_id: session.user.id.clone(),
		collection: request.collection,
		kind: kind.as_str(),
		title: request.title.clone(),
		creator_name: request.creator_name.clone(),
		story: request.story.clone(),
		tags: request.tags.join(" "),
		price,
		stock: 0,
		royalty_bp: terms.0,
		edition_of: terms.1,
		image_cid: request.image_cid.clone(),
		featured: request.featured,
		items: items.clone(),
	};
	// Checked before anything is recorded: a request the shop cannot carry out changes nothing.
	let signer = super::custodial_signer(&state, &session).await?;
	let id = insert_product(&state, &new).await?;
	let mut answer = serde_json::json!({ "product": id, "kind": kind, "units": items.len() });
	match list_on_chain(&state, &session, signer, &id, request.collection, &items, price).await {
		Ok(tx) => answer["tx"] = tx,
		Err(error) => {
			remove_product(&state.db, state.engine, &id).await;
			return Err(error);
		}
	}
	Ok((StatusCode::CREATED, Json(answer)))
}

/// What the chain says of `items` of `collection`, all of which `session`'s user must own: the
/// product kind they make and the collection's terms (royalty, editions).
async fn owned_items(
	state: &AppState,
	session: &Session,
	collection: u32,
	items: &[u32],
) -> Result<(ProductKind, (u16, u32))> {
	let ledger = Ledger::at_head(state).await?;
	let mut found = None;
	for item in items {
		let held = ledger
			.item(collection, *item)
			.await?
			.ok_or_else(|| ApiError::not_found(format!("no item {collection}/{item}")))?;
		if !held.owner.eq_ignore_ascii_case(&session.user.address) {
			return Err(ApiError::new(
				StatusCode::FORBIDDEN,
				"not_owner",
				format!("item {collection}/{item} is not yours"),
			));
		}
		let kind = match held.kind {
			CollectionKind::PhysicalTwin => ProductKind::Physical,
			_ => ProductKind::Collectible,
		};
		found = Some((kind, (held.royalty, held.max_supply)));
	}
	found.ok_or_else(|| ApiError::internal("no items after the check"))
}

/// A product to record, checked.
pub struct NewProduct {
	/// The seller's user id.
	pub seller_id: String,
	/// The collection.
	pub collection: u32,
	/// `physical` or `collectible` (a [`ProductKind`]'s text).
	pub kind: &'static str,
	/// The title.
	pub title: String,
	/// The creator's name.
	pub creator_name: String,
	/// The story.
	pub story: String,
	/// Space-separated tags.
	pub tags: String,
	/// The unit price.
	pub price: i64,
	/// Units on sale now.
	pub stock: i64,
	/// The resale royalty.
	pub royalty_bp: u16,
	/// Editions of the collection.
	pub edition_of: u32,
	/// An image's CID.
	pub image_cid: Option<String>,
	/// On the home page.
	pub featured: bool,
	/// Its items.
	pub items: Vec<u32>,
}

/// Records `new` with its units and its search text, in one transaction; returns its id.
pub async fn insert_product(state: &AppState, new: &NewProduct) -> Result<String> {
	let id = hex::encode(&keys::random32()?[..8]);
	let search = format!("{} {} {} {}", new.title, new.creator_name, new.tags, new.story);
	let postgres = state.engine == Engine::Postgres;
	let mut tx = state.db.begin().await?;
	let insert = format!(
		"INSERT INTO products (id, seller_id, collection, kind, title, creator_name, story, tags, \
		 price, stock, royalty_bp, edition_of, image_cid, featured, created_ms{}) \
		 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15{})",
		if postgres { ", search_text" } else { "" },
		if postgres { ", $16" } else { "" },
	);
	let mut query = sqlx::query(AssertSqlSafe(insert))
		.bind(id.clone())
		.bind(new.seller_id.clone())
		.bind(i64::from(new.collection))
		.bind(new.kind)
		.bind(new.title.clone())
		.bind(new.creator_name.clone())
		.bind(new.story.clone())
		.bind(new.tags.clone())
		.bind(new.price)
		.bind(new.stock)
		.bind(i64::from(new.royalty_bp))
		.bind(i64::from(new.edition_of))
		.bind(new.image_cid.clone())
		.bind(i64::from(new.featured))
		.bind(now_ms());
	if postgres {
		query = query.bind(search.clone());
	}
	query.execute(&mut *tx).await?;
	if !postgres {
		sqlx::query("INSERT INTO products_fts (product, body) VALUES ($1, $2)")
			.bind(id.clone())
			.bind(search)
			.execute(&mut *tx)
			.await?;
	}
	for item in &new.items {
		let inserted = sqlx::query(
			"INSERT INTO product_units (product, collection, item) VALUES ($1, $2, $3)",
		)
		.bind(id.clone())
		.bind(i64::from(new.collection))
		.bind(i64::from(*item))
		.execute(&mut *tx)
		.await;
		match inserted {
			// The unique key over units on sale: one product per chain item.
			Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
				return Err(ApiError::new(
					StatusCode::CONFLICT,
					"already_on_sale",
					format!(
						"item {}/{item} is already on sale in another product; nothing was \
						 published",
						new.collection
					),
				));
			}
			inserted => inserted.map(|_| ())?,
		}
	}
	tx.commit().await?;
	Ok(id)
}

/// Removes a product that never went on sale (its on-chain listing failed), with its units and
/// its search entry; a failure is logged (nobody waits for the answer).
async fn remove_product(db: &sqlx::AnyPool, engine: Engine, product: &str) {
	let removed = async {
		let mut tx = db.begin().await?;
		// Only SQLite has the search table; on Postgres the text is a column of the product.
		let search =
			(engine == Engine::Sqlite).then_some("DELETE FROM products_fts WHERE product = $1");
		for sql in [
			"DELETE FROM product_units WHERE product = $1",
			"DELETE FROM cart_lines WHERE product = $1",
			"DELETE FROM products WHERE id = $1",
		]
		.into_iter()
		.chain(search)
		{
			sqlx::query(sql).bind(product.to_string()).execute(&mut *tx).await?;
		}
		tx.commit().await
	};
	if let Err(error) = removed.await {
		tracing::error!(%product, %error, "could not remove a product whose listing failed");
	}
}

/// Lists a product's items on chain at its price, in one batch signed by the
/// seller; when it is final, the units go on sale.
async fn list_on_chain(
	state: &AppState,
	session: &Session,
	signer: yinji_client::Keypair,
	product: &str,
	collection: u32,
	items: &[u32],
	price: i64,
) -> Result<serde_json::Value> {
	let expiry = default_expiry(state).await?;
	let price = u128::try_from(price)?;
	let listings = items.iter().map(|item| {
		let item: ItemId = (collection, *item);
		marketplace::list(item, settlement(), price, expiry, None)
	});
	let call = batch_all(listings.collect());
	let (done, outcome) = tokio::sync::oneshot::channel();
	let lock = state.signers.of(&session.user.id);
	let answer = submit_in_background(
		state,
		&session.user.id,
		"publish",
		vec![call],
		signer,
		lock,
		Some(done),
	)
	.await?;
	let (db, engine, product, units) =
		(state.db.clone(), state.engine, product.to_string(), items.len());
	tokio::spawn(async move {
		if !matches!(outcome.await, Ok(Ok(_))) {
			// The listing failed: the product was never on sale, so it goes.
			remove_product(&db, engine, &product).await;
			return;
		}
		let on_sale = sqlx::query("UPDATE products SET stock = $1 WHERE id = $2")
			.bind(i64::try_from(units).unwrap_or(0))
			.bind(product.clone())
			.execute(&db)
			.await;
		if let Err(error) = on_sale {
			tracing::error!(%product, %error, "could not put a listed product on sale");
		}
	});
	Ok(answer["tx"].clone())
}

/// The query of `GET /api/shop/products`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Search {
	/// Words to find in titles, creators, tags and stories.
	pub q: Option<String>,
	/// `physical` or `collectible`.
	pub kind: Option<String>,
	/// Lowest price, in fen.
	pub min: Option<u64>,
	/// Highest price, in fen.
	pub max: Option<u64>,
	/// The creator's name, exactly.
	pub creator: Option<String>,
	/// A collection.
	pub collection: Option<u32>,
	/// Only products with units left.
	pub available: Option<bool>,
	/// `price_asc`, `price_desc` or `newest` (default: featured first, then newest).
	pub sort: Option<String>,
	/// The page, from 1.
	pub page: Option<u32>,
	/// Products per page (default 24, at most 100).
	pub per_page: Option<u32>,
}

/// One value bound to a search query.
enum Bound {
	Text(String),
	Int(i64),
}

/// A page of search results and how many there are in all.
pub struct Found {
	/// The products of the page.
	pub products: Vec<Product>,
	/// Every match.
	pub total: i64,
	/// The page.
	pub page: u32,
	/// Products per page.
	pub per_page: u32,
}

/// Runs `search`.
pub async fn find(state: &AppState, search: &Search) -> Result<Found> {
	let mut filter = String::new();
	let mut binds = Vec::new();
	let bind = |value: Bound, binds: &mut Vec<Bound>| {
		binds.push(value);
		format!("${}", binds.len())
	};
	if let Some(q) = search.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
		if q.chars().count() > 100 {
			return Err(ApiError::bad_request("bad_value", "a search of at most 100 characters"));
		}
		let like = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
		match state.engine {
			// Trigrams need three characters; shorter words (two Chinese characters are a
			// word) are matched as a substring of the same text.
			Engine::Sqlite if q.chars().count() >= 3 => {
				let phrase = format!("\"{}\"", q.replace('"', "\"\""));
				let at = bind(Bound::Text(phrase), &mut binds);
				filter += &format!(
					" AND p.id IN (SELECT product FROM products_fts WHERE products_fts MATCH {at})"
				);
			}
			Engine::Sqlite => {
				let at = bind(Bound::Text(like), &mut binds);
				filter += &format!(
					" AND p.id IN (SELECT product FROM products_fts WHERE body LIKE {at} ESCAPE '\\')"
				);
			}
			Engine::Postgres => {
				let words = bind(Bound::Text(q.to_string()), &mut binds);
				let at = bind(Bound::Text(like), &mut binds);
				filter += &format!(
					" AND (to_tsvector('simple', p.search_text) @@ plainto_tsquery('simple', \
					 {words}) OR p.search_text ILIKE {at} ESCAPE '\\')"
				);
			}
		}
	}
	if let Some(kind) = &search.kind {
		let kind = kind
			.parse::<ProductKind>()
			.map_err(|_| ApiError::bad_request("bad_value", "kind is physical or collectible"))?;
		let at = bind(Bound::Text(kind.as_str().to_string()), &mut binds);
		filter += &format!(" AND p.kind = {at}");
	}
	let price = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
	if let Some(min) = search.min {
		filter += &format!(" AND p.price >= {}", bind(Bound::Int(price(min)), &mut binds));
	}
	if let Some(max) = search.max {
		filter += &format!(" AND p.price <= {}", bind(Bound::Int(price(max)), &mut binds));
	}
	if let Some(creator) = &search.creator {
		filter +=
			&format!(" AND p.creator_name = {}", bind(Bound::Text(creator.clone()), &mut binds));
	}
	if let Some(collection) = search.collection {
		filter +=
			&format!(" AND p.collection = {}", bind(Bound::Int(collection.into()), &mut binds));
	}
	if search.available.unwrap_or(false) {
		filter += " AND p.stock > 0";
	}
	let order = match search.sort.as_deref() {
		None => "p.featured DESC, p.created_ms DESC, p.id",
		Some("price_asc") => "p.price ASC, p.id",
		Some("price_desc") => "p.price DESC, p.id",
		Some("newest") => "p.created_ms DESC, p.id",
		Some(_) => {
			return Err(ApiError::bad_request(
				"bad_value",
				"sort is price_asc, price_desc or newest",
			))
		}
	};
	let per_page = search.per_page.unwrap_or(24).clamp(1, 100);
	let page = search.page.unwrap_or(1).max(1);
	let offset = i64::from(page - 1) * i64::from(per_page);
	let count = format!("SELECT COUNT(*) FROM products p WHERE 1 = 1{filter}");
	let mut query = sqlx::query_scalar::<_, i64>(AssertSqlSafe(count));
	for value in &binds {
		query = match value {
			Bound::Text(text) => query.bind(text.clone()),
			Bound::Int(n) => query.bind(*n),
		};
	}
	let total = query.fetch_one(&state.db).await?;
	let select = format!(
		"SELECT {PRODUCT_COLUMNS} FROM products p WHERE 1 = 1{filter} ORDER BY {order} \
		 LIMIT {per_page} OFFSET {offset}"
	);
	let mut query = sqlx::query(AssertSqlSafe(select));
	for value in &binds {
		query = match value {
			Bound::Text(text) => query.bind(text.clone()),
			Bound::Int(n) => query.bind(*n),
		};
	}
	let rows = query.fetch_all(&state.db).await?;
	let products = rows.iter().map(Product::from_row).collect::<Result<_, _>>()?;
	Ok(Found { products, total, page, per_page })
}

#[utoipa::path(get, path = "/api/shop/products", tag = "shop", params(Search),
	responses((status = 200, description = "A page of products"),
		(status = 400, description = "A filter is malformed", body = crate::error::ErrorBody)))]
/// `GET /api/shop/products`: search the catalog.
pub async fn search(
	State(state): State<AppState>,
	Query(search): Query<Search>,
) -> Result<Json<serde_json::Value>> {
	let found = find(&state, &search).await?;
	Ok(Json(serde_json::json!({
		"total": found.total, "page": found.page, "per_page": found.per_page,
		"products": found.products,
	})))
}

/// The product `id`.
pub async fn product(state: &AppState, id: &str) -> Result<Product> {
	let select = format!("SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.id = $1");
	let row = sqlx::query(AssertSqlSafe(select))
		.bind(id.to_string())
		.fetch_optional(&state.db)
		.await?
		.ok_or_else(|| ApiError::not_found(format!("no product {id}")))?;
	Product::from_row(&row)
}

#[utoipa::path(get, path = "/api/shop/products/{id}", tag = "shop",
	params(("id" = String, Path, description = "The product")),
	responses((status = 200, description = "The product"),
		(status = 404, description = "No such product", body = crate::error::ErrorBody)))]
/// `GET /api/shop/products/{id}`.
pub async fn get_product(
	State(state): State<AppState>,
	Path(id): Path<String>,
) -> Result<Json<Product>> {
	Ok(Json(product(&state, &id).await?))
}

/// The first unit of `product` still on sale (for its item page).
pub async fn next_unit(state: &AppState, product: &str) -> Result<Option<u32>> {
	let row =
		sqlx::query("SELECT MIN(item) FROM product_units WHERE product = $1 AND order_id IS NULL")
			.bind(product.to_string())
			.fetch_one(&state.db)
			.await?;
	let item: Option<i64> = row.try_get(0)?;
	Ok(item.and_then(|item| u32::try_from(item).ok()))
}
