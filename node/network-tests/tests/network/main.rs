//! The consortium network on this machine: real `yinji-node` processes on loopback ports,
//! driven with real signed extrinsics through subxt. Each test starts its own network; run
//! them one at a time (`--test-threads=1`).

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, clippy::redundant_guards)]

mod chain;
mod harness;

use chain::{account_id, connect, Chain};
use harness::{eventually, Node, PEER_IDS};
use std::{collections::BTreeSet, time::Duration};
use subxt::{config::substrate::DigestItem, ext::codec::Decode};
use subxt_signer::sr25519::{dev, Keypair};
use yinji_client::{
	calls::{
		self, collectibles::NewCollection, works::Registration, CollectionKind, TransferPolicy,
		WorkKind,
	},
	runtime::yinji,
	Event,
};

const MINUTE: Duration = Duration::from_secs(60);

/// A four-institution network of `--chain local`, and a client of Alice's node.
async fn local_network(root: &std::path::Path) -> (Vec<Node>, Chain) {
	let nodes = harness::local_network(root);
	let chain = connect(&nodes[0]).await;
	(nodes, chain)
}

/// The four institutions' keys.
fn members() -> Vec<Keypair> {
	vec![dev::alice(), dev::bob(), dev::charlie(), dev::dave()]
}

/// The Aura author key of the block with `hash`: the authority at `slot % authorities` of its
/// parent's authority set.
async fn author(chain: &Chain, hash: subxt::utils::H256) -> Option<[u8; 32]> {
	let header = chain.legacy.chain_get_header(Some(hash)).await.ok().flatten()?;
	let slot = header.digest.logs.iter().find_map(|log| match log {
		DigestItem::PreRuntime(engine, data) if engine == b"aura" => {
			u64::decode(&mut &data[..]).ok()
		}
		_ => None,
	})?;
	let parent = chain.api.at_block(header.parent_hash).await.ok()?;
	let authorities = parent
		.storage()
		.fetch(yinji::storage().aura().authorities(), ())
		.await
		.ok()?
		.decode()
		.ok()?;
	authorities.get((slot % authorities.len() as u64) as usize).map(|authority| authority.0)
}

/// Scenario 1: four validators produce and finalize blocks, and every one of them authors.
#[tokio::test]
async fn four_validators_produce_and_finalize_blocks() {
	let root = test_dir();
	let (nodes, alice) = local_network(root.path()).await;
	alice.wait_finalized(8, 3 * MINUTE).await;
	let mut authors = BTreeSet::new();
	for number in 1..=8 {
		let hash = alice.block_hash(number).await.expect("a finalized block has a hash");
		authors.insert(author(&alice, hash).await.expect("every block names its Aura slot"));
	}
	assert_eq!(authors.len(), 4, "all four validators authored among blocks 1..=8");
	for node in &nodes[1..] {
		let chain = connect(node).await;
		let finalized = chain.wait_finalized(8, MINUTE).await;
		assert_eq!(chain.block_hash(8).await, alice.block_hash(8).await, "the nodes agree");
		assert!(finalized <= chain.best().await);
		assert_eq!(chain.peers().await, 3, "each node sees the three others");
	}
}

