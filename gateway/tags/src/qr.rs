//! Printed codes: a GS1 Digital Link style URL per physical-twin item,
//! `BASE/01/{gtin}/21/{collection}.{item}?k={epoch}&s={signature}` (or `BASE/21/…` without a
//! GTIN), where the signature is the gateway's ed25519 signature over the chain's genesis hash,
//! the collection, the item and the key epoch. Anyone holding the published key checks a code
//! offline; a photocopy still verifies, which is why the verify page also shows the item's
//! history, and why claiming needs an NFC tap.

use crate::{Error, Result};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use qrcode::{render::svg, QrCode};

/// What a printed code names, signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QrClaim {
	/// The chain's genesis hash: a code of one chain means nothing on another.
	pub genesis: [u8; 32],
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// The key epoch of the signing key.
	pub epoch: u32,
}

impl QrClaim {
	/// The signed message: a domain tag, then the fields (little-endian numbers).
	pub fn message(&self) -> Vec<u8> {
		let mut message = b"yinji/qr/v1".to_vec();
		message.extend_from_slice(&self.genesis);
		message.extend_from_slice(&self.collection.to_le_bytes());
		message.extend_from_slice(&self.item.to_le_bytes());
		message.extend_from_slice(&self.epoch.to_le_bytes());
		message
	}

	/// sha2-256 of the message: what the chain binds to the item as a QR tag.
	pub fn tag_hash(&self) -> [u8; 32] {
		use sha2::Digest;
		sha2::Sha256::digest(self.message()).into()
	}

	/// The code's path and query (`/01/…?k=…&s=…`), signed with `key`.
	pub fn link(&self, key: &SigningKey, gtin: Option<&str>) -> String {
		let signature = key.sign(&self.message());
		let serial = format!("21/{}.{}", self.collection, self.item);
		let path = match gtin {
			Some(gtin) => format!("/01/{gtin}/{serial}"),
			None => format!("/{serial}"),
		};
		format!("{path}?k={}&s={}", self.epoch, hex::encode(signature.to_bytes()))
	}
}

/// Whether `gtin` is a GTIN-8, -12, -13 or -14 with a correct check digit.
pub fn valid_gtin(gtin: &str) -> bool {
	let digits: Vec<u32> = gtin.chars().filter_map(|c| c.to_digit(10)).collect();
	if digits.len() != gtin.len() || ![8, 12, 13, 14].contains(&digits.len()) {
		return false;
	}
	let (body, check) = digits.split_at(digits.len() - 1);
	let sum: u32 =
		body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { 3 * d } else { *d }).sum();
	(10 - sum % 10) % 10 == check[0]
}

/// A printed code read back: the item it names and the signature to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScannedCode {
	/// The GTIN, when the code has one.
	pub gtin: Option<String>,
	/// The collection.
	pub collection: u32,
	/// The item.
	pub item: u32,
	/// The key epoch.
	pub epoch: u32,
	/// The signature.
	pub signature: [u8; 64],
}

/// Parses a code's path (`/01/{gtin}/21/{c}.{i}` or `/21/{c}.{i}`) and query (`k=…&s=…`).
pub fn parse(path: &str, query: &str) -> Result<ScannedCode> {
	let not_a_code = |why: &str| Error::NotACode(why.to_string());
	let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
	let (gtin, serial) = match parts.as_slice() {
		["01", gtin, "21", serial] => {
			if !valid_gtin(gtin) {
				return Err(not_a_code("the GTIN's check digit is wrong"));
			}
			(Some(gtin.to_string()), *serial)
		}
		["21", serial] => (None, *serial),
		_ => return Err(not_a_code("the path is not /01/{gtin}/21/{serial} or /21/{serial}")),
	};
	let (collection, item) = serial
		.split_once('.')
		.and_then(|(c, i)| Some((c.parse().ok()?, i.parse().ok()?)))
		.ok_or_else(|| not_a_code("the serial is not {collection}.{item}"))?;
	let mut epoch = None;
	let mut signature = None;
	for pair in query.split('&').filter(|p| !p.is_empty()) {
		match pair.split_once('=') {
			Some(("k", value)) if epoch.is_none() => epoch = value.parse().ok(),
			Some(("s", value)) if signature.is_none() => {
				signature = hex::decode(value).ok().and_then(|b| b.try_into().ok())
			}
			_ => return Err(not_a_code("the query holds only k (key epoch) and s (signature)")),
		}
	}
	Ok(ScannedCode {
		gtin,
		collection,
		item,
		epoch: epoch.ok_or(Error::Missing("k"))?,
		signature: signature.ok_or(Error::BadHex { name: "s", expected: 128 })?,
	})
}

impl ScannedCode {
	/// Checks the signature with the gateway's published key for the code's epoch, for the
	/// chain with `genesis`; returns what it names.
	pub fn verify(&self, key: &VerifyingKey, genesis: [u8; 32]) -> Result<QrClaim> {
		let claim =
			QrClaim { genesis, collection: self.collection, item: self.item, epoch: self.epoch };
		let signature = ed25519_dalek::Signature::from_bytes(&self.signature);
		key.verify_strict(&claim.message(), &signature).map_err(|_| Error::BadSignature)?;
		Ok(claim)
	}
}

