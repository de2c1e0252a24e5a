//! NTAG 424 DNA Secure Unique NFC, AES mode, as NXP's AN12196 describes it.
//!
//! A tap gives `e` (the PICCData: tag byte, UID, read counter, encrypted with the SDM meta-read
//! key), `c` (the SDM MAC, truncated to 8 bytes) and, when the tag mirrors file data, `enc`
//! (encrypted with a session key; its first two characters are the TagTamper status).
//!
//! Written here rather than taken from the `ntag424` crate because each step must be visible
//! to test against the published vectors (session keys, IV) and to tell a wrong key epoch from
//! an altered URL; the tests check this module against `ntag424`'s verifier too
//! (docs/decisions/0006-sun-verification.md).

use aes::{
	cipher::{BlockDecrypt, BlockEncrypt, KeyInit},
	Aes128, Block,
};
use cmac::{Cmac, Mac};
use subtle::ConstantTimeEq;

/// An AES-128 key.
pub type Key = [u8; 16];

/// The tag byte of PICCData that mirrors the UID (bit 7) and the read counter (bit 6) with a
/// UID of 7 bytes (bits 3..0): the only layout yinji's tags use.
pub const TAG_UID_AND_COUNTER: u8 = 0xC7;

/// What the PICCData of a tap holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PiccData {
	/// The tag's 7-byte UID.
	pub uid: [u8; 7],
	/// The SDM read counter (24 bits), incremented by the tag on every read.
	pub counter: u32,
}

impl PiccData {
	/// The counter as the tag mirrors it: three bytes, least significant first.
	pub fn counter_bytes(&self) -> [u8; 3] {
		let [a, b, c, _] = self.counter.to_le_bytes();
		[a, b, c]
	}
}

/// The session keys of one read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionKeys {
	/// `K_SesSDMFileReadMAC`: keys the SDM MAC.
	pub mac: Key,
	/// `K_SesSDMFileReadENC`: encrypts the mirrored file data.
	pub enc: Key,
}

fn cipher(key: &Key) -> Aes128 {
	Aes128::new(key.into())
}

/// AES-CMAC of `message` under `key`.
pub fn cmac(key: &Key, message: &[u8]) -> [u8; 16] {
	let mut mac = <Cmac<Aes128> as KeyInit>::new(key.into());
	mac.update(message);
	mac.finalize().into_bytes().into()
}

/// Decrypts `e` (one AES block, CBC with a zero IV) with the meta-read key. Returns the tag byte
/// and, when it is [`TAG_UID_AND_COUNTER`], the UID and counter; the trailing random padding is
/// ignored.
pub fn decrypt_picc(meta_key: &Key, e: &[u8; 16]) -> Result<PiccData, u8> {
	let mut block = Block::from(*e);
	cipher(meta_key).decrypt_block(&mut block);
	let plain: [u8; 16] = block.into();
	if plain[0] != TAG_UID_AND_COUNTER {
		return Err(plain[0]);
	}
	let mut uid = [0; 7];
	uid.copy_from_slice(&plain[1..8]);
	let counter = u32::from_le_bytes([plain[8], plain[9], plain[10], 0]);
	Ok(PiccData { uid, counter })
}

/// Encrypts PICCData as a tag does (the inverse of [`decrypt_picc`]), with `padding` as the
/// five random bytes. For issuing test reads and simulating tags.
pub fn encrypt_picc(meta_key: &Key, picc: &PiccData, padding: [u8; 5]) -> [u8; 16] {
	let mut plain = [0u8; 16];
	plain[0] = TAG_UID_AND_COUNTER;
	plain[1..8].copy_from_slice(&picc.uid);
	plain[8..11].copy_from_slice(&picc.counter_bytes());
	plain[11..].copy_from_slice(&padding);
	let mut block = Block::from(plain);
	cipher(meta_key).encrypt_block(&mut block);
	block.into()
}

/// The session vector of a read: `prefix || UID || counter` (16 bytes when both are mirrored).
fn session_vector(prefix: [u8; 2], picc: &PiccData) -> [u8; 16] {
	let mut vector = [0u8; 16];
	vector[..6].copy_from_slice(&[prefix[0], prefix[1], 0x00, 0x01, 0x00, 0x80]);
	vector[6..13].copy_from_slice(&picc.uid);
	vector[13..].copy_from_slice(&picc.counter_bytes());
	vector
}

