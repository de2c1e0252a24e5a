//! `yinji-evm`: deploys the checkpoints contract, posts checkpoints of the consortium's
//! finalized blocks to an EVM chain (once, or every N blocks), and verifies a consortium block
//! against them; deploys collection contracts and bridges exported items both ways. See
//! `docs/evm-mirror.md`.

use alloy::{
	network::EthereumWallet,
	primitives::Address,
	providers::{Provider, ProviderBuilder},
	signers::local::PrivateKeySigner,
};
use anyhow::{anyhow, bail, Context};
use clap::{Parser, Subcommand};
use std::{path::PathBuf, time::Duration};
use yinji_evm::{
	bridge::Bridge,
	checkpoint::{self, Checkpoints, Verdict},
	contracts::YinjiCollection,
};

#[derive(Parser)]
#[command(
	version,
	about = "yinji's EVM mirror: checkpoints of the consortium chain and exported collectibles"
)]
struct Cli {
	/// The consortium node's RPC.
	#[arg(long, env = "YINJI_NODE", default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// The EVM node's JSON-RPC.
	#[arg(long, env = "YINJI_EVM_RPC", default_value = "http://127.0.0.1:8545")]
	evm: String,
	/// A file holding the hex private key of the EVM account that pays for transactions
	/// (every command but `verify`, which only reads).
	#[arg(long, env = "YINJI_EVM_KEY_FILE")]
	evm_key_file: Option<PathBuf>,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Deploys a checkpoints contract; prints its address.
	Deploy {
		/// A consortium member's checkpoint signing address (repeat for each member).
		#[arg(long = "signer", required = true)]
		signers: Vec<Address>,
		/// How many of them must sign a checkpoint.
		#[arg(long)]
		threshold: u64,
	},
	/// Posts a checkpoint of the finalized head (or of `--block`).
	Checkpoint {
		/// The checkpoints contract.
		#[arg(long, env = "YINJI_CHECKPOINTS")]
		contract: Address,
		/// Member signing keys, one hex private key per file (repeat).
		#[arg(long = "signer-key-file", required = true)]
		signer_keys: Vec<PathBuf>,
		/// The block to checkpoint (default: the finalized head).
		#[arg(long)]
		block: Option<u64>,
	},
	/// Posts a checkpoint every `--every` finalized blocks, resuming from the contract's latest.
	Relay {
		/// The checkpoints contract.
		#[arg(long, env = "YINJI_CHECKPOINTS")]
		contract: Address,
		/// Member signing keys, one hex private key per file (repeat).
		#[arg(long = "signer-key-file", required = true)]
		signer_keys: Vec<PathBuf>,
		/// Blocks between checkpoints.
		#[arg(long, default_value_t = 100)]
		every: u64,
	},
	/// Deploys the ERC-721 mirror of a consortium collection, with the collection's royalty;
	/// prints its address. The paying account becomes the bridge (the minter) and the admin.
	DeployCollection {
		/// The consortium collection id.
		#[arg(long)]
		collection: u32,
		/// The token's name.
		#[arg(long)]
		name: String,
		/// The token's symbol.
		#[arg(long)]
		symbol: String,
		/// Who receives ERC-2981 royalties on the EVM side.
		#[arg(long)]
		royalty_receiver: Address,
	},
	/// Mints finalized exports on their collection contracts and proposes the import of every
	/// item burned there; repeats at every finalized block unless `--once`.
	Bridge {
		/// A consortium collection and its contract, as `ID=0xADDRESS` (repeat).
		#[arg(long = "collection", required = true, value_parser = collection_contract)]
		collections: Vec<(u32, Address)>,
		/// A file holding the secret URI or hex seed of the consortium member account that
		/// proposes imports to the council.
		#[arg(long, env = "YINJI_MEMBER_KEY_FILE")]
		member_key_file: PathBuf,
		/// EVM blocks on top of a burn before it counts.
		#[arg(long, default_value_t = 12)]
		confirmations: u64,
		/// The EVM block the collection contracts were deployed in: logs are read from there.
		#[arg(long, default_value_t = 0)]
		from_block: u64,
		/// One pass, then exit.
		#[arg(long)]
		once: bool,
	},
	/// Checks a consortium block against the latest checkpoint; exits 1 if history differs.
	Verify {
		/// The checkpoints contract.
		#[arg(long, env = "YINJI_CHECKPOINTS")]
		contract: Address,
		/// The consortium block number.
		#[arg(long)]
		block: u64,
	},
}

