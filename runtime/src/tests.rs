//! Tests of the presets and the runtime's wiring, in native execution.

use crate::{genesis_config_presets, Runtime, RuntimeGenesisConfig};
use serde_json::Value;
use sp_core::Pair;
use sp_runtime::BuildStorage;

/// Merges `patch` into `base`, as the node does with a preset.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// Externalities with the genesis of preset `id`.
fn genesis(id: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&id.into()).expect("the preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, serde_json::from_slice(&patch).expect("the preset is JSON"));
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a valid genesis");
	config.build_storage().expect("the genesis builds").into()
}

#[test]
fn presets_are_listed() {
	let names: Vec<String> = genesis_config_presets::preset_names()
		.into_iter()
		.map(|id| {
			let name: &str = id.as_ref();
			name.to_string()
		})
		.collect();
	assert_eq!(names, vec!["development", "local_testnet"]);
}

#[test]
fn local_preset_makes_four_institutions_without_sudo() {
	genesis("local_testnet").execute_with(|| {
		assert_eq!(pallet_validator_set::Validators::<Runtime>::get().len(), 4);
		assert_eq!(
			pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get().len(),
			4
		);
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			4
		);
		assert_eq!(pallet_node_authorization::WellKnownNodes::<Runtime>::get().len(), 4);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert!(pallet_sudo::Key::<Runtime>::get().is_none(), "no sudo outside development");
		let sponsor = crate::configs::Sponsor::get();
		assert!(
			pallet_balances::Pallet::<Runtime>::free_balance(sponsor) > 0,
			"the sponsor is funded"
		);
	});
}

#[test]
fn development_preset_has_one_validator_and_sudo() {
	genesis("development").execute_with(|| {
		let alice = sp_keyring::Sr25519Keyring::Alice.to_account_id();
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice));
	});
}

#[test]
fn test_peer_ids_match_the_node_keys() {
	// Alice's node key is 32 bytes of 0x01; its peer id is the identity multihash of the
	// protobuf-encoded ed25519 public key.
	let public = sp_core::ed25519::Pair::from_seed(&[1u8; 32]).public();
	let mut expected = vec![0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	expected.extend_from_slice(&public.0);
	assert_eq!(genesis_config_presets::test_peer_id(0), expected);
}

#[test]
fn the_settlement_asset_exists_from_genesis_and_no_institution_creates_or_mints_one() {
	use crate::configs::{SettlementAssetOwner, SETTLEMENT_ASSET, SETTLEMENT_DECIMALS};
	use frame_support::{assert_noop, traits::fungibles::Inspect};
	for preset in ["development", "local_testnet"] {
		genesis(preset).execute_with(|| {
			let asset = pallet_assets::Asset::<Runtime>::get(SETTLEMENT_ASSET)
				.expect("the settlement asset is created at genesis");
			assert!(asset.is_sufficient, "holding it needs no native balance");
			assert_eq!(asset.owner, SettlementAssetOwner::get());
			assert_eq!(asset.issuer, SettlementAssetOwner::get(), "no institution is its issuer");
			assert_eq!(pallet_assets::Pallet::<Runtime>::total_issuance(SETTLEMENT_ASSET), 0);
			let metadata = pallet_assets::Metadata::<Runtime>::get(SETTLEMENT_ASSET);
			assert_eq!(metadata.decimals, SETTLEMENT_DECIMALS);
			assert_eq!(metadata.symbol.into_inner(), b"CNY".to_vec());

			// A member institution, alone, can neither create an asset nor mint this one.
			let bob = sp_keyring::Sr25519Keyring::Bob.to_account_id();
			let institution = crate::RuntimeOrigin::signed(bob.clone());
			assert!(pallet_assets::Pallet::<Runtime>::create(
				institution.clone(),
				7.into(),
				bob.clone().into(),
				1
			)
			.is_err());
			assert_noop!(
				pallet_assets::Pallet::<Runtime>::mint(
					institution.clone(),
					SETTLEMENT_ASSET.into(),
					bob.clone().into(),
					1_000
				),
				pallet_assets::Error::<Runtime>::NoPermission
			);
			assert_noop!(
				pallet_marketplace::Pallet::<Runtime>::issue_settlement(
					institution.clone(),
					bob.clone(),
					1_000,
					[0; 32]
				),
				pallet_marketplace::Error::<Runtime>::NotIssuer
			);
			assert_noop!(
				pallet_marketplace::Pallet::<Runtime>::set_settlement_issuer(
					institution,
					Some(bob)
				),
				sp_runtime::DispatchError::BadOrigin
			);
		});
	}
}
