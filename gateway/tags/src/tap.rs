//! A tap: the query of the URL an NTAG 424 DNA tag produced, parsed and verified.
//!
//! Parameters: `e` (or NXP's `picc_data`) with the encrypted PICCData, `c` (or `cmac`) with the
//! SDM MAC, and optionally `enc` with encrypted file data, whose first two characters are the
//! TagTamper status. The MAC covers, as the tag computes it, the raw query from the start of
//! `enc`'s value to the start of the MAC's value (NXP's layout), or nothing when there is no
//! `enc`. yinji's template (see [`crate::personalize`]) is laid out that way.

use crate::{keys::EpochKeys, sun, Error, Result};

/// The parts of a tap URL, with the bytes its MAC covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TapQuery<'a> {
	/// Encrypted PICCData.
	pub picc: [u8; 16],
	/// The SDM MAC.
	pub mac: [u8; 8],
	/// Encrypted file data, when mirrored.
	pub enc: Option<Vec<u8>>,
	/// What the MAC covers.
	pub mac_input: &'a [u8],
}

/// Where a parameter's value sits in the query: its byte range.
fn find(query: &str, names: &[&'static str]) -> Result<Option<(usize, usize)>> {
	let mut found = None;
	let mut offset = 0;
	for pair in query.split('&') {
		if let Some((name, value)) = pair.split_once('=') {
			if names.contains(&name) {
				if found.is_some() {
					return Err(Error::Repeated(names[0]));
				}
				let start = offset + name.len() + 1;
				found = Some((start, start + value.len()));
			}
		}
		offset += pair.len() + 1;
	}
	Ok(found)
}

fn hex_array<const N: usize>(text: &str, name: &'static str) -> Result<[u8; N]> {
	let bad = || Error::BadHex { name, expected: 2 * N };
	if text.len() != 2 * N {
		return Err(bad());
	}
	let bytes = hex::decode(text).map_err(|_| bad())?;
	bytes.try_into().map_err(|_| bad())
}

/// Parses the query of a tap URL (the part after `?`).
pub fn parse(query: &str) -> Result<TapQuery<'_>> {
	let (picc_start, picc_end) = find(query, &["e", "picc_data"])?.ok_or(Error::Missing("e"))?;
	let (mac_start, mac_end) = find(query, &["c", "cmac"])?.ok_or(Error::Missing("c"))?;
	let picc = hex_array::<16>(&query[picc_start..picc_end], "e")?;
	let mac = hex_array::<8>(&query[mac_start..mac_end], "c")?;
	let (enc, mac_input) = match find(query, &["enc"])? {
		None => (None, &b""[..]),
		Some((start, end)) => {
			let text = &query[start..end];
			let bad = Error::BadHex { name: "enc", expected: 32 };
			if text.is_empty() || !text.len().is_multiple_of(32) || start > mac_start {
				return Err(bad);
			}
			let enc = hex::decode(text).map_err(|_| bad)?;
			(Some(enc), &query.as_bytes()[start..mac_start])
		}
	};
	Ok(TapQuery { picc, mac, enc, mac_input })
}

/// One loop of a tag's tamper wire, as the tag reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Loop {
	/// Closed (`C`).
	Closed,
	/// Open (`O`).
	Open,
	/// Tamper detection not enabled (`I`).
	NotEnabled,
	/// Anything else: the tag's data is not a tamper status.
	Unknown,
}

impl Loop {
	fn from_ascii(byte: u8) -> Loop {
		match byte {
			b'C' => Loop::Closed,
			b'O' => Loop::Open,
			b'I' => Loop::NotEnabled,
			_ => Loop::Unknown,
		}
	}
}

/// A tag's TagTamper status: whether the loop was ever opened, and whether it is open now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Tamper {
	/// Ever opened (the permanent status).
	pub permanent: Loop,
	/// Open now.
	pub current: Loop,
}

impl Tamper {
	/// Whether the seal shows it was opened, now or before.
	pub fn opened(&self) -> bool {
		self.permanent == Loop::Open || self.current == Loop::Open
	}
}