fn key(path: &PathBuf) -> anyhow::Result<PrivateKeySigner> {
	let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
	text.trim().parse().map_err(|e| anyhow!("{}: not a secp256k1 private key: {e}", path.display()))
}

fn collection_contract(text: &str) -> Result<(u32, Address), String> {
	let (id, address) = text.split_once('=').ok_or("expected ID=0xADDRESS")?;
	let id = id.trim().parse().map_err(|e| format!("collection id: {e}"))?;
	let address = address.trim().parse().map_err(|e| format!("contract address: {e}"))?;
	Ok((id, address))
}

fn member_key(path: &PathBuf) -> anyhow::Result<yinji_client::Keypair> {
	let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
	let uri: yinji_client::subxt_signer::SecretUri = text
		.trim()
		.parse()
		.map_err(|_| anyhow!("{}: not a secret URI or hex seed", path.display()))?;
	yinji_client::Keypair::from_uri(&uri)
		.map_err(|e| anyhow!("{}: not an sr25519 key: {e}", path.display()))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
	tracing_subscriber::fmt().with_writer(std::io::stderr).init();
	let cli = Cli::parse();
	let evm: alloy::transports::http::reqwest::Url = cli.evm.parse().context("--evm is a URL")?;
	// Reading needs no key: anyone can verify. Sending pays from `--evm-key-file`.
	let payer = || -> anyhow::Result<EthereumWallet> {
		let key = cli.evm_key_file.as_ref().ok_or_else(|| {
			anyhow!("--evm-key-file (or YINJI_EVM_KEY_FILE) names the paying account")
		})?;
		Ok(EthereumWallet::from(self::key(key)?))
	};
	let sender = || -> anyhow::Result<_> {
		Ok(ProviderBuilder::new().wallet(payer()?).connect_http(evm.clone()))
	};
	match cli.command {
		Command::Deploy { signers, threshold } => {
			let deployed = Checkpoints::deploy(sender()?, signers, threshold).await?;
			println!("{}", deployed.address());
		}
		Command::Checkpoint { contract, signer_keys, block } => {
			let keys = signer_keys.iter().map(key).collect::<anyhow::Result<Vec<_>>>()?;
			let chain = yinji_client::Chain::connect(&cli.node).await?;
			let checkpoints = Checkpoints::at(contract, sender()?).await?;
			let number = match block {
				Some(number) => number,
				None => chain.finalized_number().await?,
			};
			let tx = post(&chain, &checkpoints, &keys, number).await?;
			println!("checkpointed block {number} in {tx}");
		}
		Command::Relay { contract, signer_keys, every } => {
			let keys = signer_keys.iter().map(key).collect::<anyhow::Result<Vec<_>>>()?;
			let chain =
				yinji_client::Chain::connect_with_backoff(&cli.node, Duration::from_secs(60))
					.await?;
			let checkpoints = Checkpoints::at(contract, sender()?).await?;
			relay(&chain, &checkpoints, &keys, every.max(1)).await?;
		}
		Command::DeployCollection { collection, name, symbol, royalty_receiver } => {
			let royalty = collection_royalty(&cli.node, collection).await?;
			let sender = sender()?;
			let me = alloy::providers::WalletProvider::default_signer_address(&sender);
			let deployed = YinjiCollection::deploy(
				sender,
				name,
				symbol,
				me,
				me,
				royalty_receiver,
				alloy::primitives::Uint::<96, 2>::from(royalty),
			)
			.await?;
			println!("{}", deployed.address());
		}
		Command::Bridge { collections, member_key_file, confirmations, from_block, once } => {
			let member = member_key(&member_key_file)?;
			let chain =
				yinji_client::Chain::connect_with_backoff(&cli.node, Duration::from_secs(60))
					.await?;
			let bridge = Bridge::new(chain.clone(), sender()?, collections, member, confirmations)
				.from_block(from_block);
			run_bridge(&chain, &bridge, once).await?;
		}
		Command::Verify { contract, block } => {
			let chain = yinji_client::Chain::connect(&cli.node).await?;
			let reader = ProviderBuilder::new().connect_http(evm);
			let checkpoints = Checkpoints::at(contract, reader).await?;
			verify(&chain, &checkpoints, block).await?;
		}
	}
	Ok(())
}

