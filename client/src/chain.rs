//! A connection to one yinji node.

use std::time::{Duration, Instant};
use subxt::{
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	config::RpcConfigFor,
	dynamic::{self, Value},
	events::Phase,
	ext::scale_value::Composite,
	rpcs::{LegacyRpcMethods, RpcClient},
	utils::H256,
	OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

/// What can go wrong talking to the chain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The node could not be reached.
	#[error("cannot reach the node at {url}: {reason}")]
	Connect {
		/// The node's RPC URL.
		url: String,
		/// The transport's error.
		reason: String,
	},
	/// An RPC call failed (the node went away, or answered with an error).
	#[error("RPC call {call} failed: {reason}")]
	Rpc {
		/// What was asked.
		call: String,
		/// The error.
		reason: String,
	},
	/// The node does not know the block.
	#[error("block {0} is not on the node's chain")]
	UnknownBlock(u64),
	/// A value did not decode as expected.
	#[error("cannot decode {what}: {reason}")]
	Decode {
		/// The value.
		what: String,
		/// Why.
		reason: String,
	},
	/// A submitted extrinsic was rejected or failed on chain.
	#[error("{call} failed: {reason}")]
	Extrinsic {
		/// `Pallet.call`.
		call: String,
		/// The pool's or the runtime's error.
		reason: String,
	},
}

fn rpc_error(call: &str, error: impl std::fmt::Display) -> Error {
	Error::Rpc { call: call.to_string(), reason: error.to_string() }
}

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
	at: ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>,
	number: u64,
	hash: H256,
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

	/// Reads `pallet.entry(keys)`; `None` when the entry has no value.
	pub async fn storage(
		&self,
		pallet: &str,
		entry: &str,
		keys: Vec<Value>,
	) -> Result<Option<Value>, Error> {
		let what = format!("{pallet}.{entry} at block {}", self.number);
		let address = dynamic::storage::<Vec<Value>, Value>(pallet, entry);
		let Some(value) =
			self.at.storage().try_fetch(address, keys).await.map_err(|e| rpc_error(&what, e))?
		else {
			return Ok(None);
		};
		value.decode().map(Some).map_err(|e| Error::Decode { what, reason: e.to_string() })
	}

	/// Every entry of the map `pallet.entry`, as its decoded keys and value.
	pub async fn entries(
		&self,
		pallet: &str,
		entry: &str,
	) -> Result<Vec<(Vec<Value>, Value)>, Error> {
		let what = format!("{pallet}.{entry} at block {}", self.number);
		let decode =
			|e: &dyn std::fmt::Display| Error::Decode { what: what.clone(), reason: e.to_string() };
		let address = dynamic::storage::<Vec<Value>, Value>(pallet, entry);
		let mut stream = self
			.at
			.storage()
			.iter(address, Vec::<Value>::new())
			.await
			.map_err(|e| rpc_error(&what, e))?;
		let mut entries = Vec::new();
		while let Some(next) = stream.next().await {
			let next = next.map_err(|e| rpc_error(&what, e))?;
			let keys = next.key().and_then(|key| key.decode()).map_err(|e| decode(&e))?;
			let value = next.value().decode().map_err(|e| decode(&e))?;
			entries.push((keys, value));
		}
		Ok(entries)
	}

	/// The block with its events from `pallets` (every pallet when empty).
	pub async fn block(&self, pallets: &[&str]) -> Result<Block, Error> {
		let what = format!("block {}", self.number);
		let header = self.at.block_header().await.map_err(|e| rpc_error(&what, e))?;
		let events = self.at.events().fetch().await.map_err(|e| rpc_error(&what, e))?;
		let mut wanted = Vec::new();
		for event in events.iter() {
			let event = event.map_err(|e| Error::Decode {
				what: format!("an event of {what}"),
				reason: e.to_string(),
			})?;
			if !pallets.is_empty() && !pallets.contains(&event.pallet_name()) {
				continue;
			}
			let fields =
				event.decode_fields_unchecked_as::<Value>().map_err(|e| Error::Decode {
					what: format!(
						"{}.{} #{} in {what}",
						event.pallet_name(),
						event.event_name(),
						event.index()
					),
					reason: e.to_string(),
				})?;
			wanted.push(ChainEvent {
				index: event.index(),
				extrinsic: match event.phase() {
					Phase::ApplyExtrinsic(index) => Some(index),
					_ => None,
				},
				pallet: event.pallet_name().to_string(),
				name: event.event_name().to_string(),
				fields,
			});
		}
		let now = self.storage("Timestamp", "Now", vec![]).await?;
		let timestamp_ms = now
			.as_ref()
			.and_then(|value| value.as_u128())
			.and_then(|ms| u64::try_from(ms).ok())
			.unwrap_or_default();
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

/// The events of a finalized extrinsic.
#[derive(Clone, Debug)]
pub struct Submitted {
	/// The extrinsic's hash.
	pub extrinsic_hash: H256,
	/// Its index in the block.
	pub extrinsic_index: usize,
	/// Its events: pallet, event name, fields.
	pub events: Vec<(String, String, Value)>,
}

impl Submitted {
	/// The fields of its first `pallet.name` event.
	pub fn event(&self, pallet: &str, name: &str) -> Option<&Value> {
		self.events.iter().find(|(p, n, _)| p == pallet && n == name).map(|(_, _, fields)| fields)
	}
}

/// A transaction prepared for a signer outside this process (a user's own wallet): the exact
/// bytes to sign, and what is needed to rebuild the same transaction when the signature comes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
	/// The SCALE call data (pallet index, call index, arguments).
	pub call_data: Vec<u8>,
	/// The signer's account.
	pub account: [u8; 32],
	/// The signer's nonce.
	pub nonce: u64,
	/// The finalized block the transaction's mortality starts at.
	pub block_number: u64,
	/// Its hash.
	pub block_hash: H256,
	/// The bytes to sign.
	pub signer_payload: Vec<u8>,
}

