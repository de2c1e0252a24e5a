//! Bindings of the mirror's contracts, generated from the committed artifacts (ABI and
//! bytecode) that `contracts/compile.mjs` writes and checks against `contracts/src/`.

#![allow(missing_docs)] // The generated items carry the contracts' NatSpec instead.

alloy::sol!(
	#[sol(rpc)]
	#[derive(Debug)]
	YinjiCheckpoints,
	"../artifacts/YinjiCheckpoints.json"
);

alloy::sol!(
	#[sol(rpc)]
	#[derive(Debug)]
	YinjiCollection,
	"../artifacts/YinjiCollection.json"
);

alloy::sol! {
	/// A checkpoint as the member keys sign it (EIP-712 type
	/// `Checkpoint(uint64 blockNumber,bytes32 blockHash,bytes32 stateRoot)`).
	#[derive(Debug, PartialEq, Eq)]
	struct Checkpoint {
		uint64 blockNumber;
		bytes32 blockHash;
		bytes32 stateRoot;
	}
}
