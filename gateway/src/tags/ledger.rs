//! What the chain says about a tag and its item, read at the finalized head: the binding (item,
//! kind, key epoch, watermark), whether the tag was retired, the item's owner and the
//! collection's terms. Read from the node, not the index, so that a verdict never rests on a
//! block the index has not reached; the block is named in the receipt.

use crate::{AppState, Result};
use yinji_client::{fields::Fields, Value};

/// A tag's binding on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// `Ntag424` or `SignedQr`.
	pub kind: String,
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
	/// The collection's kind: `DigitalCollectible` or `PhysicalTwin`.
	pub kind: String,
	/// The collection's resale royalty, in basis points.
	pub royalty: u16,
}

/// An open offer on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferState {
	/// Who offers (`0x`-hex account).
	pub offerer: String,
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
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
			hash: yinji_client::fields::to_hex(view.hash().as_bytes()),
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

	/// The head's storage entry `pallet.entry` at `keys`, if it holds a value.
	pub(crate) async fn read(
		&self,
		pallet: &str,
		entry: &str,
		keys: Vec<Value>,
	) -> Result<Option<Value>> {
		Ok(self.view.storage(pallet, entry, keys).await?)
	}

	/// The binding of the tag with hash `tag`, if bound.
	pub async fn binding(&self, tag: &[u8; 32]) -> Result<Option<Binding>> {
		let key = vec![Value::from_bytes(tag)];
		let Some(value) = self.view.storage("Collectibles", "TagOf", key).await? else {
			return Ok(None);
		};
		let f = Fields::new(&value, "TagOf");
		let number = |name: &str| -> Result<u32> { Ok(u32::try_from(f.u64(name)?)?) };
		Ok(Some(Binding {
			collection: number("collection")?,
			item: number("item")?,
			kind: f.variant("kind")?,
			key_epoch: number("key_epoch")?,
			watermark: number("watermark")?,
		}))
	}

	/// Whether the tag with hash `tag` was unbound for good.
	pub async fn retired(&self, tag: &[u8; 32]) -> Result<bool> {
		let key = vec![Value::from_bytes(tag)];
		Ok(self.view.storage("Collectibles", "RetiredTags", key).await?.is_some())
	}

	/// The open offer `offer`, if it exists.
	pub async fn offer(&self, offer: u64) -> Result<Option<OfferState>> {
		let key = vec![Value::u128(offer.into())];
		let Some(value) = self.view.storage("Marketplace", "Offers", key).await? else {
			return Ok(None);
		};
		let f = Fields::new(&value, "Offers");
		let number = |name: &str| -> Result<u32> { Ok(u32::try_from(f.u64(name)?)?) };
		Ok(Some(OfferState {
			offerer: f.hex("offerer")?,
			collection: number("collection")?,
			item: number("item")?,
		}))
	}

	/// The item and its collection's terms, if the item exists.
	pub async fn item(&self, collection: u32, item: u32) -> Result<Option<ItemState>> {
		let keys = vec![Value::u128(collection.into()), Value::u128(item.into())];
		let Some(held) = self.view.storage("Collectibles", "Items", keys).await? else {
			return Ok(None);
		};
		let key = vec![Value::u128(collection.into())];
		let record = self.view.storage("Collectibles", "Collections", key).await?;
		let Some(record) = record else { return Ok(None) };
		let (held, record) = (Fields::new(&held, "Items"), Fields::new(&record, "Collections"));
		// `Option<TagHash>` decodes as the variant `Some(hash)` or `None`.
		let tag = match yinji_client::fields::variant(held.get("tag")?) {
			Some(("Some", values)) => values
				.values()
				.next()
				.and_then(yinji_client::fields::bytes)
				.filter(|bytes| bytes.len() == 32)
				.map(|bytes| yinji_client::fields::to_hex(&bytes)),
			_ => None,
		};
		Ok(Some(ItemState {
			owner: held.hex("owner")?,
			tag,
			issuer: record.hex("issuer")?,
			max_supply: u32::try_from(record.u64("max_supply")?)?,
			work: record.u64("work")?,
			policy: record.json("policy")?,
			kind: record.variant("kind")?,
			royalty: u16::try_from(record.u64("royalty")?)?,
		}))
	}
}

/// The accounts in a decoded list of accounts (`0x`-hex), in order: a `BoundedVec` decodes as a
/// newtype around the sequence, and an account as a newtype around its 32 bytes.
pub fn accounts(value: &Value) -> Vec<String> {
	if let Some(bytes) = yinji_client::fields::bytes(value).filter(|bytes| bytes.len() == 32) {
		return vec![yinji_client::fields::to_hex(&bytes)];
	}
	match &value.value {
		yinji_client::subxt::ext::scale_value::ValueDef::Composite(items) => {
			items.values().flat_map(accounts).collect()
		}
		_ => Vec::new(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn account(byte: u8) -> Value {
		Value::unnamed_composite([Value::unnamed_composite(
			(0..32).map(|_| Value::u128(byte.into())),
		)])
	}

	#[test]
	fn accounts_are_read_through_their_newtypes() {
		let list =
			|n: u8| Value::unnamed_composite([Value::unnamed_composite((0..n).map(account))]);
		assert_eq!(accounts(&list(1)), [format!("0x{}", "00".repeat(32))]);
		assert_eq!(accounts(&list(2))[1], format!("0x{}", "01".repeat(32)));
		assert_eq!(accounts(&list(4)).len(), 4);
		assert!(accounts(&Value::unnamed_composite([])).is_empty());
	}
}