/// How long a prepared transaction stays valid, in blocks.
pub const PREPARED_MORTALITY: u64 = 64;

/// A connection to one node.
#[derive(Clone)]
pub struct Chain {
	api: OnlineClient<SubstrateConfig>,
	legacy: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	url: String,
}

impl Chain {
	/// Connects to the node at `url` (`ws://…`), once.
	pub async fn connect(url: &str) -> Result<Chain, Error> {
		let connect_error = |e: &dyn std::fmt::Display| Error::Connect {
			url: url.to_string(),
			reason: e.to_string(),
		};
		let rpc = RpcClient::from_insecure_url(url).await.map_err(|e| connect_error(&e))?;
		let api = OnlineClient::<SubstrateConfig>::from_rpc_client(rpc.clone())
			.await
			.map_err(|e| connect_error(&e))?;
		Ok(Chain { api, legacy: LegacyRpcMethods::new(rpc), url: url.to_string() })
	}

	/// Connects to the node at `url`, retrying with exponential backoff (250 ms doubling to
	/// 8 s) until `limit` has passed; returns the last error then.
	pub async fn connect_with_backoff(url: &str, limit: Duration) -> Result<Chain, Error> {
		let deadline = Instant::now() + limit;
		let mut delay = Duration::from_millis(250);
		loop {
			match Chain::connect(url).await {
				Ok(chain) => return Ok(chain),
				Err(error) if Instant::now() + delay > deadline => return Err(error),
				Err(error) => {
					tracing::debug!(%error, ?delay, "node not reachable yet");
					tokio::time::sleep(delay).await;
					delay = (delay * 2).min(Duration::from_secs(8));
				}
			}
		}
	}