/// `url` as an SVG QR code (error correction M).
pub fn svg(url: &str) -> Result<String> {
	let code = QrCode::new(url.as_bytes()).map_err(|e| Error::NotACode(e.to_string()))?;
	Ok(code.render::<svg::Color>().min_dimensions(240, 240).quiet_zone(true).build())
}

/// `url` as a grayscale PNG QR code, `scale` pixels per module, with the 4-module quiet zone.
pub fn png(url: &str, scale: usize) -> Result<Vec<u8>> {
	let code = QrCode::new(url.as_bytes()).map_err(|e| Error::NotACode(e.to_string()))?;
	let modules = code.width();
	let colors = code.to_colors();
	let scale = scale.clamp(1, 32);
	let side = (modules + 8) * scale;
	let mut pixels = vec![255u8; side * side];
	for (index, color) in colors.iter().enumerate() {
		if *color == qrcode::Color::Dark {
			let (x, y) = ((index % modules + 4) * scale, (index / modules + 4) * scale);
			for row in y..y + scale {
				pixels[row * side + x..row * side + x + scale].fill(0);
			}
		}
	}
	let mut out = Vec::new();
	let side = u32::try_from(side).map_err(|e| Error::NotACode(e.to_string()))?;
	let mut encoder = png::Encoder::new(&mut out, side, side);
	encoder.set_color(png::ColorType::Grayscale);
	encoder.set_depth(png::BitDepth::Eight);
	let mut writer = encoder.write_header().map_err(|e| Error::NotACode(e.to_string()))?;
	writer.write_image_data(&pixels).map_err(|e| Error::NotACode(e.to_string()))?;
	writer.finish().map_err(|e| Error::NotACode(e.to_string()))?;
	Ok(out)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn claim() -> QrClaim {
		QrClaim { genesis: [7; 32], collection: 3, item: 14, epoch: 1 }
	}

	#[test]
	fn a_code_verifies_and_names_its_item() {
		let key = SigningKey::from_bytes(&[9; 32]);
		let link = claim().link(&key, Some("09506000134352"));
		let (path, query) = link.split_once('?').unwrap();
		assert_eq!(path, "/01/09506000134352/21/3.14");
		let scanned = parse(path, query).unwrap();
		assert_eq!(scanned.verify(&key.verifying_key(), [7; 32]), Ok(claim()));
		// Another chain, another key, another item, or one bit of the signature: refused.
		assert_eq!(scanned.verify(&key.verifying_key(), [8; 32]), Err(Error::BadSignature));
		let other = SigningKey::from_bytes(&[10; 32]).verifying_key();
		assert_eq!(scanned.verify(&other, [7; 32]), Err(Error::BadSignature));
		let moved = parse("/01/09506000134352/21/3.15", query).unwrap();
		assert_eq!(moved.verify(&key.verifying_key(), [7; 32]), Err(Error::BadSignature));
		let mut flipped = scanned.clone();
		flipped.signature[10] ^= 1;
		assert_eq!(flipped.verify(&key.verifying_key(), [7; 32]), Err(Error::BadSignature));
		let bare = claim().link(&key, None);
		let (path, query) = bare.split_once('?').unwrap();
		assert_eq!(path, "/21/3.14");
		assert!(parse(path, query).unwrap().verify(&key.verifying_key(), [7; 32]).is_ok());
	}

	#[test]
	fn malformed_codes_are_refused() {
		let good_query = format!("k=1&s={}", "00".repeat(64));
		for (path, query) in [
			("/01/09506000134353/21/3.14", good_query.as_str()),
			("/01/x/21/3.14", good_query.as_str()),
			("/21/3-14", good_query.as_str()),
			("/22/3.14", good_query.as_str()),
			("/21/3.14", "k=1"),
			("/21/3.14", "s=00"),
			("/21/3.14", "k=1&s=00&x=1"),
		] {
			assert!(parse(path, query).is_err(), "{path}?{query}");
		}
	}

	#[test]
	fn gtin_check_digits() {
		assert!(valid_gtin("09506000134352"));
		assert!(valid_gtin("4006381333931"));
		assert!(valid_gtin("96385074"));
		assert!(!valid_gtin("4006381333932"));
		assert!(!valid_gtin("400638133393"));
	}

	#[test]
	fn codes_render_as_svg_and_png() {
		let url = "https://shop.example/01/09506000134352/21/3.14?k=1&s=00";
		let svg = svg(url).unwrap();
		assert!(svg.starts_with("<?xml") && svg.contains("<svg"), "{}", &svg[..60]);
		let png = png(url, 4).unwrap();
		assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
		let decoder = png::Decoder::new(std::io::Cursor::new(&png));
		let info = decoder.read_info().unwrap().info().clone();
		assert_eq!(info.width, info.height);
		assert_eq!(info.width as usize % 4, 0);
	}
}
