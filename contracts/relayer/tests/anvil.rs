//! The mirror's contracts on a real anvil (npm `@foundry-rs/anvil-linux-amd64`, installed by
//! `scripts/setup` into `contracts/node_modules`), and checkpoints of a real dev node's
//! finalized blocks.

// Test code: a failed expectation is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use alloy::{
	network::EthereumWallet,
	node_bindings::{Anvil, AnvilInstance},
	primitives::{Address, B256, U256},
	providers::{Provider, ProviderBuilder},
	rpc::types::TransactionReceipt,
	signers::local::PrivateKeySigner,
};
use std::{path::Path, time::Duration};
use yinji_client::{
	calls::{
		self, collectibles::NewCollection, works::Registration, CollectionKind, EvmBurn,
		TransferPolicy, WorkKind,
	},
	runtime::yinji,
	subxt_signer::sr25519::{dev, Keypair},
	testing::{eventually, ok, wait_finalized, DevNode},
	AccountId32, Call, Chain,
};
use yinji_evm::{
	bridge,
	checkpoint::{self, Checkpoints, Verdict},
	contracts::{Checkpoint, YinjiCollection},
};

fn anvil() -> AnvilInstance {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../node_modules/.bin/anvil");
	assert!(path.exists(), "run scripts/setup: it installs anvil into contracts/node_modules");
	Anvil::at(path).spawn()
}

/// A provider that signs with anvil's account `n`.
fn as_account(anvil: &AnvilInstance, n: usize) -> impl Provider + Clone {
	let key = PrivateKeySigner::from(anvil.keys()[n].clone());
	ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(anvil.endpoint_url())
}

/// Three consortium member keys (not anvil accounts: they only sign).
fn members() -> Vec<PrivateKeySigner> {
	(1u8..=3).map(|n| PrivateKeySigner::from_bytes(&B256::repeat_byte(n)).unwrap()).collect()
}

fn checkpoint(number: u64, fill: u8) -> Checkpoint {
	Checkpoint {
		blockNumber: number,
		blockHash: B256::repeat_byte(fill),
		stateRoot: B256::repeat_byte(fill.wrapping_add(1)),
	}
}

fn refused(result: Result<B256, yinji_evm::Error>, reason: &str) {
	let error = result.expect_err(reason).to_string();
	assert!(error.contains(reason), "expected {reason}, got {error}");
}

#[tokio::test]
async fn a_checkpoint_needs_a_threshold_of_members_and_only_moves_forward() {
	let anvil = anvil();
	let members = members();
	let addresses = members.iter().map(|m| m.address()).collect();
	let checkpoints = Checkpoints::deploy(as_account(&anvil, 0), addresses, 2).await.unwrap();
	let sign = |c: &Checkpoint, keys: &[PrivateKeySigner]| {
		checkpoint::sign(keys, checkpoints.digest(c)).unwrap()
	};

	let five = checkpoint(5, 0x55);
	checkpoints.post(&five, sign(&five, &members[..2])).await.unwrap();
	assert_eq!(checkpoints.latest().await.unwrap(), five);

	// A replay, a regression, too few members, an outsider, and signatures made for another
	// deployment are all refused, and the latest checkpoint stays.
	refused(checkpoints.post(&five, sign(&five, &members[..2])).await, "NotAboveLatest");
	let four = checkpoint(4, 0x44);
	refused(checkpoints.post(&four, sign(&four, &members)).await, "NotAboveLatest");
	let six = checkpoint(6, 0x66);
	refused(checkpoints.post(&six, sign(&six, &members[..1])).await, "TooFewSignatures");
	let outsider = PrivateKeySigner::from_bytes(&B256::repeat_byte(0xEE)).unwrap();
	let mixed = [members[0].clone(), outsider];
	refused(checkpoints.post(&six, sign(&six, &mixed)).await, "UnknownSigner");
	let elsewhere = checkpoint::digest(&six, 1, checkpoints.address());
	let replayed = checkpoint::sign(&members, elsewhere).unwrap();
	refused(checkpoints.post(&six, replayed).await, "UnknownSigner");
	assert_eq!(checkpoints.latest().await.unwrap(), five);

	// All three in order is fine too.
	checkpoints.post(&six, sign(&six, &members)).await.unwrap();
	assert_eq!(checkpoints.latest().await.unwrap(), six);
}

