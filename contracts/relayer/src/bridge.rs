//! Collectibles between the consortium chain and the EVM mirror.
//!
//! - **Out**: `Collectibles.export_item` puts an item into bridge custody and records an export
//!   with a number. [`Bridge::mint_exports`] mints every export in custody at the finalized head
//!   to its EVM address, on the collection's `YinjiCollection` contract, passing the export
//!   number; the contract mints each number once. The consortium chain and the contract hold
//!   all the state, so a relayer that restarts (or a second one) never mints an export twice.
//! - **Home**: a holder calls `requestImport` on the EVM, which burns the token and logs
//!   `ImportRequested`. [`Bridge::attest_imports`] proposes, for every such log the chain has
//!   not imported yet, a council motion `Collectibles.import_item` naming the burn (transaction
//!   hash and log index), with the two-thirds threshold of the consortium's members. With one
//!   member the motion passes at once; otherwise the other members vote it through in their
//!   console. The chain imports each burn once (`ImportedBurns`).

use crate::{contracts::YinjiCollection, Error};
use alloy::{
	primitives::{Address, B256, U256},
	providers::Provider,
	rpc::types::Log,
};
use std::collections::BTreeMap;
use yinji_client::{
	calls::{self, EvmBurn},
	runtime::yinji,
	AccountId32, Chain, Keypair,
};

/// An item in bridge custody on the consortium chain, waiting for (or past) its mint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingExport {
	/// The consortium collection.
	pub collection: u32,
	/// The item, which is also the token id.
	pub item: u32,
	/// The export's number.
	pub export: u64,
	/// The EVM address the token goes to.
	pub evm_owner: Address,
	/// The collection's metadata CID, for `tokenURI`.
	pub metadata: String,
}

/// An `ImportRequested` log of a collection contract: a holder burned a token to go home.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Burn {
	/// The consortium collection the contract mirrors.
	pub collection: u32,
	/// The item (the token id).
	pub item: u32,
	/// The consortium account the item goes to.
	pub to: [u8; 32],
	/// The burning transaction.
	pub tx_hash: B256,
	/// The log's index in its EVM block.
	pub log_index: u32,
}

impl Burn {
	/// The burn as `Collectibles.import_item` and `ImportedBurns` take it.
	fn evm_burn(&self) -> EvmBurn {
		EvmBurn { tx_hash: self.tx_hash.0, log_index: self.log_index }
	}
}

/// What one pass of the bridge did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pass {
	/// Exports minted on the EVM in this pass.
	pub minted: Vec<u64>,
	/// Burns proposed to the council in this pass.
	pub proposed: Vec<Burn>,
}

/// The relayer's bridge: the consortium chain, the collection contracts it mints on (by
/// consortium collection id), and the consortium member account that proposes imports.
pub struct Bridge<P> {
	chain: Chain,
	collections: BTreeMap<u32, YinjiCollection::YinjiCollectionInstance<P>>,
	member: Keypair,
	confirmations: u64,
	from_block: u64,
}

impl<P: Provider + Clone> Bridge<P> {
	/// A bridge over `collections` (consortium collection id → contract address), minting from
	/// `provider`'s account (which must hold `BRIDGE_ROLE`) and proposing imports as `member`.
	/// EVM logs count once `confirmations` blocks are on top of them.
	pub fn new(
		chain: Chain,
		provider: P,
		collections: impl IntoIterator<Item = (u32, Address)>,
		member: Keypair,
		confirmations: u64,
	) -> Self {
		let collections = collections
			.into_iter()
			.map(|(id, address)| (id, YinjiCollection::new(address, provider.clone())))
			.collect();
		Bridge { chain, collections, member, confirmations, from_block: 0 }
	}

	/// Reads EVM logs from `block` on (the contracts' deployment) instead of from genesis.
	pub fn from_block(mut self, block: u64) -> Self {
		self.from_block = block;
		self
	}

	/// Mints what is pending, then proposes what was burned: one pass.
	pub async fn pass(&self) -> Result<Pass, Error> {
		Ok(Pass { minted: self.mint_exports().await?, proposed: self.attest_imports().await? })
	}

	/// Mints every export in custody at the finalized head that its contract has not minted;
	/// returns the export numbers minted. Exports of collections without a contract wait.
	pub async fn mint_exports(&self) -> Result<Vec<u64>, Error> {
		let mut minted = Vec::new();
		for export in pending_exports(&self.chain).await? {
			let Some(contract) = self.collections.get(&export.collection) else {
				tracing::warn!(collection = export.collection, "no contract for an exported item");
				continue;
			};
			if contract.exportMinted(export.export).call().await? {
				continue;
			}
			let call = contract.mint(
				export.evm_owner,
				U256::from(export.item),
				export.metadata.clone(),
				export.export,
			);
			call.call().await.map_err(refusal)?;
			let receipt =
				call.send().await?.get_receipt().await.map_err(|e| Error::Evm(e.to_string()))?;
			if !receipt.status() {
				return Err(Error::Evm(format!("the mint of export {} reverted", export.export)));
			}
			tracing::info!(export = export.export, tx = %receipt.transaction_hash, "minted");
			minted.push(export.export);
		}
		Ok(minted)
	}