	/// The node's RPC URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The subxt client, for what this crate does not wrap.
	pub fn api(&self) -> &OnlineClient<SubstrateConfig> {
		&self.api
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> H256 {
		self.api.genesis_hash()
	}

	/// The number of the latest finalized block.
	pub async fn finalized_number(&self) -> Result<u64, Error> {
		let hash = self
			.legacy
			.chain_get_finalized_head()
			.await
			.map_err(|e| rpc_error("chain_getFinalizedHead", e))?;
		let header = self
			.legacy
			.chain_get_header(Some(hash))
			.await
			.map_err(|e| rpc_error("chain_getHeader", e))?
			.ok_or_else(|| rpc_error("chain_getHeader", "the finalized head has no header"))?;
		Ok(header.number)
	}

	/// The hash of block `number` of the node's best chain (final once `number` is finalized).
	pub async fn block_hash(&self, number: u64) -> Result<H256, Error> {
		self.legacy
			.chain_get_block_hash(Some(number.into()))
			.await
			.map_err(|e| rpc_error("chain_getBlockHash", e))?
			.ok_or(Error::UnknownBlock(number))
	}

	/// Block `number`'s hash with its header's parent hash and state root (what a checkpoint of
	/// the block records and a verifier links through).
	pub async fn header(&self, number: u64) -> Result<HeaderFacts, Error> {
		let hash = self.block_hash(number).await?;
		let header = self
			.legacy
			.chain_get_header(Some(hash))
			.await
			.map_err(|e| rpc_error("chain_getHeader", e))?
			.ok_or(Error::UnknownBlock(number))?;
		Ok(HeaderFacts {
			number,
			hash,
			parent_hash: header.parent_hash,
			state_root: header.state_root,
		})
	}

	/// A view of the state at block `number`, decoding with the metadata of the runtime
	/// version in force at that block (subxt keeps one metadata per `spec_version`).
	pub async fn at(&self, number: u64) -> Result<BlockView, Error> {
		let hash = self.block_hash(number).await?;
		let at = self
			.api
			.at_block_hash_and_number(hash, number)
			.await
			.map_err(|e| rpc_error(&format!("metadata at block {number}"), e))?;
		Ok(BlockView { at, number, hash })
	}

	/// Waits for the next finalized head announced by the node (a subscription, not a poll);
	/// returns its number.
	pub async fn next_finalized(&self) -> Result<u64, Error> {
		let mut heads = self
			.legacy
			.chain_subscribe_finalized_heads()
			.await
			.map_err(|e| rpc_error("chain_subscribeFinalizedHeads", e))?;
		match heads.next().await {
			Some(Ok(header)) => Ok(header.number),
			Some(Err(e)) => Err(rpc_error("chain_subscribeFinalizedHeads", e)),
			None => Err(rpc_error("chain_subscribeFinalizedHeads", "the subscription ended")),
		}
	}

	/// A client at the best block. The node names its best block, then serves its header; a
	/// block the node has just replaced as best can be gone in between ("cannot find the block
	/// header"), so a failed attempt is retried twice on the then best block.
	async fn at_best(
		&self,
	) -> Result<
		ClientAtBlock<SubstrateConfig, OnlineClientAtBlockImpl<SubstrateConfig>>,
		subxt::error::OnlineClientAtBlockError,
	> {
		let mut attempt = 0;
		loop {
			match self.api.at_current_block().await {
				Err(error) if attempt < 2 => {
					attempt += 1;
					tracing::debug!(%error, "the best block moved on; asking again");
				}
				outcome => return outcome,
			}
		}
	}

	/// The ayes a council motion needs to pass as a consortium decision: two thirds of the
	/// members in `Council.Members` at the finalized head, rounded up (at least one).
	pub async fn council_threshold(&self) -> Result<u32, Error> {
		let view = self.at(self.finalized_number().await?).await?;
		let members = view.storage("Council", "Members", vec![]).await?;
		let count = match members.map(|members| members.value) {
			Some(subxt::ext::scale_value::ValueDef::Composite(members)) => members.len(),
			_ => 0,
		};
		let count = u32::try_from(count).unwrap_or(u32::MAX);
		Ok(count.saturating_mul(2).div_ceil(3).max(1))
	}

	/// Signs `pallet.call(args)` with `signer`, submits it, waits until its block is finalized
	/// and returns its events; a rejected or failed extrinsic is an [`Error::Extrinsic`].
	pub async fn submit(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		signer: &Keypair,
	) -> Result<Submitted, Error> {
		self.submit_payload(&dynamic::tx(pallet, call, Composite::unnamed(args)), signer, None)
			.await
	}

	/// [`Chain::submit`] with the transaction's `nonce` given, so that one account may have
	/// several transactions in flight (the chain load benchmark does).
	pub async fn submit_with_nonce(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		signer: &Keypair,
		nonce: u64,
	) -> Result<Submitted, Error> {
		let payload = dynamic::tx(pallet, call, Composite::unnamed(args));
		self.submit_payload(&payload, signer, Some(nonce)).await
	}

	/// The next nonce of `account` at the best block.
	pub async fn nonce(&self, account: [u8; 32]) -> Result<u64, Error> {
		let at = self.at_best().await.map_err(|e| rpc_error("account nonce", e))?;
		at.tx().account_nonce(&account.into()).await.map_err(|e| rpc_error("account nonce", e))
	}

	/// Submits `pallet.call(args)` through `Sudo.sudo` (development chains only).
	pub async fn sudo(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		signer: &Keypair,
	) -> Result<Submitted, Error> {
		let inner = dynamic::tx(pallet, call, Composite::unnamed(args)).into_value();
		let submitted = self.submit("Sudo", "sudo", vec![inner], signer).await?;
		let result = submitted.event("Sudo", "Sudid").map(|fields| format!("{fields:?}"));
		match result {
			Some(result) if result.contains("Ok") => Ok(submitted),
			other => Err(Error::Extrinsic {
				call: format!("sudo {pallet}.{call}"),
				reason: other.unwrap_or_else(|| "no Sudid event".into()),
			}),
		}
	}

	/// `pallet.call(args)` as a value to nest in another call (a council motion's proposal), with
	/// the length of its encoding (the motion's length bound).
	pub async fn nested_call(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
	) -> Result<(Value, u32), Error> {
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: format!("{pallet}.{call}"),
			reason: e.to_string(),
		};
		let payload = dynamic::tx(pallet, call, Composite::unnamed(args));
		let at = self.at_best().await.map_err(|e| failed(&e))?;
		let length = at.tx().call_data(&payload).map_err(|e| failed(&e))?.len();
		let length = u32::try_from(length).map_err(|e| failed(&e))?;
		Ok((payload.into_value(), length))
	}

