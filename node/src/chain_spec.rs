//! Chain specifications: the `dev` and `local` presets and consortium specs built from a file.

use sc_service::ChainType;
use serde::Deserialize;
use sp_core::crypto::Ss58Codec;
use yinji_runtime::{genesis_config_presets::Institution, AccountId, WASM_BINARY};

/// A chain specification of this node's runtime.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The runtime's wasm, or a clear error when the node was built with `SKIP_WASM_BUILD`.
fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's wasm was not built (SKIP_WASM_BUILD set?)".to_string())
}

/// Token properties shown by wallets.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "YJ".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

/// One validator (Alice), sudo for Alice.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("yinji development")
		.with_id("yinji_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Four institutions on one machine, no sudo.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("yinji local")
		.with_id("yinji_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// One institution in a consortium file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstitutionEntry {
	/// A name for people; not stored on chain.
	#[allow(dead_code)]
	name: String,
	/// SS58 address of the institution's account.
	account: String,
	/// SS58 address of its Aura (sr25519) session key.
	aura: String,
	/// SS58 address of its GRANDPA (ed25519) session key.
	grandpa: String,
	/// Its node's libp2p peer id (`12D3KooW…`).
	peer_id: String,
}

/// A consortium file: its institutions and the accounts funded at genesis.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsortiumFile {
	institutions: Vec<InstitutionEntry>,
	#[serde(default)]
	endowed: Vec<(String, u128)>,
}

/// A consortium chain spec from the JSON file at `path`.
pub fn consortium_chain_spec(
	path: &std::path::Path,
	name: &str,
	id: &str,
) -> Result<ChainSpec, String> {
	let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
	let file: ConsortiumFile =
		serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
	if file.institutions.is_empty() {
		return Err(format!("{}: a consortium needs at least one institution", path.display()));
	}
	let account = |text: &str, what: &str| {
		AccountId::from_ss58check(text).map_err(|e| format!("{what} {text}: {e:?}"))
	};
	let institutions = file
		.institutions
		.iter()
		.map(|entry| {
			let peer_id = sc_network::PeerId::from_str_checked(&entry.peer_id)
				.map_err(|e| format!("peer id {}: {e}", entry.peer_id))?;
			Ok(Institution {
				account: account(&entry.account, "account")?,
				aura: sp_consensus_aura::sr25519::AuthorityId::from_ss58check(&entry.aura)
					.map_err(|e| format!("aura key {}: {e:?}", entry.aura))?,
				grandpa: sp_consensus_grandpa::AuthorityId::from_ss58check(&entry.grandpa)
					.map_err(|e| format!("grandpa key {}: {e:?}", entry.grandpa))?,
				peer_id: peer_id.to_bytes(),
			})
		})
		.collect::<Result<Vec<_>, String>>()?;
	let endowed = file
		.endowed
		.iter()
		.map(|(who, amount)| Ok((account(who, "endowed account")?, *amount)))
		.collect::<Result<Vec<_>, String>>()?;
	let genesis =
		yinji_runtime::genesis_config_presets::consortium_genesis(&institutions, &endowed, None);
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(ChainType::Live)
		.with_genesis_config_patch(genesis)
		.with_properties(properties())
		.build())
}

/// Parses a peer id the way libp2p prints it.
trait FromStrChecked: Sized {
	fn from_str_checked(text: &str) -> Result<Self, String>;
}

impl FromStrChecked for sc_network::PeerId {
	fn from_str_checked(text: &str) -> Result<Self, String> {
		text.parse().map_err(|e| format!("{e:?}"))
	}
}