	/// Every confirmed `ImportRequested` log of the bridge's contracts.
	pub async fn burns(&self) -> Result<Vec<Burn>, Error> {
		let latest = self.collections.values().next().map(|c| c.provider().get_block_number());
		let Some(latest) = latest else { return Ok(Vec::new()) };
		let latest = latest.await.map_err(|e| Error::Evm(e.to_string()))?;
		let upto = match latest.checked_sub(self.confirmations) {
			Some(upto) if upto >= self.from_block => upto,
			_ => return Ok(Vec::new()),
		};
		let mut burns = Vec::new();
		for (collection, contract) in &self.collections {
			let logs = contract
				.ImportRequested_filter()
				.from_block(self.from_block)
				.to_block(upto)
				.query()
				.await?;
			for (event, log) in logs {
				burns.push(burn(*collection, &event, &log)?);
			}
		}
		Ok(burns)
	}

	/// Proposes an import for every confirmed burn the chain has not imported and no open
	/// motion already carries; returns the burns proposed.
	pub async fn attest_imports(&self) -> Result<Vec<Burn>, Error> {
		let mut proposed = Vec::new();
		for burn in self.burns().await? {
			let view = self.chain.at(self.chain.finalized_number().await?).await?;
			let imported = yinji::storage().collectibles().imported_burns();
			if view.fetch(imported, (burn.evm_burn(),)).await?.is_some() {
				continue;
			}
			match self.propose(&burn).await {
				Ok(true) => proposed.push(burn),
				Ok(false) => {}
				// Another member's relayer, or an earlier run, proposed it: the motion is open
				// and waits for the members' votes.
				Err(Error::Consortium(reason)) if reason.contains("DuplicateProposal") => {}
				Err(error) => return Err(error),
			}
		}
		Ok(proposed)
	}

	/// Proposes the import of `burn`; false when the motion ran at once and the chain refused
	/// the import (a frozen collection, a recipient without the KYC level), which a later pass
	/// proposes again.
	async fn propose(&self, burn: &Burn) -> Result<bool, Error> {
		let import = calls::collectibles::import_item(
			burn.collection,
			burn.item,
			AccountId32(burn.to),
			burn.evm_burn(),
		);
		let motion = self.chain.motion(import).await?;
		let submitted = self.chain.submit_call(&motion, &self.member).await?;
		// With a threshold of one the motion runs at once; its outcome is in `Executed`.
		if let Some(Err(reason)) = submitted.motion_outcome() {
			tracing::warn!(tx = %burn.tx_hash, log = burn.log_index, ?reason, "import refused");
			return Ok(false);
		}
		tracing::info!(tx = %burn.tx_hash, log = burn.log_index, "import proposed");
		Ok(true)
	}
}

/// Every export in bridge custody at the finalized head, in storage order.
pub async fn pending_exports(chain: &Chain) -> Result<Vec<PendingExport>, Error> {
	let view = chain.at(chain.finalized_number().await?).await?;
	let storage = yinji::storage().collectibles();
	let mut pending = Vec::new();
	for ((collection, item), record) in view.fetch_all(storage.exports()).await? {
		let stored = view
			.fetch(storage.collections(), (collection,))
			.await?
			.ok_or_else(|| Error::Consortium(format!("collection {collection} is missing")))?;
		pending.push(PendingExport {
			collection,
			item,
			export: record.id,
			evm_owner: Address::from(record.evm_owner),
			metadata: text(stored.metadata),
		});
	}
	Ok(pending)
}

/// A CID stored as bytes: its text if it is UTF-8, `0x`-prefixed hex otherwise.
fn text(bytes: Vec<u8>) -> String {
	String::from_utf8(bytes).unwrap_or_else(|e| format!("0x{}", hex::encode(e.as_bytes())))
}

fn burn(
	collection: u32,
	event: &YinjiCollection::ImportRequested,
	log: &Log,
) -> Result<Burn, Error> {
	let missing = |what: &str| Error::Evm(format!("an ImportRequested log without its {what}"));
	let item = u32::try_from(event.tokenId)
		.map_err(|_| Error::Evm(format!("token {} is not a consortium item", event.tokenId)))?;
	let log_index = log.log_index.ok_or_else(|| missing("index"))?;
	Ok(Burn {
		collection,
		item,
		to: event.consortiumAccount.0,
		tx_hash: log.transaction_hash.ok_or_else(|| missing("transaction"))?,
		log_index: u32::try_from(log_index).map_err(|_| missing("32-bit index"))?,
	})
}

fn refusal(error: alloy::contract::Error) -> Error {
	match error.as_decoded_interface_error::<YinjiCollection::YinjiCollectionErrors>() {
		Some(reason) => Error::Evm(format!("refused: {reason:?}")),
		None => Error::Evm(error.to_string()),
	}
}
