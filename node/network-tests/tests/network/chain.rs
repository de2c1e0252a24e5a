//! Talking to a test network: connect, read heights, submit signed calls and wait for finality,
//! pass council motions.

use crate::harness::{eventually, Node};
use std::time::Duration;
use subxt::{
	config::RpcConfigFor,
	rpcs::{client::rpc_params, LegacyRpcMethods, RpcClient},
	utils::{AccountId32, H256},
	OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;
use yinji_client::{calls, runtime::yinji, Call, Event, Submitted};

/// One node's clients.
pub struct Chain {
	/// The subxt client.
	pub api: OnlineClient<SubstrateConfig>,
	/// Raw RPC.
	pub rpc: RpcClient,
	/// The legacy RPC methods.
	pub legacy: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
	/// The chain client the services use, for typed calls.
	pub client: yinji_client::Chain,
}

/// Connects to `node`, waiting up to two minutes for its RPC server.
pub async fn connect(node: &Node) -> Chain {
	let url = node.url();
	let log = node.log();
	let rpc = eventually(
		&format!("the RPC server of {url} (log: {})", log.display()),
		Duration::from_secs(120),
		|| {
			let url = url.clone();
			async move { RpcClient::from_insecure_url(&url).await.ok() }
		},
	)
	.await;
	let api = OnlineClient::<SubstrateConfig>::from_rpc_client(rpc.clone())
		.await
		.expect("subxt reads the node's metadata");
	let legacy = LegacyRpcMethods::new(rpc.clone());
	let client = yinji_client::Chain::connect(&url).await.expect("the chain client connects");
	Chain { api, rpc, legacy, client }
}

impl Chain {
	/// The best block number.
	pub async fn best(&self) -> u64 {
		self.legacy.chain_get_header(None).await.ok().flatten().map_or(0, |header| header.number)
	}

	/// The finalized block number.
	pub async fn finalized(&self) -> u64 {
		let Ok(hash) = self.legacy.chain_get_finalized_head().await else { return 0 };
		self.legacy
			.chain_get_header(Some(hash))
			.await
			.ok()
			.flatten()
			.map_or(0, |header| header.number)
	}

	/// The hash of block `number` on this node's best chain.
	pub async fn block_hash(&self, number: u64) -> Option<H256> {
		self.legacy.chain_get_block_hash(Some(number.into())).await.ok().flatten()
	}

	/// How many peers the node is connected to.
	pub async fn peers(&self) -> usize {
		self.legacy.system_health().await.map_or(0, |health| health.peers)
	}

	/// Waits until the finalized block number is at least `number`.
	pub async fn wait_finalized(&self, number: u64, limit: Duration) -> u64 {
		eventually(&format!("block {number} finalized"), limit, || async move {
			let finalized = self.finalized().await;
			(finalized >= number).then_some(finalized)
		})
		.await
	}

	/// Waits until the best block number is at least `number`.
	pub async fn wait_best(&self, number: u64, limit: Duration) -> u64 {
		eventually(&format!("block {number} imported"), limit, || async move {
			let best = self.best().await;
			(best >= number).then_some(best)
		})
		.await
	}

	/// Signs `call` with `signer`, submits it and waits until it is finalized and succeeded;
	/// returns its events.
	pub async fn submit(&self, call: Call, signer: &Keypair) -> Submitted {
		self.client.submit_call(&call, signer).await.unwrap_or_else(|e| panic!("{call:?}: {e}"))
	}

	/// Passes `proposal` as a council motion: `members[0]` proposes with a threshold of all of
	/// `members`, each of them votes aye, the proposer closes it. Asserts it executed
	/// successfully.
	pub async fn council_motion(&self, members: &[Keypair], proposal: Call) {
		let what = format!("{proposal:?}");
		let length = self.client.call_data(&proposal).await.expect("the proposal encodes").len();
		let threshold = members.len() as u32;
		let propose = calls::consortium::propose(threshold, proposal, length as u32);
		let (index, hash) = self
			.submit(propose, &members[0])
			.await
			.find(|event| match event {
				Event::Council(yinji::council::Event::Proposed {
					proposal_index,
					proposal_hash,
					..
				}) => Some((*proposal_index, *proposal_hash)),
				_ => None,
			})
			.expect("the motion was proposed");
		// The proposer's aye is not implied: every member votes, the proposer too.
		for member in members {
			self.submit(calls::consortium::vote(hash, index, true), member).await;
		}
		let closed = self.submit(calls::consortium::close(hash, index), &members[0]).await;
		let result = closed.motion_outcome().expect("the motion executed");
		assert!(result.is_ok(), "{what} by council failed: {result:?}");
	}

	/// A raw RPC call with one parameter.
	pub async fn raw_with<T: serde::de::DeserializeOwned>(&self, method: &str, param: String) -> T {
		self.rpc
			.request(method, rpc_params![param])
			.await
			.unwrap_or_else(|e| panic!("{method}: {e}"))
	}
}

/// The account id of a key pair.
pub fn account_id(who: &Keypair) -> AccountId32 {
	who.public_key().to_account_id()
}
