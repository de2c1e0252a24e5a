//! What an NFC tag is programmed with (programming the hardware is the tag station's job): its
//! five application keys, the NDEF file holding the URL template with its placeholders, and the
//! `ChangeFileSettings` payload that turns on Secure Dynamic Messaging over it. The NDEF file
//! and the settings come from the `ntag424` crate's template compiler.

use crate::{keys::EpochKeys, Error, Result};
use ntag424::{
	sdm::{sdm_url_config, SdmUrlOptions},
	types::{
		file_settings::{Access, AccessRights, CommMode, CryptoMode, FileSettingsUpdate},
		KeyNumber,
	},
};

/// The tap URL template of key epoch `epoch` on the gateway at `base` (`https://shop.example`):
/// encrypted PICCData, then 16 bytes of encrypted file data starting with the TagTamper status,
/// then the MAC, which covers the file data and `&c=` (NXP's layout).
pub fn template(base: &str, epoch: u32) -> String {
	format!(
		"{}/t/{epoch}?e={{picc}}&enc=[[[{{tt}}{}]&c={{mac}}",
		base.trim_end_matches('/'),
		"0".repeat(30)
	)
}

/// A tag's personalization, as the tag station reads it (hex everywhere).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Personalization {
	/// The tag's UID.
	pub uid: String,
	/// The key epoch its keys belong to.
	pub key_epoch: u32,
	/// Application keys 0 to 4, to set with `ChangeKey` (key 0 last).
	pub keys: [String; 5],
	/// The URL template, for people.
	pub url_template: String,
	/// The NDEF file (file 2) to write.
	pub ndef_file: String,
	/// The `ChangeFileSettings` payload for the NDEF file (without the file number): plain
	/// communication, free read, writes and changes with key 0, SDM as the template says.
	pub file_settings: String,
	/// sha2-256 of the UID: what the chain binds to the item.
	pub tag_hash: String,
}

/// The personalization of the tag with `uid` under `keys`, for the gateway at `base`.
pub fn personalize(keys: &EpochKeys, uid: &[u8; 7], base: &str) -> Result<Personalization> {
	let url_template = template(base, keys.epoch());
	let options = SdmUrlOptions {
		picc_key: KeyNumber::Key1,
		mac_key: KeyNumber::Key2,
		..SdmUrlOptions::default()
	};
	let plan = sdm_url_config(&url_template, CryptoMode::Aes, options)
		.map_err(|e| Error::Template(e.to_string()))?;
	let rights = AccessRights {
		read: Access::Free,
		write: Access::Key(KeyNumber::Key0),
		read_write: Access::Key(KeyNumber::Key0),
		change: Access::Key(KeyNumber::Key0),
	};
	let update = FileSettingsUpdate::new(CommMode::Plain, rights).with_sdm(plan.sdm_settings);
	let mut settings = [0u8; ntag424::types::file_settings::MAX_CHANGE_FILE_SETTINGS_LEN];
	let length = update.encode(&mut settings).map_err(|e| Error::Template(e.to_string()))?;
	Ok(Personalization {
		uid: hex::encode_upper(uid),
		key_epoch: keys.epoch(),
		keys: keys.application_keys(uid).map(hex::encode_upper),
		url_template,
		ndef_file: hex::encode_upper(&plan.ndef_bytes),
		file_settings: hex::encode_upper(&settings[..length]),
		tag_hash: tag_hash_hex(uid),
	})
}

/// sha2-256 of a tag's UID, as the chain's tag bindings key it.
pub fn tag_hash(uid: &[u8]) -> [u8; 32] {
	use sha2::Digest;
	sha2::Sha256::digest(uid).into()
}

fn tag_hash_hex(uid: &[u8]) -> String {
	format!("0x{}", hex::encode(tag_hash(uid)))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{keys::TagRoot, tap};
	use ntag424::sdm::{parse_ndef_uri, Verifier};

	/// The NDEF file a tag serves for a read: the programmed file with the placeholders of the
	/// template replaced, at the same offsets, by what the tag mirrors.
	fn served(personal: &Personalization, query: &str) -> Vec<u8> {
		let mut file = hex::decode(&personal.ndef_file).unwrap();
		let start = file.iter().position(|b| *b == b'?').unwrap() + 1;
		assert_eq!(file.len() - start, query.len(), "the tap has the template's length");
		file[start..].copy_from_slice(query.as_bytes());
		file
	}

	#[test]
	fn the_ntag424_verifier_accepts_what_this_crate_verifies() {
		let keys = TagRoot::new([5; 16]).epoch(2);
		let uid = [0x04, 0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45];
		let personal = personalize(&keys, &uid, "https://shop.example/").unwrap();
		assert_eq!(
			personal.url_template,
			format!(
				"https://shop.example/t/2?e={{picc}}&enc=[[[{{tt}}{}]&c={{mac}}",
				"0".repeat(30)
			)
		);
		assert!(parse_ndef_uri(&hex::decode(&personal.ndef_file).unwrap())
			.unwrap()
			.as_ref()
			.starts_with("https://shop.example/t/2?e="));
		let options = SdmUrlOptions {
			picc_key: KeyNumber::Key1,
			mac_key: KeyNumber::Key2,
			..SdmUrlOptions::default()
		};
		let plan = sdm_url_config(&personal.url_template, CryptoMode::Aes, options).unwrap();
		let verifier = Verifier::try_new(&plan.sdm_settings, CryptoMode::Aes).unwrap();
		for (counter, status) in [(1, b"CC"), (77, b"OC"), (0xFF_FFFE, b"OO")] {
			let query = tap::simulate(&keys, uid, counter, Some(status));
			let ours = tap::verify(&keys, &query).unwrap();
			let file = served(&personal, &query);
			let theirs = verifier
				.verify_with_meta_key(&file, &keys.file_key(&uid), &keys.meta_key())
				.unwrap_or_else(|e| panic!("ntag424 rejects {query}: {e}"));
			assert_eq!(theirs.uid, Some(ours.uid));
			assert_eq!(theirs.read_ctr, Some(ours.counter));
			assert_eq!(theirs.enc_file_data, ours.file_data);
			// And a MAC one bit off fails in both.
			let mut bad = query.clone().into_bytes();
			let last = bad.len() - 1;
			bad[last] = if bad[last] == b'0' { b'1' } else { b'0' };
			let bad = String::from_utf8(bad).unwrap();
			assert!(tap::verify(&keys, &bad).is_err());
			assert!(verifier
				.verify_with_meta_key(
					&served(&personal, &bad),
					&keys.file_key(&uid),
					&keys.meta_key()
				)
				.is_err());
		}
		assert_eq!(personal.keys[1], hex::encode_upper(keys.meta_key()));
		assert_eq!(personal.tag_hash.len(), 66);
		assert!(!personal.file_settings.is_empty());
	}
}