	/// `calls` (each `(pallet, call, args)`) as the one argument of `Utility.batch_all`.
	pub fn batch_argument<'a>(
		calls: impl IntoIterator<Item = (&'a str, &'a str, Vec<Value>)>,
	) -> Value {
		Value::unnamed_composite(calls.into_iter().map(|(pallet, call, args)| {
			dynamic::tx(pallet, call, Composite::unnamed(args)).into_value()
		}))
	}

	/// Submits `calls` (each `(pallet, call, args)`) as one `Utility.batch_all`.
	pub async fn batch(
		&self,
		calls: Vec<(&str, &str, Vec<Value>)>,
		signer: &Keypair,
	) -> Result<Submitted, Error> {
		self.submit("Utility", "batch_all", vec![Self::batch_argument(calls)], signer).await
	}

	/// Prepares `pallet.call(args)` for `account` to sign elsewhere: its nonce and a mortality of
	/// [`PREPARED_MORTALITY`] blocks from the finalized head are fixed now.
	pub async fn prepare(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		account: [u8; 32],
	) -> Result<Prepared, Error> {
		let name = format!("{pallet}.{call}");
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: name.clone(),
			reason: e.to_string(),
		};
		let at = self.at_best().await.map_err(|e| failed(&e))?;
		let payload = dynamic::tx(pallet, call, Composite::unnamed(args));
		let call_data = at.tx().call_data(&payload).map_err(|e| failed(&e))?;
		let nonce = at.tx().account_nonce(&account.into()).await.map_err(|e| failed(&e))?;
		let (block_number, block_hash) = (at.block_number(), at.block_hash());
		let signable = at
			.tx()
			.create_signable_offline(&payload, params(nonce, block_number, block_hash))
			.map_err(|e| failed(&e))?;
		let signer_payload = signable.signer_payload().map_err(|e| failed(&e))?;
		Ok(Prepared { call_data, account, nonce, block_number, block_hash, signer_payload })
	}

	/// Submits `prepared` with the sr25519 `signature` its account made over its signer payload,
	/// and waits until it is finalized. The transaction is rebuilt from what `prepared` holds
	/// and must give the same signer payload.
	pub async fn submit_prepared(
		&self,
		prepared: &Prepared,
		signature: [u8; 64],
	) -> Result<Submitted, Error> {
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: "a prepared transaction".into(),
			reason: e.to_string(),
		};
		let at = self
			.api
			.at_block_hash_and_number(prepared.block_hash, prepared.block_number)
			.await
			.map_err(|e| failed(&e))?;
		let payload = at.tx().from_call_data_bytes(&prepared.call_data).map_err(|e| failed(&e))?;
		let params = params(prepared.nonce, prepared.block_number, prepared.block_hash);
		let mut signable =
			at.tx().create_signable_offline(&payload, params).map_err(|e| failed(&e))?;
		if signable.signer_payload().map_err(|e| failed(&e))? != prepared.signer_payload {
			return Err(failed(&"the rebuilt transaction differs from the prepared one"));
		}
		let signature = subxt::utils::MultiSignature::Sr25519(signature);
		let submittable = signable
			.sign_with_account_and_signature(&prepared.account.into(), &signature)
			.map_err(|e| failed(&e))?;
		let in_block = submittable
			.submit_and_watch()
			.await
			.map_err(|e| failed(&e))?
			.wait_for_finalized()
			.await
			.map_err(|e| failed(&e))?;
		let events = events_of(&in_block).await.map_err(|e| failed(&e))?;
		submitted(&events).map_err(|e| failed(&e))
	}

	async fn submit_payload(
		&self,
		payload: &subxt::tx::DynamicPayload<Composite<()>>,
		signer: &Keypair,
		nonce: Option<u64>,
	) -> Result<Submitted, Error> {
		let name = format!("{}.{}", payload.pallet_name(), payload.call_name());
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: name.clone(),
			reason: e.to_string(),
		};
		let at = self.at_best().await.map_err(|e| failed(&e))?;
		let mut tx = at.tx();
		let progress = match nonce {
			None => tx.sign_and_submit_then_watch_default(payload, signer).await,
			Some(nonce) => {
				let params = params(nonce, at.block_number(), at.block_hash());
				tx.sign_and_submit_then_watch(payload, signer, params).await
			}
		};
		let in_block =
			progress.map_err(|e| failed(&e))?.wait_for_finalized().await.map_err(|e| failed(&e))?;
		let events = events_of(&in_block).await.map_err(|e| failed(&e))?;
		submitted(&events).map_err(|e| failed(&e))
	}
}

