//! Talking to a test network with subxt: connect, read heights and storage, submit signed
//! extrinsics and wait for finality, pass council motions.

use crate::harness::{eventually, Node};
use std::time::Duration;
use subxt::{
	config::RpcConfigFor,
	dynamic::{self, At, Value},
	ext::scale_value::Composite,
	rpcs::{client::rpc_params, LegacyRpcMethods, RpcClient},
	utils::{AccountId32, H256},
	OnlineClient, SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

/// One node's clients.
pub struct Chain {
	/// The subxt client.
	pub api: OnlineClient<SubstrateConfig>,
	/// Raw RPC.
	pub rpc: RpcClient,
	/// The legacy RPC methods.
	pub legacy: LegacyRpcMethods<RpcConfigFor<SubstrateConfig>>,
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
	Chain { api, rpc, legacy }
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
	pub async fn submit(
		&self,
		pallet: &str,
		call: &str,
		args: Vec<Value>,
		signer: &Keypair,
	) -> subxt::extrinsics::ExtrinsicEvents<SubstrateConfig> {
		let payload = dynamic::tx(pallet, call, args);
		let at = self.api.at_current_block().await.expect("a finalized block");
		at.tx()
			.sign_and_submit_then_watch_default(&payload, signer)
			.await
			.unwrap_or_else(|e| panic!("{pallet}.{call} is accepted: {e}"))
			.wait_for_finalized_success()
			.await
			.unwrap_or_else(|e| panic!("{pallet}.{call} succeeds: {e}"))
	}

	/// Passes `pallet.call(args)` as a council motion: `members[0]` proposes with a threshold
	/// of all of `members`, each of them votes aye, the proposer closes it. Asserts it executed
	/// successfully.
	pub async fn council_motion(
		&self,
		members: &[Keypair],
		pallet: &str,
		call: &str,
		args: Vec<(&str, Value)>,
	) {
		let inner = dynamic::tx(
			pallet,
			call,
			Composite::named(args.into_iter().map(|(n, v)| (n.to_string(), v))),
		);
		let at = self.api.at_current_block().await.expect("a finalized block");
		let length = at
			.tx()
			.call_data(&inner)
			.unwrap_or_else(|e| panic!("{pallet}.{call} encodes: {e}"))
			.len() as u128;
		let threshold = members.len() as u128;
		let events = self
			.submit(
				"Council",
				"propose",
				vec![Value::u128(threshold), inner.into_value(), Value::u128(length)],
				&members[0],
			)
			.await;
		let proposed =
			event_fields(&events, "Council", "Proposed").expect("the motion was proposed");
		let index = field_u128(&proposed, "proposal_index");
		let hash = proposed.at("proposal_hash").cloned().expect("the motion has a hash");
		// The proposer's aye is not implied: every member votes, the proposer too.
		for member in members {
			self.submit(
				"Council",
				"vote",
				vec![hash.clone(), Value::u128(index), Value::bool(true)],
				member,
			)
			.await;
		}
		let weight = Value::named_composite([
			("ref_time", Value::u128(100_000_000_000)),
			("proof_size", Value::u128(100_000)),
		]);
		let events = self
			.submit(
				"Council",
				"close",
				vec![hash, Value::u128(index), weight, Value::u128(length)],
				&members[0],
			)
			.await;
		let executed = event_fields(&events, "Council", "Executed").expect("the motion executed");
		let result = format!("{:?}", executed.at("result"));
		assert!(result.contains("Ok"), "{pallet}.{call} by council failed: {result}");
	}

	/// A raw RPC call with one parameter.
	pub async fn raw_with<T: serde::de::DeserializeOwned>(&self, method: &str, param: String) -> T {
		self.rpc
			.request(method, rpc_params![param])
			.await
			.unwrap_or_else(|e| panic!("{method}: {e}"))
	}
}

/// The fields of the first `pallet.event` in `events`.
pub fn event_fields(
	events: &subxt::extrinsics::ExtrinsicEvents<SubstrateConfig>,
	pallet: &str,
	event: &str,
) -> Option<Value> {
	events.iter().filter_map(Result::ok).find_map(|e| {
		(e.pallet_name() == pallet && e.event_name() == event)
			.then(|| e.decode_fields_unchecked_as::<Value>().ok())
			.flatten()
	})
}

/// A named unsigned-integer field of a decoded value.
pub fn field_u128(value: &Value, name: &str) -> u128 {
	value.at(name).and_then(|v| v.as_u128()).unwrap_or_else(|| panic!("field {name} in {value:?}"))
}

/// An account as a call argument.
pub fn account(who: &Keypair) -> Value {
	Value::from_bytes(who.public_key().0)
}

/// The account id of a key pair.
pub fn account_id(who: &Keypair) -> AccountId32 {
	who.public_key().to_account_id()
}
