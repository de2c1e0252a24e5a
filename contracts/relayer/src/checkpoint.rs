//! Checkpoints of the consortium chain on an EVM chain.
//!
//! A checkpoint is a finalized consortium block's number, hash and state root, accepted by the
//! `YinjiCheckpoints` contract only with signatures of a threshold of the consortium's member
//! keys (secp256k1, so the EVM can check them) over an EIP-712 digest bound to that contract
//! and chain. Anyone can then check that the consortium did not rewrite its history: a block's
//! hash must be the checkpointed one, or lead to it through its descendants' parent hashes.

use crate::{
	contracts::{Checkpoint, YinjiCheckpoints},
	Error,
};
use alloy::{
	primitives::{Address, Bytes, B256},
	providers::Provider,
	signers::{local::PrivateKeySigner, SignerSync},
	sol_types::{eip712_domain, SolStruct},
};
use yinji_client::Chain;

/// A finalized block of the consortium chain, as a checkpoint records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsortiumBlock {
	/// Its number.
	pub number: u64,
	/// Its hash.
	pub hash: B256,
	/// Its state root.
	pub state_root: B256,
	/// Its parent's hash.
	pub parent: B256,
}

impl ConsortiumBlock {
	/// The checkpoint of this block.
	pub fn checkpoint(&self) -> Checkpoint {
		Checkpoint { blockNumber: self.number, blockHash: self.hash, stateRoot: self.state_root }
	}
}

/// The consortium's block `number`, which must be finalized.
pub async fn consortium_block(chain: &Chain, number: u64) -> Result<ConsortiumBlock, Error> {
	let finalized = chain.finalized_number().await?;
	if number > finalized {
		return Err(Error::Consortium(format!(
			"block {number} is not finalized (the finalized head is {finalized})"
		)));
	}
	let header = chain.header(number).await?;
	Ok(ConsortiumBlock {
		number,
		hash: B256::from(header.hash.0),
		state_root: B256::from(header.state_root.0),
		parent: B256::from(header.parent_hash.0),
	})
}

/// The digest the member keys sign for `checkpoint` on the contract at `contract` on chain
/// `chain_id` (EIP-712, domain `YinjiCheckpoints` version 1).
pub fn digest(checkpoint: &Checkpoint, chain_id: u64, contract: Address) -> B256 {
	let domain = eip712_domain! {
		name: "YinjiCheckpoints",
		version: "1",
		chain_id: chain_id,
		verifying_contract: contract,
	};
	checkpoint.eip712_signing_hash(&domain)
}

/// `keys`' signatures over `digest` (65 bytes `r ‖ s ‖ v`), ordered by signer address as the
/// contract requires.
pub fn sign(keys: &[PrivateKeySigner], digest: B256) -> Result<Vec<Bytes>, Error> {
	let mut signed = keys
		.iter()
		.map(|key| {
			let signature =
				key.sign_hash_sync(&digest).map_err(|e| Error::Signing(e.to_string()))?;
			Ok((key.address(), Bytes::from(signature.as_bytes().to_vec())))
		})
		.collect::<Result<Vec<_>, Error>>()?;
	signed.sort_by_key(|(address, _)| *address);
	Ok(signed.into_iter().map(|(_, signature)| signature).collect())
}

/// The checkpoints contract at `address`, reached through `provider`.
pub struct Checkpoints<P> {
	contract: YinjiCheckpoints::YinjiCheckpointsInstance<P>,
	chain_id: u64,
}

impl<P: Provider> Checkpoints<P> {
	/// The contract at `address`.
	pub async fn at(address: Address, provider: P) -> Result<Self, Error> {
		let chain_id = provider.get_chain_id().await.map_err(|e| Error::Evm(e.to_string()))?;
		Ok(Checkpoints { contract: YinjiCheckpoints::new(address, provider), chain_id })
	}

	/// Deploys a checkpoints contract accepting `threshold` of `signers`.
	pub async fn deploy(provider: P, signers: Vec<Address>, threshold: u64) -> Result<Self, Error> {
		let chain_id = provider.get_chain_id().await.map_err(|e| Error::Evm(e.to_string()))?;
		let contract =
			YinjiCheckpoints::deploy(provider, signers, alloy::primitives::U256::from(threshold))
				.await?;
		Ok(Checkpoints { contract, chain_id })
	}

	/// The contract's address.
	pub fn address(&self) -> Address {
		*self.contract.address()
	}

	/// The digest to sign for `checkpoint` on this contract.
	pub fn digest(&self, checkpoint: &Checkpoint) -> B256 {
		digest(checkpoint, self.chain_id, self.address())
	}

	/// Posts `checkpoint` with `signatures`. The call is simulated first, so a refusal comes
	/// back with the contract's reason (`NotAboveLatest`, `TooFewSignatures`, …) and costs
	/// nothing; then it is sent and its receipt awaited.
	pub async fn post(
		&self,
		checkpoint: &Checkpoint,
		signatures: Vec<Bytes>,
	) -> Result<B256, Error> {
		let call = self.contract.submit(
			checkpoint.blockNumber,
			checkpoint.blockHash,
			checkpoint.stateRoot,
			signatures,
		);
		call.call().await.map_err(refusal)?;
		let receipt =
			call.send().await?.get_receipt().await.map_err(|e| Error::Evm(e.to_string()))?;
		if !receipt.status() {
			return Err(Error::Evm(format!("checkpoint {} reverted", checkpoint.blockNumber)));
		}
		Ok(receipt.transaction_hash)
	}