/// A verified tap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tap {
	/// The key epoch whose keys verified it.
	pub epoch: u32,
	/// The tag's UID.
	pub uid: [u8; 7],
	/// The tag's read counter at this tap.
	pub counter: u32,
	/// The tamper status, when the tag mirrors file data.
	pub tamper: Option<Tamper>,
	/// The decrypted file data, when mirrored.
	pub file_data: Option<Vec<u8>>,
}

/// Verifies the query of a tap URL with the keys of the epoch it names: decrypts PICCData,
/// derives the tag's file key and the session keys, checks the MAC in constant time, and
/// decrypts the file data. The counter is not judged here: whether it is fresh is a question
/// for the record of earlier taps.
pub fn verify(keys: &EpochKeys, query: &str) -> Result<Tap> {
	let parsed = parse(query)?;
	let picc = match sun::decrypt_picc(&keys.meta_key(), &parsed.picc) {
		Ok(picc) => picc,
		Err(tag_byte) => {
			// The same work as a MAC check, so that a wrong key does not answer faster.
			let _ = sun::mac_matches(&keys.meta_key(), parsed.mac_input, &parsed.mac);
			return Err(Error::BadPiccData(tag_byte));
		}
	};
	let session = sun::session_keys(&keys.file_key(&picc.uid), &picc);
	if !sun::mac_matches(&session.mac, parsed.mac_input, &parsed.mac) {
		return Err(Error::MacMismatch);
	}
	let file_data = match &parsed.enc {
		Some(enc) => {
			Some(sun::decrypt_file_data(&session.enc, &picc, enc).ok_or(Error::BadFileData)?)
		}
		None => None,
	};
	let tamper = file_data.as_ref().and_then(|data| match data.as_slice() {
		[permanent, current, ..] => Some(Tamper {
			permanent: Loop::from_ascii(*permanent),
			current: Loop::from_ascii(*current),
		}),
		_ => None,
	});
	Ok(Tap { epoch: keys.epoch(), uid: picc.uid, counter: picc.counter, tamper, file_data })
}

