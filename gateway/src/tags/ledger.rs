//! What the chain says about a tag and its item, read at the finalized head: the binding (item,
//! kind, key epoch, watermark), whether the tag was retired, the item's owner and the
//! collection's terms. Read from the node, not the index, so that a verdict never rests on a
//! block the index has not reached; the block is named in the receipt.

use crate::{
	chain::call::{BlockNumber, TransferPolicy},
	AppState, Result,
};
use yinji_client::{
	calls::{CollectionKind, TagKind},
	fields::to_hex,
	runtime::{
		runtime_types::{
			frame_support::traits::tokens::fungible::union_of::NativeOrWithId,
			pallet_marketplace::types::PriceSchedule,
		},
		yinji::storage,
	},
	subxt::storage::Address,
	AccountId32,
};

/// A tag's binding on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// How the tag proves itself.
	pub kind: TagKind,
	/// The key epoch it was issued under.
	pub key_epoch: u32,
	/// The highest tap counter the chain accepted (at a sale or claim).
	pub watermark: u32,
}

/// An item as the chain holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemState {
	/// Its owner (`0x`-hex account).
	pub owner: String,
	/// Its tag's hash (`0x`-hex), if it has one.
	pub tag: Option<String>,
	/// The collection's issuer (`0x`-hex account).
	pub issuer: String,
	/// Editions the collection may have.
	pub max_supply: u32,
	/// The collection's work.
	pub work: u64,
	/// The collection's transfer policy (JSON).
	pub policy: serde_json::Value,
	/// The collection's kind.
	pub kind: CollectionKind,
	/// The collection's resale royalty, in basis points.
	pub royalty: u16,
	/// The item or its collection is frozen: it cannot move.
	pub frozen: bool,
	/// The item's ownership nonce (a listing made under another is void).
	pub nonce: u32,
}

/// An item's open listing on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingState {
	/// Who listed it (`0x`-hex account).
	pub seller: String,
	/// The asset the price is in (`None`: the native token).
	pub asset: Option<u32>,
	/// The fixed price, or a Dutch listing's starting price.
	pub price: u128,
	/// The item's ownership nonce when listed.
	pub nonce: u32,
	/// The first block it can no longer be bought at.
	pub expires_at: u32,
}

/// A physical order's escrow on chain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct OrderState {
	/// Who paid (`0x`-hex account).
	pub buyer: String,
	/// Who ships (`0x`-hex account).
	pub seller: String,
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// The escrowed price.
	pub price: u128,
	/// Made to order: no return without a reason.
	pub made_to_order: bool,
	/// `paid`, `shipped`, `delivered`, `return_requested` or `disputed`.
	pub state: &'static str,
	/// The block at which the state's deadline passes, if it has one.
	pub deadline: Option<u32>,
}

/// What the chain says, at one finalized block.
pub struct Ledger {
	/// The block's number.
	pub number: u64,
	/// The block's hash (`0x`-hex).
	pub hash: String,
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	view: yinji_client::BlockView,
}

impl Ledger {
	/// The chain at its finalized head.
	pub async fn at_head(state: &AppState) -> Result<Ledger> {
		let chain = state.chain()?;
		let number = chain.finalized_number().await?;
		let view = chain.at(number).await?;
		Ok(Ledger {
			number,
			hash: to_hex(view.hash().as_bytes()),
			genesis: chain.genesis_hash().0,
			view,
		})
	}

	/// The chain at its finalized head, if the gateway is connected to a node.
	pub async fn if_connected(state: &AppState) -> Result<Option<Ledger>> {
		match state.chain {
			Some(_) => Ok(Some(Ledger::at_head(state).await?)),
			None => Ok(None),
		}
	}

	/// The head's storage entry at a generated `address` (`storage()…`) under `keys`, if it
	/// holds a value.
	pub(crate) async fn fetch<A: Address>(
		&self,
		address: A,
		keys: A::KeyParts,
	) -> Result<Option<A::Value>> {
		Ok(self.view.fetch(address, keys).await?)
	}

	/// `call`'s name by the head's metadata, `Pallet.call`.
	pub(crate) fn call_name(&self, call: &yinji_client::Call) -> Result<String> {
		Ok(self.view.call_name(call)?)
	}