/// The session keys of a read, from the tag's file-read key: CMAC over SV2 (`3CC3…`) for the
/// MAC key and over SV1 (`C33C…`) for the encryption key.
pub fn session_keys(file_key: &Key, picc: &PiccData) -> SessionKeys {
	SessionKeys {
		mac: cmac(file_key, &session_vector([0x3C, 0xC3], picc)),
		enc: cmac(file_key, &session_vector([0xC3, 0x3C], picc)),
	}
}

/// The SDM MAC over `input`: the CMAC's bytes at odd indices (NXP's "even-numbered bytes").
pub fn sdm_mac(mac_key: &Key, input: &[u8]) -> [u8; 8] {
	let full = cmac(mac_key, input);
	core::array::from_fn(|i| full[2 * i + 1])
}

/// Whether `mac` is the SDM MAC of `input`, compared in constant time.
pub fn mac_matches(mac_key: &Key, input: &[u8], mac: &[u8; 8]) -> bool {
	sdm_mac(mac_key, input).ct_eq(mac).into()
}

/// The IV of the mirrored file data: AES-ECB of `counter || 0^13` under the encryption key.
pub fn file_data_iv(enc_key: &Key, picc: &PiccData) -> [u8; 16] {
	let mut block = [0u8; 16];
	block[..3].copy_from_slice(&picc.counter_bytes());
	let mut block = Block::from(block);
	cipher(enc_key).encrypt_block(&mut block);
	block.into()
}

/// Decrypts mirrored file data (AES-CBC under the encryption key with [`file_data_iv`]).
/// `None` when `enc` is not a whole number of blocks.
pub fn decrypt_file_data(enc_key: &Key, picc: &PiccData, enc: &[u8]) -> Option<Vec<u8>> {
	if enc.is_empty() || !enc.len().is_multiple_of(16) {
		return None;
	}
	let aes = cipher(enc_key);
	let mut previous = file_data_iv(enc_key, picc);
	let mut plain = Vec::with_capacity(enc.len());
	for chunk in enc.chunks_exact(16) {
		// `chunks_exact(16)` gives 16 bytes. qed
		let chunk: [u8; 16] = chunk.try_into().unwrap_or_default();
		let mut block = Block::from(chunk);
		aes.decrypt_block(&mut block);
		plain.extend(block.iter().zip(previous).map(|(b, p)| b ^ p));
		previous = chunk;
	}
	Some(plain)
}

/// Encrypts file data as a tag mirrors it (the inverse of [`decrypt_file_data`]); `plain` must
/// be a whole number of blocks. For simulating tags.
pub fn encrypt_file_data(enc_key: &Key, picc: &PiccData, plain: &[u8]) -> Option<Vec<u8>> {
	if plain.is_empty() || !plain.len().is_multiple_of(16) {
		return None;
	}
	let aes = cipher(enc_key);
	let mut previous = file_data_iv(enc_key, picc);
	let mut encrypted = Vec::with_capacity(plain.len());
	for chunk in plain.chunks_exact(16) {
		let mixed: [u8; 16] = core::array::from_fn(|i| chunk[i] ^ previous[i]);
		let mut block = Block::from(mixed);
		aes.encrypt_block(&mut block);
		previous = block.into();
		encrypted.extend_from_slice(&previous);
	}
	Some(encrypted)
}

#[cfg(test)]
mod tests {
	//! NXP AN12196 (AES mode), as reproduced in `shared` reference notes: each step, and every
	//! one-bit change of the inputs rejected.
	use super::*;

	fn h<const N: usize>(text: &str) -> [u8; N] {
		hex::decode(text).unwrap().try_into().unwrap()
	}

	const ZERO: Key = [0; 16];

	#[test]
	fn table_1_session_keys() {
		let picc = PiccData { uid: h("04C767F2066180"), counter: 1 };
		let keys = session_keys(&h("5ACE7E50AB65D5D51FD5BF5A16B8205B"), &picc);
		assert_eq!(
			session_vector([0x3C, 0xC3], &picc),
			h::<16>("3CC30001008004C767F2066180010000")
		);
		assert_eq!(keys.mac, h::<16>("3A3E8110E05311F7A3FCF0D969BF2B48"));
		assert_eq!(keys.enc, h::<16>("66DA61797E23DECA5D8ECA13BBADF7A9"));
	}