/// The query a tag with `uid` at `counter` produces under `keys` (yinji's layout: `e`, then
/// `enc` holding `tamper` followed by 30 filler characters when given, then `c`). What a tag
/// does; for issuing test reads and for the tests.
pub fn simulate(keys: &EpochKeys, uid: [u8; 7], counter: u32, tamper: Option<&[u8; 2]>) -> String {
	let picc = sun::PiccData { uid, counter };
	let e = hex::encode_upper(sun::encrypt_picc(&keys.meta_key(), &picc, [0x5A; 5]));
	let session = sun::session_keys(&keys.file_key(&uid), &picc);
	let (prefix, mac_input) = match tamper {
		None => (format!("e={e}&c="), String::new()),
		Some(status) => {
			let mut plain = [b'0'; 16];
			plain[..2].copy_from_slice(status);
			// Whole blocks of 16 bytes: the encryption cannot fail. qed
			let enc = sun::encrypt_file_data(&session.enc, &picc, &plain).unwrap_or_default();
			let enc = hex::encode_upper(enc);
			(format!("e={e}&enc={enc}&c="), format!("{enc}&c="))
		}
	};
	let mac = sun::sdm_mac(&session.mac, mac_input.as_bytes());
	format!("{prefix}{}", hex::encode_upper(mac))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::TagRoot;

	/// An epoch whose meta key and file keys are all zero, as in NXP's vectors.
	fn zero_keys_query(query: &str) -> Result<sun::PiccData> {
		let parsed = parse(query)?;
		let picc = sun::decrypt_picc(&[0; 16], &parsed.picc).map_err(Error::BadPiccData)?;
		let session = sun::session_keys(&[0; 16], &picc);
		if !sun::mac_matches(&session.mac, parsed.mac_input, &parsed.mac) {
			return Err(Error::MacMismatch);
		}
		if let Some(enc) = &parsed.enc {
			let data =
				sun::decrypt_file_data(&session.enc, &picc, enc).ok_or(Error::BadFileData)?;
			assert_eq!(data, b"xxxxxxxxxxxxxxxx");
		}
		Ok(picc)
	}

	const TABLE_4: &str = "e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086";
	const TABLE_5: &str = "picc_data=FD91EC264309878BE6345CBE53BADF40\
		&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6";

	#[test]
	fn nxp_urls_verify() {
		assert_eq!(zero_keys_query(TABLE_4).unwrap().counter, 61);
		let picc = zero_keys_query(TABLE_5).unwrap();
		assert_eq!((picc.uid, picc.counter), ([0x04, 0x95, 0x8C, 0xAA, 0x5C, 0x5E, 0x80], 8));
		assert_eq!(parse(TABLE_5).unwrap().mac_input, b"CEE9A53E3E463EF1F459635736738962&cmac=");
	}

	/// Flips one bit of the hex digit at `index` (to another valid hex digit, so the URL still
	/// parses and the change reaches the cryptography).
	fn flipped(query: &str, index: usize, bit: u8) -> String {
		let mut bytes = query.as_bytes().to_vec();
		let value = (bytes[index] as char).to_digit(16).unwrap() as u8 ^ (1 << bit);
		bytes[index] = b"0123456789ABCDEF"[value as usize];
		String::from_utf8(bytes).unwrap()
	}

	#[test]
	fn every_one_bit_change_of_the_nxp_urls_fails() {
		for query in [TABLE_4, TABLE_5] {
			let mut flips = 0;
			for (index, byte) in query.bytes().enumerate() {
				let in_value = byte.is_ascii_hexdigit()
					&& query[..index].rfind('=').is_some_and(|eq| !query[eq..index].contains('&'));
				if !in_value {
					continue;
				}
				for bit in 0..4 {
					let changed = flipped(query, index, bit);
					assert!(zero_keys_query(&changed).is_err(), "{changed} must fail");
					flips += 1;
				}
			}
			assert!(flips >= 4 * (32 + 16), "{flips} bits flipped");
		}
	}

	#[test]
	fn yinji_taps_verify_and_report_tamper() {
		let keys = TagRoot::new([1; 16]).epoch(3);
		let uid = [0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60];
		let tap = verify(&keys, &simulate(&keys, uid, 42, None)).unwrap();
		assert_eq!((tap.epoch, tap.uid, tap.counter, tap.tamper), (3, uid, 42, None));
		let tap = verify(&keys, &simulate(&keys, uid, 43, Some(b"OC"))).unwrap();
		let tamper = tap.tamper.unwrap();
		assert_eq!((tamper.permanent, tamper.current), (Loop::Open, Loop::Closed));
		assert!(tamper.opened());
		let tap = verify(&keys, &simulate(&keys, uid, 44, Some(b"CC"))).unwrap();
		assert!(!tap.tamper.unwrap().opened());
		// Another epoch's keys, and another tag's URL with this tag's MAC, fail.
		let other = TagRoot::new([1; 16]).epoch(4);
		assert!(matches!(
			verify(&other, &simulate(&keys, uid, 42, None)),
			Err(Error::BadPiccData(_) | Error::MacMismatch)
		));
		let mine = simulate(&keys, uid, 42, None);
		let theirs = simulate(&keys, [4, 9, 9, 9, 9, 9, 9], 42, None);
		let spliced = format!("{}{}", &theirs[..theirs.len() - 16], &mine[mine.len() - 16..]);
		assert_eq!(verify(&keys, &spliced), Err(Error::MacMismatch));
	}

	#[test]
	fn malformed_queries_are_refused_with_the_reason() {
		let cases: [(&str, Error); 6] = [
			("c=94EED9EE65337086", Error::Missing("e")),
			("e=EF963FF7828658A599F3041510671E88", Error::Missing("c")),
			("e=EF96&c=94EED9EE65337086", Error::BadHex { name: "e", expected: 32 }),
			(
				"e=EF963FF7828658A599F3041510671E88&c=94EED9EE6533708Z",
				Error::BadHex { name: "c", expected: 16 },
			),
			(
				"e=EF963FF7828658A599F3041510671E88&e=EF963FF7828658A599F3041510671E88&c=00",
				Error::Repeated("e"),
			),
			(
				"e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086&enc=00",
				Error::BadHex { name: "enc", expected: 32 },
			),
		];
		for (query, error) in cases {
			assert_eq!(parse(query).unwrap_err(), error, "{query}");
		}
	}
}
