//! A connection to one yinji node.

use crate::{error::rpc_error, BlockView, Error, HeaderFacts};
use std::time::{Duration, Instant};
use subxt::{
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	config::RpcConfigFor,
	rpcs::{LegacyRpcMethods, RpcClient},
	utils::H256,
	OnlineClient, SubstrateConfig,
};

/// A connection to one node.
#[derive(Clone)]
pub struct Chain {
	pub(crate) api: OnlineClient<SubstrateConfig>,
	legacy: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	url: String,
	#[cfg(feature = "testing")]
	refuse_storage: bool,
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
		Ok(Chain {
			api,
			legacy: LegacyRpcMethods::new(rpc),
			url: url.to_string(),
			#[cfg(feature = "testing")]
			refuse_storage: false,
		})
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
		Ok(BlockView {
			at,
			number,
			hash,
			#[cfg(feature = "testing")]
			refuse_storage: self.refuse_storage,
		})
	}

	/// This client, refusing every storage read at a block but the block's own facts (its
	/// events and timestamp): for tests that show some code needs nothing else from the chain.
	#[cfg(feature = "testing")]
	pub fn refusing_storage_reads(mut self) -> Chain {
		self.refuse_storage = true;
		self
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
	pub(crate) async fn at_best(
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

	/// The runtime's metadata at the finalized head as the node encodes it: the SCALE-encoded
	/// `RuntimeMetadataPrefixed` of `version` (`None` when the runtime has no such version).
	/// `client/metadata/yinji.scale` is this at version 16.
	pub async fn metadata_bytes(&self, version: u32) -> Result<Option<Vec<u8>>, Error> {
		use subxt::ext::codec::Decode;
		let call = "Metadata_metadata_at_version";
		let hash = self.block_hash(self.finalized_number().await?).await?;
		let answer = self
			.legacy
			.state_call(call, Some(&version.to_le_bytes()), Some(hash))
			.await
			.map_err(|e| rpc_error(call, e))?;
		<Option<Vec<u8>>>::decode(&mut &answer[..])
			.map_err(|e| Error::Decode { what: call.into(), reason: e.to_string() })
	}

	/// The ayes a council motion needs to pass as a consortium decision: two thirds of the
	/// members in `Council.Members` at the finalized head, rounded up (at least one).
	pub async fn council_threshold(&self) -> Result<u32, Error> {
		let view = self.at(self.finalized_number().await?).await?;
		let members = view.fetch(crate::runtime::yinji::storage().council().members(), ()).await?;
		let count = u32::try_from(members.map_or(0, |members| members.len())).unwrap_or(u32::MAX);
		Ok(count.saturating_mul(2).div_ceil(3).max(1))
	}
}