/// The events of a finalized transaction, or its dispatch error. The node announces the block
/// as finalized before every RPC method can serve its header: a fast node answers the header
/// request that follows with "not found" now and then (seen on release nodes under load). So
/// a block not found yet is asked for again, five times at most, 100 ms apart and doubling.
async fn events_of(
	in_block: &subxt::transactions::TransactionInBlock<
		SubstrateConfig,
		OnlineClientAtBlockImpl<SubstrateConfig>,
	>,
) -> Result<subxt::extrinsics::ExtrinsicEvents<SubstrateConfig>, subxt::error::TransactionEventsError>
{
	use subxt::error::{OnlineClientAtBlockError, TransactionEventsError};
	let mut delay = Duration::from_millis(100);
	let mut attempt = 0;
	loop {
		match in_block.wait_for_success().await {
			Err(
				TransactionEventsError::CannotInstantiateClientAtBlock(
					OnlineClientAtBlockError::BlockHeaderNotFound { .. },
				)
				| TransactionEventsError::BlockNotFound { .. },
			) if attempt < 5 => {
				attempt += 1;
				tracing::debug!(attempt, "the finalized block is not served yet; asking again");
				tokio::time::sleep(delay).await;
				delay *= 2;
			}
			outcome => return outcome,
		}
	}
}

fn params(
	nonce: u64,
	block_number: u64,
	block_hash: H256,
) -> <<SubstrateConfig as subxt::Config>::TransactionExtensions as subxt::config::TransactionExtensions<SubstrateConfig>>::Params{
	subxt::config::SubstrateExtrinsicParamsBuilder::new()
		.nonce(nonce)
		.mortal_from_unchecked(PREPARED_MORTALITY, block_number, block_hash)
		.build()
}

/// The decoded events of a finalized extrinsic; the error is the decoder's message.
fn submitted(
	events: &subxt::extrinsics::ExtrinsicEvents<SubstrateConfig>,
) -> Result<Submitted, String> {
	let mut decoded = Vec::new();
	for event in events.iter() {
		let event = event.map_err(|e| e.to_string())?;
		let fields = event.decode_fields_unchecked_as::<Value>().map_err(|e| e.to_string())?;
		decoded.push((event.pallet_name().to_string(), event.event_name().to_string(), fields));
	}
	Ok(Submitted {
		extrinsic_hash: events.extrinsic_hash(),
		extrinsic_index: events.extrinsic_index(),
		events: decoded,
	})
}