/// Scenario 2: register a work, mint, list and buy through real signed extrinsics; the sale
/// settles on the finalized chain with the royalty paid.
#[tokio::test]
async fn register_mint_list_buy_settles_on_the_network() {
	let root = test_dir();
	let (_nodes, chain) = local_network(root.path()).await;
	chain.wait_finalized(1, 3 * MINUTE).await;
	let (museum, creator, collector, buyer) =
		(dev::alice(), dev::bob(), dev::charlie(), dev::dave());

	// The museum (a member institution) attests the creator.
	chain.submit(calls::works::attest_creator(account_id(&creator), 2, 1_000_000), &museum).await;
	let work = Registration::original(
		[7u8; 32],
		b"bafkreiexamplemetadatacid".to_vec(),
		WorkKind::Image,
		account_id(&creator),
	);
	let work = chain
		.submit(calls::works::register(work), &creator)
		.await
		.registered_work()
		.expect("registered");
	let collection = NewCollection {
		work,
		kind: CollectionKind::DigitalCollectible,
		max_supply: 100,
		metadata: b"bafkreiexamplecollection".to_vec(),
		royalty: 1_000,
		policy: TransferPolicy::SettlementOnly,
		min_holder_kyc: 0,
	};
	chain.submit(calls::collectibles::create_collection(collection), &creator).await;
	chain.submit(calls::collectibles::mint(0, account_id(&collector), 1), &creator).await;
	let price: u128 = 10 * 1_000_000_000_000;
	let list = calls::marketplace::list((0, 1), calls::native(), price, 1_000_000, None);
	chain.submit(list, &collector).await;
	let buy = calls::marketplace::buy((0, 1), calls::native(), price, 0);
	let (gross, fee, seller_proceeds, royalties) = chain
		.submit(buy, &buyer)
		.await
		.find(|event| match event {
			Event::Marketplace(yinji::marketplace::Event::Settled {
				gross,
				fee,
				seller_proceeds,
				royalties,
				..
			}) => Some((*gross, *fee, *seller_proceeds, royalties.clone())),
			_ => None,
		})
		.expect("the sale settled");
	assert_eq!(gross, price);
	// No platform fee at genesis; a 10 % royalty to the creator; the rest to the collector.
	assert_eq!(fee, 0);
	assert_eq!(seller_proceeds, price - price / 10);
	assert!(
		royalties.iter().any(|(_, paid)| *paid == price / 10),
		"royalty of a tenth: {royalties:?}"
	);

	let at = chain.api.at_current_block().await.expect("a finalized block");
	let item = at
		.storage()
		.fetch(yinji::storage().collectibles().items(), (0, 1))
		.await
		.expect("the item exists")
		.decode()
		.expect("the item decodes");
	assert_eq!(item.owner, account_id(&buyer), "the buyer owns the item");
	assert_eq!(item.nonce, 1, "one change of owner");
}

/// Scenario 3: with one validator down finality continues; with two down blocks continue but
/// finality stalls; with both back it resumes within a minute and nothing finalized is lost.
#[tokio::test]
async fn finality_survives_one_validator_down_and_resumes_when_two_return() {
	let root = test_dir();
	let (mut nodes, alice) = local_network(root.path()).await;
	let before = alice.wait_finalized(4, 3 * MINUTE).await;
	let finalized_hash = alice.block_hash(before).await;

	nodes[3].kill();
	let with_three = alice.finalized().await;
	alice.wait_finalized(with_three + 4, 2 * MINUTE).await;

	nodes[2].kill();
	// Let in-flight GRANDPA rounds settle, then watch the chain grow without finality.
	let best = alice.wait_best(alice.best().await + 2, MINUTE).await;
	let stalled = alice.finalized().await;
	alice.wait_best(best + 6, 2 * MINUTE).await;
	let still = alice.finalized().await;
	assert!(
		still <= stalled + 1,
		"finality went on with two of four validators: {stalled} -> {still}"
	);
	assert!(alice.best().await >= still + 6, "blocks keep coming without finality");

	let resumed_from = alice.best().await;
	nodes[2].restart();
	nodes[3].restart();
	alice.wait_finalized(resumed_from, MINUTE).await;
	assert_eq!(alice.block_hash(before).await, finalized_hash, "finalized history is kept");
	let charlie = connect(&nodes[2]).await;
	charlie.wait_finalized(resumed_from, MINUTE).await;
	assert_eq!(charlie.block_hash(before).await, finalized_hash, "the restarted node kept it too");
}

/// Passes the council motion that allow-lists node `index`, owned by `owner`.
async fn allow_node(chain: &Chain, index: usize, owner: &Keypair) {
	let add = calls::consortium::add_node(peer_id_bytes(index), account_id(owner));
	chain.council_motion(&members()[..3], add).await;
}