#[tokio::test]
async fn only_the_bridge_mints_and_the_royalty_is_the_collections() {
	let anvil = anvil();
	let (admin, bridge, user, receiver) =
		(anvil.addresses()[0], anvil.addresses()[1], anvil.addresses()[2], anvil.addresses()[3]);
	let deployed = YinjiCollection::deploy(
		as_account(&anvil, 0),
		"Kiln prints".into(),
		"KILN".into(),
		admin,
		bridge,
		receiver,
		800u16.try_into().unwrap(),
	)
	.await
	.unwrap();
	let as_bridge = YinjiCollection::new(*deployed.address(), as_account(&anvil, 1));
	let as_user = YinjiCollection::new(*deployed.address(), as_account(&anvil, 2));
	let token = U256::from(7);

	// The admin is not the bridge: its mint is refused.
	let refusal = deployed.mint(user, token, "bafkreiprint".into(), 0).call().await.unwrap_err();
	assert_reason(refusal, "AccessControlUnauthorizedAccount");
	let receipt = as_bridge
		.mint(user, token, "bafkreiprint".into(), 0)
		.send()
		.await
		.unwrap()
		.get_receipt()
		.await
		.unwrap();
	assert!(receipt.status());
	assert_eq!(deployed.ownerOf(token).call().await.unwrap(), user);
	assert_eq!(deployed.tokenURI(token).call().await.unwrap(), "ipfs://bafkreiprint");
	let royalty = deployed.royaltyInfo(token, U256::from(10_000)).call().await.unwrap();
	assert_eq!((royalty.receiver, royalty.amount), (receiver, U256::from(800)));
	// The same export twice is refused, and so is a live token under another export.
	let refusal = as_bridge.mint(user, token, "bafkreiprint".into(), 0).call().await.unwrap_err();
	assert_reason(refusal, "ExportAlreadyMinted");
	let refusal = as_bridge.mint(user, token, "bafkreiprint".into(), 1).call().await.unwrap_err();
	assert_reason(refusal, "ERC721InvalidSender");

	// Only the holder sends it home; then it is gone here.
	let home = B256::repeat_byte(0xAB);
	let refusal = as_bridge.requestImport(token, home).call().await.unwrap_err();
	assert_reason(refusal, "ERC721IncorrectOwner");
	let receipt =
		as_user.requestImport(token, home).send().await.unwrap().get_receipt().await.unwrap();
	let requested = receipt
		.decoded_log::<YinjiCollection::ImportRequested>()
		.expect("an ImportRequested event");
	assert_eq!(
		(requested.tokenId, requested.owner, requested.consortiumAccount),
		(token, user, home)
	);
	let refusal = deployed.ownerOf(token).call().await.unwrap_err();
	assert_reason(refusal, "ERC721NonexistentToken");
}

/// The collection's custom error in `refusal` is `name`.
fn assert_reason(refusal: alloy::contract::Error, name: &str) {
	let reason = refusal
		.as_decoded_interface_error::<YinjiCollection::YinjiCollectionErrors>()
		.unwrap_or_else(|| panic!("not a custom error of the collection: {refusal}"));
	assert!(format!("{reason:?}").starts_with(name), "expected {name}, got {reason:?}");
}

/// A dev node finalizing past `first`, anvil, and a checkpoints contract of the three members
/// (two must sign), deployed from anvil's first account.
struct Mirror {
	dir: tempfile::TempDir,
	node: DevNode,
	chain: yinji_client::Chain,
	anvil: AnvilInstance,
	members: Vec<PrivateKeySigner>,
	checkpoints: Checkpoints<alloy::providers::DynProvider>,
}

impl Mirror {
	async fn start(first: u64) -> Mirror {
		let dir = tempfile::tempdir().unwrap();
		let node = DevNode::start(dir.path());
		let chain = node.connect().await;
		wait_finalized(&chain, first, Duration::from_secs(180)).await;
		let anvil = anvil();
		let members = members();
		let addresses = members.iter().map(|m| m.address()).collect();
		let provider = alloy::providers::DynProvider::new(as_account(&anvil, 0));
		let checkpoints = Checkpoints::deploy(provider, addresses, 2).await.unwrap();
		Mirror { dir, node, chain, anvil, members, checkpoints }
	}

	/// A file holding `bytes` as a hex private key; its path.
	fn key_file(&self, name: &str, bytes: &[u8]) -> String {
		self.key_file_text(name, &format!("0x{}\n", hex::encode(bytes)))
	}

	/// A file holding `text`; its path.
	fn key_file_text(&self, name: &str, text: &str) -> String {
		let path = self.dir.path().join(name);
		std::fs::write(&path, text).unwrap();
		path.display().to_string()
	}

