//! Bytes written as text: `0x`-hex (the `0x` optional on input), as accounts, hashes, tag UIDs,
//! peer ids and signatures travel in requests and answers.

/// `text` as exactly `N` bytes of hex, with or without `0x`.
pub fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
	vec_from_hex(text).and_then(|bytes| bytes.try_into().ok())
}

/// `text` as bytes of hex, with or without `0x`.
pub fn vec_from_hex(text: &str) -> Option<Vec<u8>> {
	hex::decode(text.trim_start_matches("0x")).ok()
}

/// `bytes` as `0x`-hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hex_reads_with_or_without_its_prefix_and_only_at_its_length() {
		assert_eq!(from_hex::<2>("0xabcd"), Some([0xab, 0xcd]));
		assert_eq!(from_hex::<2>("abcd"), Some([0xab, 0xcd]));
		assert_eq!(from_hex::<3>("0xabcd"), None);
		assert_eq!(vec_from_hex("0xzz"), None);
		assert_eq!(to_hex(&[1, 2]), "0x0102");
	}
}