	/// The binding of the tag with hash `tag`, if bound.
	pub async fn binding(&self, tag: &[u8; 32]) -> Result<Option<Binding>> {
		let binding = self.fetch(storage().collectibles().tag_of(), (*tag,)).await?;
		Ok(binding.map(|binding| Binding {
			collection: binding.collection,
			item: binding.item,
			kind: binding.kind,
			key_epoch: binding.key_epoch,
			watermark: binding.watermark,
		}))
	}

	/// Whether the tag with hash `tag` was unbound for good.
	pub async fn retired(&self, tag: &[u8; 32]) -> Result<bool> {
		Ok(self.fetch(storage().collectibles().retired_tags(), (*tag,)).await?.is_some())
	}

	/// The item and its collection's terms, if the item exists.
	pub async fn item(&self, collection: u32, item: u32) -> Result<Option<ItemState>> {
		let collectibles = || storage().collectibles();
		let Some(held) = self.fetch(collectibles().items(), (collection, item)).await? else {
			return Ok(None);
		};
		let record = self.fetch(collectibles().collections(), (collection,)).await?;
		let Some(record) = record else { return Ok(None) };
		Ok(Some(ItemState {
			owner: to_hex(&held.owner.0),
			tag: held.tag.map(|tag| to_hex(&tag)),
			issuer: to_hex(&record.issuer.0),
			max_supply: record.max_supply,
			work: record.work,
			policy: policy_json(&record.policy),
			kind: record.kind,
			royalty: record.royalty,
			frozen: held.frozen || record.frozen,
			nonce: held.nonce,
		}))
	}

	/// The item's open listing, if it has one.
	pub async fn listing(&self, collection: u32, item: u32) -> Result<Option<ListingState>> {
		let listing = self.fetch(storage().marketplace().listings(), (collection, item)).await?;
		Ok(listing.map(|listing| ListingState {
			seller: to_hex(&listing.seller.0),
			asset: match listing.asset {
				NativeOrWithId::Native => None,
				NativeOrWithId::WithId(id) => Some(id),
			},
			price: match listing.price {
				PriceSchedule::Fixed(price) => price,
				PriceSchedule::Dutch { start, .. } => start,
			},
			nonce: listing.nonce,
			expires_at: listing.expires_at,
		}))
	}

	/// The open order `order`, if it is open.
	pub async fn order(&self, order: u64) -> Result<Option<OrderState>> {
		let order = self.fetch(storage().marketplace().orders(), (order,)).await?;
		Ok(order.map(|order| {
			let (state, deadline) = yinji_client::orders::state(&order.state);
			OrderState {
				buyer: to_hex(&order.buyer.0),
				seller: to_hex(&order.seller.0),
				collection: order.collection,
				item: order.item,
				price: order.price,
				made_to_order: order.made_to_order,
				state,
				deadline,
			}
		}))
	}
}

/// A transfer policy as JSON: a policy without terms is its name, one with terms
/// `{"Name": {terms}}`.
fn policy_json(policy: &TransferPolicy<BlockNumber>) -> serde_json::Value {
	match policy {
		TransferPolicy::Free => "Free".into(),
		TransferPolicy::SettlementOnly => "SettlementOnly".into(),
		TransferPolicy::GiftOnly { min_hold, recipient_kyc } => serde_json::json!({
			"GiftOnly": { "min_hold": min_hold, "recipient_kyc": recipient_kyc },
		}),
		TransferPolicy::Soulbound => "Soulbound".into(),
	}
}

/// Accounts as `0x`-hex, in order.
pub fn accounts(accounts: &[AccountId32]) -> Vec<String> {
	accounts.iter().map(|account| to_hex(&account.0)).collect()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accounts_are_hex_in_order() {
		let list = |n: u8| (0..n).map(|byte| AccountId32([byte; 32])).collect::<Vec<_>>();
		assert_eq!(accounts(&list(1)), [format!("0x{}", "00".repeat(32))]);
		assert_eq!(accounts(&list(2))[1], format!("0x{}", "01".repeat(32)));
		assert_eq!(accounts(&list(4)).len(), 4);
		assert!(accounts(&[]).is_empty());
	}

	#[test]
	fn policies_read_as_the_chain_renders_them() {
		assert_eq!(policy_json(&TransferPolicy::SettlementOnly), "SettlementOnly");
		let gift = TransferPolicy::GiftOnly { min_hold: 7, recipient_kyc: 2 };
		assert_eq!(
			policy_json(&gift).to_string(),
			r#"{"GiftOnly":{"min_hold":7,"recipient_kyc":2}}"#
		);
	}
}