/// The peer id of test node `index` as bytes (base58-decoded).
fn peer_id_bytes(index: usize) -> Vec<u8> {
	const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
	let mut bytes: Vec<u8> = Vec::new();
	for c in PEER_IDS[index].bytes() {
		let mut carry = ALPHABET.iter().position(|a| *a == c).expect("a base58 digit") as u32;
		for byte in bytes.iter_mut().rev() {
			carry += u32::from(*byte) * 58;
			*byte = (carry & 0xff) as u8;
			carry >>= 8;
		}
		while carry > 0 {
			bytes.insert(0, (carry & 0xff) as u8);
			carry >>= 8;
		}
	}
	// Each leading '1' stands for a leading zero byte (the identity multihash starts with one).
	let zeros = PEER_IDS[index].bytes().take_while(|c| *c == b'1').count();
	[vec![0u8; zeros], bytes].concat()
}

/// Scenario 4: a node whose peer id is not allow-listed does not sync; once the members vote
/// it in, it does.
#[tokio::test]
async fn an_unlisted_node_syncs_only_after_the_members_allow_it() {
	let root = test_dir();
	let (nodes, alice) = local_network(root.path()).await;
	alice.wait_finalized(2, 3 * MINUTE).await;
	let boot: Vec<String> = nodes.iter().map(Node::multiaddr).collect();
	let ferdie_node = Node::start(root.path(), 5, "local", &boot, false);
	let ferdie = &connect(&ferdie_node).await;
	let alice = &alice;

	// While the network grows by eight blocks, Ferdie's node gets nothing.
	let now = alice.best().await;
	alice.wait_best(now + 8, 2 * MINUTE).await;
	assert_eq!(ferdie.best().await, 0, "an unlisted node synced");

	allow_node(alice, 5, &dev::ferdie()).await;
	let target = alice.best().await;
	eventually("the allow-listed node to sync", 3 * MINUTE, || async move {
		(ferdie.best().await >= target).then_some(())
	})
	.await;
}

/// Scenario 5: the members vote a new validator in; it authors blocks after the session
/// change.
#[tokio::test]
async fn members_vote_a_new_validator_in() {
	let root = test_dir();
	let (nodes, alice) = local_network(root.path()).await;
	let alice = &alice;
	alice.wait_finalized(2, 3 * MINUTE).await;
	let boot: Vec<String> = nodes.iter().map(Node::multiaddr).collect();
	let eve_node = Node::start(root.path(), 4, "local", &boot, true);
	let eve = dev::eve();
	allow_node(alice, 4, &eve).await;
	let eve_chain = connect(&eve_node).await;
	let synced_to = alice.best().await;
	eve_chain.wait_best(synced_to, 2 * MINUTE).await;

	// Eve's node makes session keys in its keystore, with a proof that they are hers.
	let owner = format!("0x{}", encode_hex(&eve.public_key().0));
	let generated: serde_json::Value =
		eve_chain.raw_with("author_rotateKeysWithOwner", owner).await;
	let keys = decode_hex(generated["keys"].as_str().expect("the keys"));
	let proof = decode_hex(generated["proof"].as_str().expect("a proof of possession"));
	assert_eq!(keys.len(), 64, "Aura and GRANDPA public keys");
	let aura: [u8; 32] = keys[..32].try_into().expect("32 bytes");
	let grandpa: [u8; 32] = keys[32..].try_into().expect("32 bytes");
	alice.submit(calls::session::set_keys(aura, grandpa, proof), &eve).await;
	let add = calls::consortium::add_validator(account_id(&eve));
	alice.council_motion(&members()[..3], add).await;

	// Within three sessions (30 blocks), Eve authors a finalized block.
	let from = alice.finalized().await;
	eventually("a block authored by the new validator", 3 * MINUTE, || async move {
		let finalized = alice.finalized().await;
		for number in from..=finalized {
			let hash = alice.block_hash(number).await?;
			if author(alice, hash).await == Some(aura) {
				return Some(());
			}
		}
		None
	})
	.await;
}

