//! The shop: what most people see of yinji. Products are sold like in any good shop; the chain
//! shows where it earns trust (the authenticity badge, provenance, royalties).
//!
//! - [`catalog`]: products published from a seller's items, full-text search with filters.
//! - [`cart`]: the cart.
//! - [`checkout`]: stock taken atomically, paid on chain in one batch.
//! - [`fresh`]: the chain read again before money moves (a stale product answers 409).
//! - [`payment`]: how a checkout's payment ends, signed by the gateway or by the buyer.
//! - [`orders`]: orders and the seller's fulfilment, each physical line's status read from
//!   its on-chain order.
//! - [`steps`]: each step of a physical order's escrow (ship, confirm, return).
//! - [`pages`]: the pages, server-rendered, in Chinese and English; [`order_pages`]: the
//!   buyer's orders and the seller's fulfilment, with each side's next step.
//!
//! Prices are in the consortium's settlement asset (a member bank's fiat-backed yuan, in fen);
//! the native token pays only the fees.
//!
//! How each kind of product is paid and delivered:
//!
//! | Kind | Checkout pays | Seller ships | Settled when |
//! |---|---|---|---|
//! | physical | `place_order` from the seller's listing: the price goes into the order's on-chain escrow | `ship_order`, with a tracking number | the buyer taps the tag (`claim_order_by_tap`) or confirms receipt (`confirm_order`), or the chain's windows pass without a return; a return the seller receives refunds the buyer in full |
//! | collectible | `buy` from the seller's listing | — | at payment |

pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod fresh;
pub mod order_pages;
pub mod orders;
pub mod pages;
pub mod payment;
pub mod steps;

use crate::{
	accounts::Session,
	chain::submission::custodial_keypair,
	stored::{Custody, ProductKind},
	ApiError, AppState, Result,
};
use axum::{
	routing::{get, post},
	Router,
};
use serde::Serialize;
use sqlx::{any::AnyRow, Row};

/// A product as the shop shows it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Product {
	/// Its id.
	pub id: String,
	/// The seller's user id.
	#[serde(skip)]
	pub seller_id: String,
	/// The collection of its items.
	pub collection: u32,
	/// `physical` or `collectible`.
	pub kind: ProductKind,
	/// The title.
	pub title: String,
	/// The creator's name.
	pub creator_name: String,
	/// The story of the work.
	pub story: String,
	/// Search tags, space-separated.
	pub tags: String,
	/// The price of a unit in the settlement asset, in fen.
	pub price: i64,
	/// Units left.
	pub stock: i64,
	/// The resale royalty, in basis points.
	pub royalty_bp: i64,
	/// Editions of the collection.
	pub edition_of: i64,
	/// An image's CID.
	pub image_cid: Option<String>,
	/// On the home page.
	pub featured: bool,
}

/// The columns [`Product::from_row`] reads, of `products p`.
pub const PRODUCT_COLUMNS: &str = "p.id, p.seller_id, p.collection, p.kind, p.title, \
	p.creator_name, p.story, p.tags, p.price, p.stock, p.royalty_bp, p.edition_of, p.image_cid, \
	p.featured";

impl Product {
	fn from_row(row: &AnyRow) -> Result<Product> {
		let get_i64 = |i: usize| -> Result<i64> { Ok(row.try_get(i)?) };
		let get_text = |i: usize| -> Result<String> { Ok(row.try_get(i)?) };
		Ok(Product {
			id: get_text(0)?,
			seller_id: get_text(1)?,
			collection: u32::try_from(get_i64(2)?)?,
			kind: get_text(3)?.parse()?,
			title: get_text(4)?,
			creator_name: get_text(5)?,
			story: get_text(6)?,
			tags: get_text(7)?,
			price: get_i64(8)?,
			stock: get_i64(9)?,
			royalty_bp: get_i64(10)?,
			edition_of: get_i64(11)?,
			image_cid: row.try_get(12)?,
			featured: get_i64(13)? != 0,
		})
	}
}

/// The session user's custodial key; the shop signs for custodial accounts only (a linked
/// key signs each transaction itself, which a checkout of several calls does not fit yet).
async fn custodial_signer(state: &AppState, session: &Session) -> Result<yinji_client::Keypair> {
	if session.user.custody != Custody::Custodial {
		return Err(ApiError::bad_request(
			"self_custody",
			"the shop signs with custodial keys; with your own key, use the flows API",
		));
	}
	custodial_keypair(state, &session.user.id).await
}

/// The shop's routes: its pages and its JSON API.
pub fn router() -> Router<AppState> {
	Router::new()
		.route("/api/shop/products", post(catalog::publish).get(catalog::search))
		.route("/api/shop/products/{id}", get(catalog::get_product))
		.route("/api/shop/cart", get(cart::cart).post(cart::add_to_cart))
		.route("/api/shop/cart/{product}", axum::routing::delete(cart::remove_from_cart))
		.route("/api/shop/checkout", post(checkout::checkout))
		.route("/api/shop/orders", get(orders::my_orders))
		.route("/api/shop/orders/{id}", get(orders::order))
		.route("/api/shop/sales", get(orders::my_sales))
		.route("/api/shop/orders/{id}/ship", post(steps::ship))
		.route("/api/shop/orders/{id}/confirm", post(steps::confirm))
		.route("/api/shop/orders/{id}/return", post(steps::request_return))
		.route("/api/shop/orders/{id}/return-received", post(steps::return_received))
		.merge(pages::router())
}