	/// The latest checkpoint (number 0 before the first).
	pub async fn latest(&self) -> Result<Checkpoint, Error> {
		let latest = self.contract.latest().call().await?;
		Ok(Checkpoint {
			blockNumber: latest.blockNumber,
			blockHash: latest.blockHash,
			stateRoot: latest.stateRoot,
		})
	}
}

/// A contract refusal, named by its custom error when the contract has one.
fn refusal(error: alloy::contract::Error) -> Error {
	match error.as_decoded_interface_error::<YinjiCheckpoints::YinjiCheckpointsErrors>() {
		Some(reason) => Error::Evm(format!("refused: {reason:?}")),
		None => Error::Evm(error.to_string()),
	}
}

/// How a consortium block stands against the checkpoints on the EVM chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
	/// The block is committed by the checkpoint at `checkpoint`: it is that block, or its hash
	/// leads there through `links` parent hashes, each checked.
	Matches {
		/// The checkpoint's block number.
		checkpoint: u64,
		/// Parent links walked from the checkpoint down to the block.
		links: u64,
	},
	/// No checkpoint at or above the block yet.
	NotYetCheckpointed {
		/// The latest checkpoint's block number.
		latest: u64,
	},
	/// The consortium's history differs from what its members checkpointed.
	Differs {
		/// The block number where the two differ.
		at: u64,
		/// The hash the consortium node gives.
		consortium: B256,
		/// The hash the checkpoints commit to.
		checkpointed: B256,
	},
}

/// Checks the consortium's finalized block `number` against the latest checkpoint: the node's
/// block at the checkpoint's number must have the checkpointed hash and state root, and each
/// parent link from there down to `number` must hold.
pub async fn verify<P: Provider>(
	chain: &Chain,
	checkpoints: &Checkpoints<P>,
	number: u64,
) -> Result<Verdict, Error> {
	let latest = checkpoints.latest().await?;
	if latest.blockNumber < number || latest.blockNumber == 0 {
		return Ok(Verdict::NotYetCheckpointed { latest: latest.blockNumber });
	}
	let mut block = consortium_block(chain, latest.blockNumber).await?;
	if block.hash != latest.blockHash || block.state_root != latest.stateRoot {
		return Ok(Verdict::Differs {
			at: latest.blockNumber,
			consortium: block.hash,
			checkpointed: latest.blockHash,
		});
	}
	let mut links = 0;
	while block.number > number {
		let parent = consortium_block(chain, block.number - 1).await?;
		if parent.hash != block.parent {
			return Ok(Verdict::Differs {
				at: parent.number,
				consortium: parent.hash,
				checkpointed: block.parent,
			});
		}
		block = parent;
		links += 1;
	}
	Ok(Verdict::Matches { checkpoint: latest.blockNumber, links })
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloy::primitives::{address, b256, keccak256};

	/// The digest, built by hand from its definition in `YinjiCheckpoints.sol`.
	fn by_hand(checkpoint: &Checkpoint, chain_id: u64, contract: Address) -> B256 {
		let word = |value: u64| B256::left_padding_from(&value.to_be_bytes());
		let domain_type = keccak256(
			"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)",
		);
		let domain = keccak256(
			[
				domain_type,
				keccak256("YinjiCheckpoints"),
				keccak256("1"),
				word(chain_id),
				B256::left_padding_from(contract.as_slice()),
			]
			.concat(),
		);
		let type_hash =
			keccak256("Checkpoint(uint64 blockNumber,bytes32 blockHash,bytes32 stateRoot)");
		let data = keccak256(
			[type_hash, word(checkpoint.blockNumber), checkpoint.blockHash, checkpoint.stateRoot]
				.concat(),
		);
		keccak256([&[0x19, 0x01][..], domain.as_slice(), data.as_slice()].concat())
	}

	#[test]
	fn the_digest_is_the_one_the_contract_defines() {
		let checkpoint = Checkpoint {
			blockNumber: 1_234,
			blockHash: b256!("0x1111111111111111111111111111111111111111111111111111111111111111"),
			stateRoot: b256!("0x2222222222222222222222222222222222222222222222222222222222222222"),
		};
		let contract = address!("0x5FbDB2315678afecb367f032d93F642f64180aa3");
		assert_eq!(digest(&checkpoint, 31_337, contract), by_hand(&checkpoint, 31_337, contract));
		assert_ne!(digest(&checkpoint, 1, contract), digest(&checkpoint, 31_337, contract));
	}

	#[test]
	fn signatures_are_ordered_by_signer_and_recover_to_them() {
		let keys: Vec<PrivateKeySigner> = (1u8..=3)
			.map(|n| PrivateKeySigner::from_bytes(&B256::repeat_byte(n)).unwrap())
			.collect();
		let digest = B256::repeat_byte(9);
		let signatures = sign(&keys, digest).unwrap();
		let signers: Vec<Address> = signatures
			.iter()
			.map(|s| {
				assert_eq!(s.len(), 65);
				assert!(s[64] == 27 || s[64] == 28, "v is 27 or 28");
				alloy::primitives::Signature::try_from(&s[..])
					.unwrap()
					.recover_address_from_prehash(&digest)
					.unwrap()
			})
			.collect();
		let mut expected: Vec<Address> = keys.iter().map(|k| k.address()).collect();
		expected.sort();
		assert_eq!(signers, expected);
	}
}