	#[test]
	fn tables_2_and_4_picc_data_with_an_empty_mac_input() {
		let picc = decrypt_picc(&ZERO, &h("EF963FF7828658A599F3041510671E88")).unwrap();
		assert_eq!(picc, PiccData { uid: h("04DE5F1EACC040"), counter: 61 });
		let keys = session_keys(&ZERO, &picc);
		assert_eq!(keys.mac, h::<16>("3FB5F6E3A807A03D5E3570ACE393776F"));
		assert_eq!(cmac(&keys.mac, b""), h::<16>("E194C7EE12D9F7EE8A65C8331B704386"));
		assert_eq!(sdm_mac(&keys.mac, b""), h::<8>("94EED9EE65337086"));
		assert!(mac_matches(&keys.mac, b"", &h("94EED9EE65337086")));
		assert!(!mac_matches(&keys.mac, b"", &h("94EED9EE65337087")));
	}

	#[test]
	fn table_3_file_data() {
		let picc = decrypt_picc(&ZERO, &h("FDE4AFA99B5C820A2C1BB0F1C792D0EB")).unwrap();
		assert_eq!(picc, PiccData { uid: h("04958CAA5C5E80"), counter: 1 });
		let keys = session_keys(&ZERO, &picc);
		assert_eq!(keys.enc, h::<16>("8097D73344D53F963B09E23E03B62336"));
		assert_eq!(file_data_iv(&keys.enc, &picc), h::<16>("7B3F3CFC39D3B7FF5868636E38AF7C3A"));
		let plain =
			decrypt_file_data(&keys.enc, &picc, &h::<16>("94592FDE69FA06E8E3B6CA686A22842B"));
		assert_eq!(plain.as_deref(), Some(&b"xxxxxxxxxxxxxxxx"[..]));
	}

	#[test]
	fn table_5_non_empty_mac_input() {
		let picc = decrypt_picc(&ZERO, &h("FD91EC264309878BE6345CBE53BADF40")).unwrap();
		assert_eq!(picc, PiccData { uid: h("04958CAA5C5E80"), counter: 8 });
		let keys = session_keys(&ZERO, &picc);
		assert_eq!(
			session_vector([0x3C, 0xC3], &picc),
			h::<16>("3CC30001008004958CAA5C5E80080000")
		);
		assert_eq!(keys.mac, h::<16>("3ED0920E5E6A0320D823D5987FEAFBB1"));
		let input = b"CEE9A53E3E463EF1F459635736738962&cmac=";
		assert_eq!(cmac(&keys.mac, input), h::<16>("81EC45C175E72FF6FAC61BC7AB3BAEF6"));
		assert!(mac_matches(&keys.mac, input, &h("ECC1E7F6C6C73BF6")));
		assert!(!mac_matches(&keys.mac, input, &h("3CC1E7F6C6C33B33")));
		let plain =
			decrypt_file_data(&keys.enc, &picc, &h::<16>("CEE9A53E3E463EF1F459635736738962"));
		assert_eq!(plain.as_deref(), Some(&b"xxxxxxxxxxxxxxxx"[..]));
	}

	#[test]
	fn a_tag_simulated_here_reads_back() {
		let (meta, file) = ([7; 16], [9; 16]);
		let picc = PiccData { uid: [4, 1, 2, 3, 4, 5, 6], counter: 0x01_02_03 };
		let e = encrypt_picc(&meta, &picc, [1, 2, 3, 4, 5]);
		assert_eq!(decrypt_picc(&meta, &e), Ok(picc));
		let keys = session_keys(&file, &picc);
		let data = *b"CCxxxxxxxxxxxxxxyyyyyyyyyyyyyyyy";
		let enc = encrypt_file_data(&keys.enc, &picc, &data).unwrap();
		assert_eq!(decrypt_file_data(&keys.enc, &picc, &enc).as_deref(), Some(&data[..]));
		assert_eq!(decrypt_file_data(&keys.enc, &picc, &enc[..20]), None);
		assert!(decrypt_picc(&[8; 16], &e).is_err() || decrypt_picc(&[8; 16], &e) != Ok(picc));
	}
}
