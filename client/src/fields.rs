//! Typed access to dynamically decoded values (event fields, storage values).
//!
//! Decoded values carry no Rust types: a `u32` is an unsigned number, an account is a composite
//! of 32 bytes (possibly wrapped in single-field newtypes), an enum is a variant with a name.
//! [`Fields`] reads them back with a clear error naming the field when the shape is not the one
//! expected, so a runtime change that alters an event is caught rather than misread.

use crate::Error;
use subxt::dynamic::Value;
use subxt::ext::scale_value::{Composite, Primitive, ValueDef};

/// The named fields of one decoded value, with the name of what they belong to for errors.
pub struct Fields<'a> {
	value: &'a Value,
	what: String,
}

impl<'a> Fields<'a> {
	/// Reads the fields of `value`; `what` names it in errors (`"Works.WorkRegistered"`).
	pub fn new(value: &'a Value, what: impl Into<String>) -> Fields<'a> {
		Fields { value, what: what.into() }
	}

	fn error(&self, name: &str, expected: &str) -> Error {
		Error::Decode {
			what: format!("{}.{name}", self.what),
			reason: format!("expected {expected} in {}", render(self.value)),
		}
	}

	/// The field `name`.
	pub fn get(&self, name: &str) -> Result<&'a Value, Error> {
		field(self.value, name).ok_or_else(|| self.error(name, "the field"))
	}

	/// The fields of the field `name`.
	pub fn nested(&self, name: &str) -> Result<Fields<'a>, Error> {
		Ok(Fields::new(self.get(name)?, format!("{}.{name}", self.what)))
	}

	/// An unsigned integer field.
	pub fn u128(&self, name: &str) -> Result<u128, Error> {
		number(self.get(name)?).ok_or_else(|| self.error(name, "an unsigned integer"))
	}

	/// An unsigned integer field that fits 64 bits.
	pub fn u64(&self, name: &str) -> Result<u64, Error> {
		u64::try_from(self.u128(name)?).map_err(|_| self.error(name, "a 64-bit integer"))
	}

	/// A boolean field.
	pub fn bool(&self, name: &str) -> Result<bool, Error> {
		match &unwrap_newtype(self.get(name)?).value {
			ValueDef::Primitive(Primitive::Bool(flag)) => Ok(*flag),
			_ => Err(self.error(name, "a boolean")),
		}
	}

	/// A byte-string field (an account, a hash, a CID), as bytes.
	pub fn bytes(&self, name: &str) -> Result<Vec<u8>, Error> {
		bytes(self.get(name)?).ok_or_else(|| self.error(name, "bytes"))
	}

	/// A byte-string field as `0x`-prefixed lower-case hex (accounts and hashes).
	pub fn hex(&self, name: &str) -> Result<String, Error> {
		Ok(to_hex(&self.bytes(name)?))
	}

	/// A byte-string field that holds text (a CID): the text if it is UTF-8, hex otherwise.
	pub fn text(&self, name: &str) -> Result<String, Error> {
		let bytes = self.bytes(name)?;
		Ok(String::from_utf8(bytes).unwrap_or_else(|e| to_hex(e.as_bytes())))
	}

	/// The name of an enum field's variant.
	pub fn variant(&self, name: &str) -> Result<String, Error> {
		variant(self.get(name)?)
			.map(|(variant, _)| variant.to_string())
			.ok_or_else(|| self.error(name, "an enum"))
	}

	/// A field rendered as JSON (see [`to_json`]).
	pub fn json(&self, name: &str) -> Result<serde_json::Value, Error> {
		Ok(to_json(self.get(name)?))
	}
}

/// The named field `name` of a composite or of a variant's fields.
pub fn field<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
	let composite = match &value.value {
		ValueDef::Composite(composite) => composite,
		ValueDef::Variant(variant) => &variant.values,
		_ => return None,
	};
	match composite {
		Composite::Named(fields) => fields.iter().find(|(n, _)| n == name).map(|(_, v)| v),
		Composite::Unnamed(_) => None,
	}
}