/// The royalty of consortium collection `collection` at the finalized head, in basis points.
async fn collection_royalty(node: &str, collection: u32) -> anyhow::Result<u16> {
	let chain = yinji_client::Chain::connect(node).await?;
	let view = chain.at(chain.finalized_number().await?).await?;
	let collections = yinji_client::runtime::yinji::storage().collectibles().collections();
	let stored = view
		.fetch(collections, (collection,))
		.await?
		.ok_or_else(|| anyhow!("collection {collection} does not exist"))?;
	Ok(stored.royalty)
}

/// Runs a pass of `bridge` at every finalized block, or one pass if `once` (and reports it).
async fn run_bridge<P: Provider + Clone>(
	chain: &yinji_client::Chain,
	bridge: &Bridge<P>,
	once: bool,
) -> anyhow::Result<()> {
	loop {
		let pass = bridge.pass().await?;
		if once {
			println!(
				"minted {} exports, proposed {} imports",
				pass.minted.len(),
				pass.proposed.len()
			);
			return Ok(());
		}
		chain.next_finalized().await?;
	}
}

/// Checks consortium block `block` against the latest checkpoint; an error if it differs or
/// is not checkpointed yet.
async fn verify<P: Provider>(
	chain: &yinji_client::Chain,
	checkpoints: &Checkpoints<P>,
	block: u64,
) -> anyhow::Result<()> {
	match checkpoint::verify(chain, checkpoints, block).await? {
		Verdict::Matches { checkpoint, links } => println!(
			"block {block} matches: the checkpoint of block {checkpoint} commits to it \
			 ({links} parent links checked)"
		),
		Verdict::NotYetCheckpointed { latest } => {
			bail!("block {block} is above the latest checkpoint ({latest})")
		}
		Verdict::Differs { at, consortium, checkpointed } => bail!(
			"history differs at block {at}: the node says {consortium}, the checkpoints \
			 say {checkpointed}"
		),
	}
	Ok(())
}

async fn post<P: Provider>(
	chain: &yinji_client::Chain,
	checkpoints: &Checkpoints<P>,
	keys: &[PrivateKeySigner],
	number: u64,
) -> anyhow::Result<alloy::primitives::B256> {
	let block = checkpoint::consortium_block(chain, number).await?;
	let signed = checkpoint::sign(keys, checkpoints.digest(&block.checkpoint()))?;
	Ok(checkpoints.post(&block.checkpoint(), signed).await?)
}

/// Posts a checkpoint whenever the finalized head is `every` blocks past the latest one. The
/// contract holds the only state, so a restart resumes where the last run stopped.
async fn relay<P: Provider>(
	chain: &yinji_client::Chain,
	checkpoints: &Checkpoints<P>,
	keys: &[PrivateKeySigner],
	every: u64,
) -> anyhow::Result<()> {
	loop {
		let latest = checkpoints.latest().await?.blockNumber;
		let head = chain.finalized_number().await?;
		if head >= latest.saturating_add(every) {
			let tx = post(chain, checkpoints, keys, head).await?;
			tracing::info!(block = head, %tx, "checkpointed");
		}
		chain.next_finalized().await?;
	}
}