/// A temporary directory for a test's nodes, removed afterwards unless `YINJI_KEEP_TEST_DIRS`
/// is set (then its path is printed, to read the node logs).
struct TestDir(#[allow(dead_code)] Option<tempfile::TempDir>, std::path::PathBuf);

impl TestDir {
	fn path(&self) -> &std::path::Path {
		&self.1
	}
}

fn test_dir() -> TestDir {
	let dir =
		tempfile::Builder::new().prefix("yinji-network-").tempdir().expect("a temporary directory");
	if std::env::var_os("YINJI_KEEP_TEST_DIRS").is_some() {
		let path = dir.keep();
		eprintln!("node logs under {}", path.display());
		return TestDir(None, path);
	}
	let path = dir.path().to_path_buf();
	TestDir(Some(dir), path)
}

/// Lower-case hex of `bytes`.
fn encode_hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of a `0x…` hex string.
fn decode_hex(text: &str) -> Vec<u8> {
	let text = text.trim_start_matches("0x");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
		.collect()
}

/// The committed raw `local` chain spec is the one the current runtime produces: the same
/// genesis storage and the same runtime version. (The wasm's bytes themselves depend on where the
/// workspace lives — symbol hashes include the crates' paths — so the code is compared by the
/// runtime version it declares; bump `spec_version` with every change of behaviour.)
#[test]
fn the_committed_local_chain_spec_is_up_to_date() {
	let output = std::process::Command::new(harness::node_binary())
		.args(["build-spec", "--chain", "local", "--raw", "--disable-default-bootnode"])
		.output()
		.expect("the node runs");
	assert!(
		output.status.success(),
		"build-spec failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	let mut built: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON spec");
	let path =
		std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../chain-spec/local.raw.json");
	let mut committed: serde_json::Value = serde_json::from_str(
		&std::fs::read_to_string(&path).expect("chain-spec/local.raw.json exists"),
	)
	.expect("the committed spec is JSON");
	let built_code = take_code(&mut built);
	let committed_code = take_code(&mut committed);
	let stale = "chain-spec/local.raw.json is stale: regenerate it with the command in chain-spec/README.md";
	assert!(built == committed, "{stale}");
	let version = custom_section(&built_code, "runtime_version");
	assert!(version.is_some(), "the runtime declares its version in a custom section");
	assert_eq!(version, custom_section(&committed_code, "runtime_version"), "{stale}");
}

/// Removes the runtime code (`:code`) from a raw spec and returns it.
fn take_code(spec: &mut serde_json::Value) -> Vec<u8> {
	let code = spec["genesis"]["raw"]["top"]
		.as_object_mut()
		.and_then(|top| top.remove("0x3a636f6465"))
		.expect("the spec holds the runtime code");
	decode_hex(code.as_str().expect("hex code"))
}

/// The payload of the wasm custom section `name`.
fn custom_section(wasm: &[u8], name: &str) -> Option<Vec<u8>> {
	fn leb128(bytes: &[u8], at: &mut usize) -> usize {
		let (mut value, mut shift) = (0usize, 0);
		loop {
			let byte = bytes[*at];
			*at += 1;
			value |= usize::from(byte & 0x7f) << shift;
			if byte & 0x80 == 0 {
				return value;
			}
			shift += 7;
		}
	}
	let mut at = 8;
	while at < wasm.len() {
		let id = wasm[at];
		at += 1;
		let size = leb128(wasm, &mut at);
		let end = at + size;
		if id == 0 {
			let mut inner = at;
			let length = leb128(wasm, &mut inner);
			if wasm[inner..inner + length] == *name.as_bytes() {
				return Some(wasm[inner + length..end].to_vec());
			}
		}
		at = end;
	}
	None
}

#[test]
fn peer_ids_decode_to_their_multihash_bytes() {
	// Alice's node key 0101…01 (see runtime/src/genesis_config_presets.rs).
	assert_eq!(
		encode_hex(&peer_id_bytes(0)),
		"0024080112208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
	);
}