/// The elements of a sequence of pairs (`Vec<(A, B)>`, or a `BoundedVec` of them, which
/// decodes as a newtype around the sequence).
pub fn pairs(value: &Value) -> Option<Vec<(&Value, &Value)>> {
	fn pair(value: &Value) -> Option<(&Value, &Value)> {
		match &value.value {
			ValueDef::Composite(Composite::Unnamed(items)) if items.len() == 2 => {
				Some((&items[0], &items[1]))
			}
			_ => None,
		}
	}
	let ValueDef::Composite(Composite::Unnamed(items)) = &value.value else { return None };
	if let [inner] = items.as_slice() {
		// A newtype around the sequence, unless the single item is itself a pair.
		if pair(inner).is_none() {
			return pairs(inner);
		}
		if let ValueDef::Composite(Composite::Unnamed(elements)) = &inner.value {
			if !elements.is_empty() && elements.iter().all(|e| pair(e).is_some()) {
				return pairs(inner);
			}
		}
	}
	items.iter().map(pair).collect()
}

/// The variant's name and fields of an enum value.
pub fn variant(value: &Value) -> Option<(&str, &Composite<()>)> {
	match &unwrap_newtype(value).value {
		ValueDef::Variant(variant) => Some((variant.name.as_str(), &variant.values)),
		_ => None,
	}
}

fn unwrap_newtype(value: &Value) -> &Value {
	match &value.value {
		ValueDef::Composite(composite) if composite.len() == 1 => {
			composite.values().next().map_or(value, unwrap_newtype)
		}
		_ => value,
	}
}

/// An unsigned integer, looking through single-field newtypes.
pub fn number(value: &Value) -> Option<u128> {
	match &unwrap_newtype(value).value {
		ValueDef::Primitive(Primitive::U128(number)) => Some(*number),
		_ => None,
	}
}

/// A byte string: a composite whose elements are all numbers below 256 (after newtypes).
pub fn bytes(value: &Value) -> Option<Vec<u8>> {
	let ValueDef::Composite(composite) = &value.value else { return None };
	let items: Vec<&Value> = composite.values().collect();
	if let [only] = items.as_slice() {
		if let ValueDef::Composite(_) = only.value {
			return bytes(only);
		}
	}
	items
		.iter()
		.map(|item| match item.value {
			ValueDef::Primitive(Primitive::U128(byte)) => u8::try_from(byte).ok(),
			_ => None,
		})
		.collect()
}

/// `0x`-prefixed lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// JSON for a decoded value, stable for the same value: named composites become objects,
/// byte strings of 20 bytes or more become hex strings (accounts, hashes, CIDs), other
/// sequences arrays, unit variants their name, other variants `{"Name": fields}`, numbers
/// numbers when they fit 53 bits and decimal strings otherwise.
pub fn to_json(value: &Value) -> serde_json::Value {
	use serde_json::Value as Json;
	match &value.value {
		ValueDef::Composite(composite) => composite_json(composite, value),
		ValueDef::Variant(variant) => {
			if variant.values.is_empty() {
				Json::String(variant.name.clone())
			} else {
				let fields = composite_json(&variant.values, value);
				Json::Object([(variant.name.clone(), fields)].into_iter().collect())
			}
		}
		ValueDef::Primitive(Primitive::U128(n)) if *n < (1u128 << 53) => Json::from(*n as u64),
		ValueDef::Primitive(Primitive::U128(n)) => Json::String(n.to_string()),
		ValueDef::Primitive(Primitive::I128(n)) => Json::String(n.to_string()),
		ValueDef::Primitive(Primitive::Bool(flag)) => Json::Bool(*flag),
		ValueDef::Primitive(Primitive::String(text)) => Json::String(text.clone()),
		other => Json::String(format!("{other:?}")),
	}
}

fn composite_json(composite: &Composite<()>, whole: &Value) -> serde_json::Value {
	use serde_json::Value as Json;
	match composite {
		Composite::Named(fields) => {
			Json::Object(fields.iter().map(|(name, v)| (name.clone(), to_json(v))).collect())
		}
		Composite::Unnamed(items) => {
			if items.len() >= 20 {
				if let Some(bytes) = bytes(whole) {
					return Json::String(to_hex(&bytes));
				}
			}
			match items.as_slice() {
				[single] => to_json(single),
				_ => Json::Array(items.iter().map(to_json).collect()),
			}
		}
	}
}

