//! A finalized block with its events, and a view of the chain's state at one block.

use crate::{error::rpc_error, runtime::Event, Error};
use subxt::{
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	dynamic::Value,
	events::Phase,
	storage::{Address, PrefixOf},
	utils::H256,
	SubstrateConfig,
};

/// One event of a block, with its fields decoded by the metadata of the runtime that emitted it.
#[derive(Clone, Debug)]
pub struct ChainEvent {
	/// Its index among the block's events.
	pub index: u32,
	/// The extrinsic that emitted it (`None` for block initialization and finalization).
	pub extrinsic: Option<u32>,
	/// The pallet's name in the runtime.
	pub pallet: String,
	/// The event's name.
	pub name: String,
	/// Its fields, by name.
	pub fields: Value,
	/// The event, typed.
	pub event: Event,
}

/// A block with the events of the pallets asked for.
#[derive(Clone, Debug)]
pub struct Block {
	/// Its number.
	pub number: u64,
	/// Its hash.
	pub hash: H256,
	/// Its parent's hash.
	pub parent_hash: H256,
	/// `Timestamp.Now` in the block (milliseconds since the Unix epoch).
	pub timestamp_ms: u64,
	/// The runtime's `spec_version` in the block.
	pub spec_version: u32,
	/// How many events the block has in all (including those not returned).
	pub event_count: u32,
	/// The events of the pallets asked for, in block order.
	pub events: Vec<ChainEvent>,
}

/// The facts of a block's header a checkpoint needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderFacts {
	/// The block's number.
	pub number: u64,
	/// The block's hash.
	pub hash: H256,
	/// Its parent's hash.
	pub parent_hash: H256,
	/// The root of its state.
	pub state_root: H256,
}

/// A view of the chain's state at one block.
pub struct BlockView {
	pub(crate) at: ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>,
	pub(crate) number: u64,
	pub(crate) hash: H256,
	/// A test client's refusal of every state read but the block's own facts.
	#[cfg(feature = "testing")]
	pub(crate) refuse_storage: bool,
}

impl BlockView {
	/// The block's number.
	pub fn number(&self) -> u64 {
		self.number
	}

	/// The block's hash.
	pub fn hash(&self) -> H256 {
		self.hash
	}

	/// Reads the entry at a generated storage `address` (`runtime::yinji::storage()...`) under
	/// `keys`, decoded into its type; `None` when the entry has no value.
	pub async fn fetch<A: Address>(
		&self,
		address: A,
		keys: A::KeyParts,
	) -> Result<Option<A::Value>, Error> {
		self.refused(address.pallet_name(), address.entry_name())?;
		self.typed(address, keys).await
	}

	/// [`BlockView::fetch`] without the test client's refusal: for the block's own facts.
	async fn typed<A: Address>(
		&self,
		address: A,
		keys: A::KeyParts,
	) -> Result<Option<A::Value>, Error> {
		let what =
			format!("{}.{} at block {}", address.pallet_name(), address.entry_name(), self.number);
		let Some(value) =
			self.at.storage().try_fetch(&address, keys).await.map_err(|e| rpc_error(&what, e))?
		else {
			return Ok(None);
		};
		value.decode_as().map(Some).map_err(|e| Error::Decode { what, reason: e.to_string() })
	}

	/// Every entry of the map at a generated storage `address`, as its keys and value.
	pub async fn fetch_all<A: Address>(
		&self,
		address: A,
	) -> Result<Vec<(A::KeyParts, A::Value)>, Error>
	where
		(): PrefixOf<A::KeyParts>,
	{
		let what =
			format!("{}.{} at block {}", address.pallet_name(), address.entry_name(), self.number);
		self.refused(address.pallet_name(), address.entry_name())?;
		let decode =
			|e: &dyn std::fmt::Display| Error::Decode { what: what.clone(), reason: e.to_string() };
		let mut stream =
			self.at.storage().iter(&address, ()).await.map_err(|e| rpc_error(&what, e))?;
		let mut entries = Vec::new();
		while let Some(next) = stream.next().await {
			let next = next.map_err(|e| rpc_error(&what, e))?;
			let keys = next.key().and_then(|key| key.decode()).map_err(|e| decode(&e))?;
			let value = next.value().decode_as().map_err(|e| decode(&e))?;
			entries.push((keys, value));
		}
		Ok(entries)
	}

	/// `call`'s name by this block's metadata, `Pallet.call`: for showing a call (a council
	/// motion's proposal) to a person.
	pub fn call_name(&self, call: &crate::Call) -> Result<String, Error> {
		let metadata = self.at.metadata_ref();
		Ok(crate::submit::call_name(metadata, &crate::submit::encode(metadata, call)?))
	}

	/// A test client refuses every storage read but the block's own facts (its events and
	/// timestamp): code that works through it needs nothing else from the chain.
	fn refused(&self, pallet: &str, entry: &str) -> Result<(), Error> {
		#[cfg(feature = "testing")]
		if self.refuse_storage {
			return Err(Error::Rpc {
				call: format!("{pallet}.{entry} at block {}", self.number),
				reason: "this test client refuses storage reads".into(),
			});
		}
		let _ = (pallet, entry);
		Ok(())
	}

	/// The block with the events `keep` keeps (`|_| true` for all of them), each decoded both
	/// typed and by name, by the metadata of the runtime that emitted it.
	pub async fn block(&self, keep: impl Fn(&Event) -> bool) -> Result<Block, Error> {
		let what = format!("block {}", self.number);
		let header = self.at.block_header().await.map_err(|e| rpc_error(&what, e))?;
		let events = self.at.events().fetch().await.map_err(|e| rpc_error(&what, e))?;
		let mut wanted = Vec::new();
		for event in events.iter() {
			let event = event.map_err(|e| Error::Decode {
				what: format!("an event of {what}"),
				reason: e.to_string(),
			})?;
			let decode = |e: &dyn std::fmt::Display| Error::Decode {
				what: format!(
					"{}.{} #{} in {what}",
					event.pallet_name(),
					event.event_name(),
					event.index()
				),
				reason: e.to_string(),
			};
			let typed = event.decode_as::<Event>().map_err(|e| decode(&e))?;
			if !keep(&typed) {
				continue;
			}
			let fields = event.decode_fields_unchecked_as::<Value>().map_err(|e| decode(&e))?;
			wanted.push(ChainEvent {
				index: event.index(),
				extrinsic: match event.phase() {
					Phase::ApplyExtrinsic(index) => Some(index),
					_ => None,
				},
				pallet: event.pallet_name().to_string(),
				name: event.event_name().to_string(),
				fields,
				event: typed,
			});
		}
		let now = crate::runtime::yinji::storage().timestamp().now();
		let timestamp_ms = self.typed(now, ()).await?.unwrap_or_default();
		Ok(Block {
			number: self.number,
			hash: self.hash,
			parent_hash: header.parent_hash,
			timestamp_ms,
			spec_version: self.at.spec_version(),
			event_count: events.len(),
			events: wanted,
		})
	}
}
