//! Genesis presets: `development` (one validator, sudo), `local_testnet` (four institutions, no
//! sudo) and [`consortium_genesis`], which the node's `consortium-spec` command uses to build a
//! network from a file listing the institutions.

use crate::{
	configs::SETTLEMENT_SPONSOR_ENDOWMENT, AccountId, Balance, BalancesConfig,
	RuntimeGenesisConfig, SessionKeys, SudoConfig, UNIT,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::OpaquePeerId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// A member institution at genesis: a validator, a council member and an allow-listed node.
#[derive(Clone)]
pub struct Institution {
	/// The institution's account (its council seat and validator id).
	pub account: AccountId,
	/// Its Aura key.
	pub aura: AuraId,
	/// Its GRANDPA key.
	pub grandpa: GrandpaId,
	/// The libp2p peer id of its node, as bytes.
	pub peer_id: Vec<u8>,
}

/// The genesis of a consortium network: every institution a validator, a member and the owner
/// of an allow-listed node; `endowed` accounts funded; sudo only if `sudo` names a key.
pub fn consortium_genesis(
	institutions: &[Institution],
	endowed: &[(AccountId, Balance)],
	sudo: Option<AccountId>,
) -> Value {
	let accounts: Vec<AccountId> = institutions.iter().map(|i| i.account.clone()).collect();
	let mut balances: Vec<(AccountId, Balance)> = endowed.to_vec();
	for account in &accounts {
		if !balances.iter().any(|(who, _)| who == account) {
			balances.push((account.clone(), 1_000_000 * UNIT));
		}
	}
	balances.push((crate::configs::Sponsor::get(), SETTLEMENT_SPONSOR_ENDOWMENT));
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validator_set: pallet_validator_set::GenesisConfig { validators: accounts.clone() },
		session: pallet_session::GenesisConfig {
			keys: institutions
				.iter()
				.map(|i| {
					let keys = SessionKeys { aura: i.aura.clone(), grandpa: i.grandpa.clone() };
					(i.account.clone(), i.account.clone(), keys)
				})
				.collect::<Vec<_>>(),
		},
		institutions: pallet_membership::GenesisConfig {
			members: accounts.clone().try_into().unwrap_or_default(),
		},
		node_authorization: pallet_node_authorization::GenesisConfig {
			nodes: institutions
				.iter()
				.map(|i| (OpaquePeerId::new(i.peer_id.clone()), i.account.clone()))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo },
		// The settlement asset exists from genesis, sufficient (an account needs no native
		// balance to hold it), owned by a keyless account: only the issuer the council names
		// mints it (`Marketplace.issue_settlement`). A yuan of it is 100 fen.
		assets: pallet_assets::GenesisConfig {
			assets: vec![(
				crate::configs::SETTLEMENT_ASSET,
				crate::configs::SettlementAssetOwner::get(),
				true,
				1,
			)],
			metadata: vec![(
				crate::configs::SETTLEMENT_ASSET,
				"结算人民币 Settlement yuan".as_bytes().to_vec(),
				b"CNY".to_vec(),
				crate::configs::SETTLEMENT_DECIMALS,
			)],
		},
	})
}

/// The node key secrets of the test networks' nodes, one per well-known keyring account, in
/// the order Alice, Bob, Charlie, Dave, Eve, Ferdie: node `n` uses the 32-byte secret whose
/// every byte is `n` (`--node-key 0101…01`). Never use them outside a test network.
pub const TEST_NODE_KEY_BYTES: [u8; 6] = [1, 2, 3, 4, 5, 6];

/// The peer ids of the test node keys (`multihash(identity, protobuf(ed25519 public key))`).
const TEST_PEER_IDS: [&str; 6] = [
	"0024080112208a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c",
	"0024080112208139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394",
	"002408011220ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1",
	"002408011220ca93ac1705187071d67b83c7ff0efe8108e8ec4530575d7726879333dbdabe7c",
	"0024080112206e7a1cdd29b0b78fd13af4c5598feff4ef2a97166e3ca6f2e4fbfccd80505bf1",
	"0024080112208a875fff1eb38451577acd5afee405456568dd7c89e090863a0557bc7af49f17",
];

/// The peer id bytes of test node `index` (0 for Alice's).
pub fn test_peer_id(index: usize) -> Vec<u8> {
	let hex = TEST_PEER_IDS[index % TEST_PEER_IDS.len()].as_bytes();
	hex.chunks(2)
		.map(|pair| {
			let digit = |c: u8| (c as char).to_digit(16).unwrap_or_default() as u8;
			digit(pair[0]) * 16 + digit(pair[1])
		})
		.collect()
}

/// A test institution from the well-known keyring.
fn test_institution(index: usize, sr: Sr25519Keyring, ed: Ed25519Keyring) -> Institution {
	Institution {
		account: sr.to_account_id(),
		aura: sr.public().into(),
		grandpa: ed.public().into(),
		peer_id: test_peer_id(index),
	}
}

/// Every well-known keyring account, funded.
fn test_endowment() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::iter().map(|k| (k.to_account_id(), 1_000_000 * UNIT)).collect()
}

/// One validator (Alice), Alice the only member and the sudo key.
pub fn development_config_genesis() -> Value {
	consortium_genesis(
		&[test_institution(0, Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		&test_endowment(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// Four institutions (Alice, Bob, Charlie, Dave), each a validator, a member and an allow-listed
/// node; no sudo.
pub fn local_config_genesis() -> Value {
	let institutions = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	]
	.into_iter()
	.enumerate()
	.map(|(index, (sr, ed))| test_institution(index, sr, ed))
	.collect::<Vec<_>>();
	consortium_genesis(&institutions, &test_endowment(), None)
}

/// The preset named `id`, as JSON bytes.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