/// A short rendering of a value for error messages.
fn render(value: &Value) -> String {
	let mut text = to_json(value).to_string();
	if text.len() > 300 {
		let mut end = 300;
		while !text.is_char_boundary(end) {
			end -= 1;
		}
		text.truncate(end);
		text.push('…');
	}
	text
}

#[cfg(test)]
mod tests {
	use super::*;

	fn account(byte: u8) -> Value {
		// An `AccountId32([u8; 32])` as the runtime's metadata describes it.
		Value::unnamed_composite([Value::from_bytes([byte; 32])])
	}

	#[test]
	fn reads_numbers_accounts_variants_through_newtypes() {
		let event = Value::named_composite([
			("work", Value::u128(7)),
			("who", account(0xab)),
			("ruling", Value::unnamed_variant("Revoke", [])),
			("cid", Value::unnamed_composite([Value::from_bytes(b"bafy")])),
			("frozen", Value::bool(true)),
		]);
		let fields = Fields::new(&event, "Works.Test");
		assert_eq!(fields.u64("work").unwrap(), 7);
		assert_eq!(fields.hex("who").unwrap(), format!("0x{}", "ab".repeat(32)));
		assert_eq!(fields.variant("ruling").unwrap(), "Revoke");
		assert_eq!(fields.text("cid").unwrap(), "bafy");
		assert!(fields.bool("frozen").unwrap());
	}

	#[test]
	fn a_missing_or_mistyped_field_names_itself() {
		let event = Value::named_composite([("work", Value::bool(false))]);
		let fields = Fields::new(&event, "Works.Test");
		let missing = fields.u64("item").unwrap_err().to_string();
		assert!(missing.contains("Works.Test.item"), "{missing}");
		let mistyped = fields.u128("work").unwrap_err().to_string();
		assert!(mistyped.contains("unsigned integer"), "{mistyped}");
		let too_big = Value::named_composite([("n", Value::u128(u128::MAX))]);
		assert!(Fields::new(&too_big, "x").u64("n").is_err());
	}

	#[test]
	fn json_renders_bytes_as_hex_and_big_numbers_as_strings() {
		let value = Value::named_composite([
			("who", account(1)),
			("amount", Value::u128(u128::MAX)),
			("small", Value::u128(5)),
			("kind", Value::unnamed_variant("Native", [])),
			("asset", Value::unnamed_variant("WithId", [Value::u128(1)])),
		]);
		let json = to_json(&value);
		assert_eq!(json["who"], format!("0x{}", "01".repeat(32)));
		assert_eq!(json["amount"], u128::MAX.to_string());
		assert_eq!(json["small"], 5);
		assert_eq!(json["kind"], "Native");
		assert_eq!(json["asset"]["WithId"], 1);
	}

	#[test]
	fn sequences_of_pairs_with_and_without_a_bounded_newtype() {
		let holder = |byte, share| Value::unnamed_composite([account(byte), Value::u128(share)]);
		let bounded =
			|items: Vec<Value>| Value::unnamed_composite([Value::unnamed_composite(items)]);
		let two = bounded(vec![holder(2, 6_000), holder(3, 4_000)]);
		let found = pairs(&two).unwrap();
		assert_eq!(found.len(), 2);
		assert_eq!(bytes(found[1].0).unwrap(), vec![3; 32]);
		assert_eq!(number(found[1].1), Some(4_000));
		let one_bounded = bounded(vec![holder(4, 10_000)]);
		assert_eq!(pairs(&one_bounded).unwrap().len(), 1);
		assert_eq!(bytes(pairs(&one_bounded).unwrap()[0].0).unwrap(), vec![4; 32]);
		let one_plain = Value::unnamed_composite([holder(5, 10_000)]);
		assert_eq!(number(pairs(&one_plain).unwrap()[0].1), Some(10_000));
		assert_eq!(pairs(&bounded(vec![])).unwrap().len(), 0);
	}
}