	/// `yinji-evm` with this node and anvil, paying from anvil's account `payer`.
	fn command(&self, payer: usize) -> std::process::Command {
		let payer =
			self.key_file(&format!("payer-{payer}.key"), &self.anvil.keys()[payer].to_bytes());
		let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_yinji-evm"));
		command.args(["--node", &self.node.url(), "--evm", &self.anvil.endpoint()]);
		command.args(["--evm-key-file", &payer]);
		command
	}
}

#[tokio::test(flavor = "multi_thread")]
async fn a_checkpointed_consortium_block_verifies_and_a_rewritten_history_does_not() {
	let mirror = Mirror::start(4).await;
	let Mirror { chain, anvil, members, checkpoints, .. } = &mirror;

	// `yinji-evm checkpoint` signs the finalized head with two members' keys and posts it.
	let a = mirror.key_file("a.key", &members[0].to_bytes()[..]);
	let b = mirror.key_file("b.key", &members[2].to_bytes()[..]);
	let cli = |args: &[&str]| mirror.command(0).args(args).output().unwrap();
	let contract = checkpoints.address().to_string();
	let posted = cli(&[
		"checkpoint",
		"--contract",
		&contract,
		"--signer-key-file",
		&a,
		"--signer-key-file",
		&b,
	]);
	assert!(posted.status.success(), "{}", String::from_utf8_lossy(&posted.stderr));
	let head = checkpoints.latest().await.unwrap().blockNumber;
	let block = checkpoint::consortium_block(chain, head).await.unwrap();
	assert_eq!(checkpoints.latest().await.unwrap(), block.checkpoint());
	let verified = cli(&["verify", "--contract", &contract, "--block", &(head - 2).to_string()]);
	assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stderr));
	assert!(String::from_utf8_lossy(&verified.stdout).contains("matches"));

	let verdict = checkpoint::verify(chain, checkpoints, head).await.unwrap();
	assert_eq!(verdict, Verdict::Matches { checkpoint: head, links: 0 });
	let verdict = checkpoint::verify(chain, checkpoints, head - 3).await.unwrap();
	assert_eq!(verdict, Verdict::Matches { checkpoint: head, links: 3 });
	let verdict = checkpoint::verify(chain, checkpoints, head + 1).await.unwrap();
	assert_eq!(verdict, Verdict::NotYetCheckpointed { latest: head });
	// A block that is not finalized yet cannot be checkpointed.
	assert!(checkpoint::consortium_block(chain, head + 1_000).await.is_err());

	// Members who sign a different history for a later block are caught by the node's blocks.
	wait_finalized(chain, head + 1, Duration::from_secs(60)).await;
	let forged = Checkpoint { blockNumber: head + 1, ..checkpoint(head + 1, 0x77) };
	let signed = checkpoint::sign(members, checkpoints.digest(&forged)).unwrap();
	// From another account: the command line used the first one's nonces.
	let other = Checkpoints::at(checkpoints.address(), as_account(anvil, 1)).await.unwrap();
	other.post(&forged, signed).await.unwrap();
	let real = checkpoint::consortium_block(chain, head + 1).await.unwrap();
	let verdict = checkpoint::verify(chain, checkpoints, head).await.unwrap();
	assert_eq!(
		verdict,
		Verdict::Differs { at: head + 1, consortium: real.hash, checkpointed: forged.blockHash }
	);
	let verified = cli(&["verify", "--contract", &contract, "--block", &head.to_string()]);
	assert!(!verified.status.success(), "a rewritten history must fail the verification");
	assert!(String::from_utf8_lossy(&verified.stderr).contains("history differs"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_relayer_checkpoints_as_blocks_finalize_and_resumes_after_a_restart() {
	let mirror = Mirror::start(1).await;
	let Mirror { chain, members, checkpoints, .. } = &mirror;
	let a = mirror.key_file("a.key", &members[0].to_bytes()[..]);
	let b = mirror.key_file("b.key", &members[1].to_bytes()[..]);
	let contract = checkpoints.address().to_string();
	let relay = || {
		let mut command = tokio::process::Command::from(mirror.command(1));
		command.args(["relay", "--contract", &contract, "--every", "2"]);
		command.args(["--signer-key-file", &a, "--signer-key-file", &b]);
		command.kill_on_drop(true).spawn().unwrap()
	};

	let mut relayer = relay();
	let first = eventually("a first checkpoint", Duration::from_secs(120), || async {
		let latest = checkpoints.latest().await.unwrap().blockNumber;
		(latest > 0).then_some(latest)
	})
	.await;
	relayer.kill().await.unwrap();
	let stopped = checkpoints.latest().await.unwrap().blockNumber;
	assert!(stopped >= first);

	// A new run picks up from the contract's latest checkpoint and keeps going.
	let mut relayer = relay();
	eventually("a checkpoint after the restart", Duration::from_secs(120), || async {
		let latest = checkpoints.latest().await.unwrap().blockNumber;
		(latest >= stopped + 2).then_some(())
	})
	.await;
	relayer.kill().await.unwrap();
	let last = checkpoints.latest().await.unwrap().blockNumber;
	let verdict = checkpoint::verify(chain, checkpoints, first).await.unwrap();
	assert_eq!(verdict, Verdict::Matches { checkpoint: last, links: last - first });
}

/// The account of a key pair.
fn account(who: &Keypair) -> AccountId32 {
	who.public_key().to_account_id()
}

async fn submit(chain: &Chain, call: Call, who: &Keypair) {
	let what = format!("{call:?}");
	ok(chain.submit_call(&call, who).await, &what);
}

/// The owner of consortium item `0/item` at the finalized head, and whether it is exported.
async fn consortium_item(chain: &Chain, item: u32) -> ([u8; 32], bool) {
	let view = chain.at(chain.finalized_number().await.unwrap()).await.unwrap();
	let storage = yinji::storage().collectibles();
	let held = view.fetch(storage.items(), (0, item)).await.unwrap().unwrap();
	let exported = view.fetch(storage.exports(), (0, item)).await.unwrap().is_some();
	(held.owner.0, exported)
}

/// Bob registers a work and issues collection 0 of it (digital, 8 % royalty on resale, sold
/// only through settlement, no KYC for holders), minting item 1 to Charlie.
async fn collection_with_one_item(chain: &Chain) {
	let (alice, bob) = (dev::alice(), dev::bob());
	submit(chain, calls::works::attest_creator(account(&bob), 1, 1_000_000), &alice).await;
	let work =
		Registration::original([5u8; 32], b"bafkreiwork".to_vec(), WorkKind::Image, account(&bob));
	submit(chain, calls::works::register(work), &bob).await;
	let collection = NewCollection {
		work: 0,
		kind: CollectionKind::DigitalCollectible,
		max_supply: 10,
		metadata: b"bafkreiprints".to_vec(),
		royalty: 800,
		policy: TransferPolicy::SettlementOnly,
		min_holder_kyc: 0,
	};
	submit(chain, calls::collectibles::create_collection(collection), &bob).await;
	submit(chain, calls::collectibles::mint(0, account(&dev::charlie()), 1), &bob).await;
}

impl Mirror {
	/// The ERC-721 mirror of collection 0, deployed by `yinji-evm deploy-collection` from the
	/// bridge account (anvil's account 1) with the collection's royalty read from the chain,
	/// paid to `receiver`; its address.
	fn deploy_collection(&self, receiver: Address) -> Address {
		let deployed = self
			.command(1)
			.args(["deploy-collection", "--collection", "0", "--name", "Kiln prints"])
			.args(["--symbol", "KILN", "--royalty-receiver", &receiver.to_string()])
			.output()
			.unwrap();
		assert!(deployed.status.success(), "{}", String::from_utf8_lossy(&deployed.stderr));
		String::from_utf8_lossy(&deployed.stdout).trim().parse().unwrap()
	}

	/// One pass of `yinji-evm bridge` for collection 0 at `contract`, Alice proposing imports;
	/// what it printed.
	fn bridge_once(&self, contract: Address) -> String {
		let member = self.key_file_text("alice.uri", "//Alice");
		let output = self
			.command(1)
			.args(["bridge", "--once", "--confirmations", "0", "--member-key-file", &member])
			.args(["--collection", &format!("0={contract}")])
			.output()
			.unwrap();
		assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
		String::from_utf8_lossy(&output.stdout).trim().to_string()
	}
}

/// The burn of `receipt` is recorded as imported, and the chain refuses to import it again
/// (to `charlie`) even from the consortium itself.
async fn replay_is_refused(chain: &Chain, receipt: &TransactionReceipt, charlie: &Keypair) {
	let log_index = receipt
		.logs()
		.iter()
		.find(|log| log.log_decode::<YinjiCollection::ImportRequested>().is_ok())
		.and_then(|log| log.log_index)
		.unwrap();
	let replay =
		EvmBurn { tx_hash: receipt.transaction_hash.0, log_index: log_index.try_into().unwrap() };
	let view = chain.at(chain.finalized_number().await.unwrap()).await.unwrap();
	let imported_burns = yinji::storage().collectibles().imported_burns();
	let imported = view.fetch(imported_burns, (replay.clone(),)).await;
	assert!(imported.unwrap().is_some(), "the burn is recorded as imported");
	let import = calls::collectibles::import_item(0, 1, account(charlie), replay);
	assert!(chain.sudo_call(import, &dev::alice()).await.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_goes_to_the_evm_and_comes_home_once() {
	let mirror = Mirror::start(1).await;
	let Mirror { chain, anvil, .. } = &mirror;
	let (charlie, dave) = (dev::charlie(), dev::dave());
	let (bridge_account, user, receiver) =
		(anvil.addresses()[1], anvil.addresses()[2], anvil.addresses()[3]);
	collection_with_one_item(chain).await;

	let contract = mirror.deploy_collection(receiver);
	let as_user = YinjiCollection::new(contract, as_account(anvil, 2));
	let bridge = || mirror.bridge_once(contract);

	// Charlie exports item 1 to the user's EVM address: it goes into bridge custody, and a
	// second export is refused.
	let export = calls::collectibles::export_item(0, 1, user.into_array());
	submit(chain, export.clone(), &charlie).await;
	let (custodian, exported) = consortium_item(chain, 1).await;
	assert!(exported);
	assert_ne!(custodian, charlie.public_key().0);
	let again = chain.submit_call(&export, &charlie).await;
	let refusal = again.expect_err("a second export is refused").to_string();
	assert!(refusal.contains("AlreadyExported"), "{refusal}");
	let pending = bridge::pending_exports(chain).await.unwrap();
	assert_eq!(pending.len(), 1);
	assert_eq!((pending[0].item, pending[0].export, pending[0].evm_owner), (1, 0, user));

	// The bridge mints it to the user, with the collection's royalty and metadata; run again
	// (a restart), it mints nothing more.
	assert_eq!(bridge(), "minted 1 exports, proposed 0 imports");
	let token = U256::from(1);
	assert_eq!(as_user.ownerOf(token).call().await.unwrap(), user);
	assert_eq!(as_user.tokenURI(token).call().await.unwrap(), "ipfs://bafkreiprints");
	let royalty = as_user.royaltyInfo(token, U256::from(10_000)).call().await.unwrap();
	assert_eq!((royalty.receiver, royalty.amount), (receiver, U256::from(800)));
	assert_eq!(bridge(), "minted 0 exports, proposed 0 imports");
	// Nobody but the bridge mints; the bridge itself cannot mint the export twice.
	let refusal =
		as_user.mint(user, U256::from(2), "bafkreifake".into(), 9).call().await.unwrap_err();
	assert_reason(refusal, "AccessControlUnauthorizedAccount");
	let as_bridge = YinjiCollection::new(contract, as_account(anvil, 1));
	assert!(as_bridge
		.hasRole(as_bridge.BRIDGE_ROLE().call().await.unwrap(), bridge_account)
		.call()
		.await
		.unwrap());
	let refusal =
		as_bridge.mint(user, U256::from(2), "bafkreifake".into(), 0).call().await.unwrap_err();
	assert_reason(refusal, "ExportAlreadyMinted");

	// The user sends it home to Dave: the burn is proposed to the council (Alice, the one
	// member, passes it at once) and the item leaves custody for Dave.
	let home = B256::from(dave.public_key().0);
	let receipt =
		as_user.requestImport(token, home).send().await.unwrap().get_receipt().await.unwrap();
	assert!(receipt.status());
	assert_eq!(bridge(), "minted 0 exports, proposed 1 imports");
	assert_eq!(consortium_item(chain, 1).await, (dave.public_key().0, false));

	// The same burn again: the bridge proposes nothing, and the chain refuses it even from the
	// consortium itself; Dave keeps the item.
	assert_eq!(bridge(), "minted 0 exports, proposed 0 imports");
	replay_is_refused(chain, &receipt, &charlie).await;
	assert_eq!(consortium_item(chain, 1).await, (dave.public_key().0, false));

	// Exported again, the item is minted again under its new export number.
	let export = calls::collectibles::export_item(0, 1, receiver.into_array());
	submit(chain, export, &dave).await;
	assert_eq!(bridge(), "minted 1 exports, proposed 0 imports");
	assert_eq!(as_user.ownerOf(token).call().await.unwrap(), receiver);
	assert!(as_user.exportMinted(1).call().await.unwrap());
}
