//! Amounts in request bodies: a JSON number, or a decimal string for amounts a browser's
//! numbers cannot hold exactly (above 2^53; a price of 9 000 YJ already is, in the smallest
//! unit). Either way the value must be a whole number that fits.

use serde::{de::Error, Deserialize, Deserializer};
use std::str::FromStr;

/// A whole number sent as a JSON number or a decimal string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Amount {
	Number(u64),
	Text(String),
}

fn parse<'de, D: Deserializer<'de>, T: FromStr + From<u64>>(amount: Amount) -> Result<T, D::Error> {
	match amount {
		Amount::Number(number) => Ok(T::from(number)),
		Amount::Text(text) => text.trim().parse().map_err(|_| {
			D::Error::custom(format!("{text:?} is not a whole number of the smallest unit"))
		}),
	}
}

/// Deserializes a required amount.
pub fn required<'de, D: Deserializer<'de>, T: FromStr + From<u64>>(
	deserializer: D,
) -> Result<T, D::Error> {
	parse::<D, T>(Amount::deserialize(deserializer)?)
}

/// Deserializes an optional amount (`null` or absent is `None`; use with `#[serde(default)]`).
pub fn optional<'de, D: Deserializer<'de>, T: FromStr + From<u64>>(
	deserializer: D,
) -> Result<Option<T>, D::Error> {
	Option::<Amount>::deserialize(deserializer)?.map(parse::<D, T>).transpose()
}

#[cfg(test)]
mod tests {
	#[derive(Debug, serde::Deserialize)]
	struct Body {
		#[serde(default, deserialize_with = "super::optional")]
		amount: Option<u128>,
		#[serde(deserialize_with = "super::required")]
		price: u64,
	}

	fn body(json: &str) -> Result<Body, serde_json::Error> {
		serde_json::from_str(json)
	}

	#[test]
	fn numbers_and_decimal_strings_are_amounts() {
		let read = body(r#"{"amount": "340282366920938463463374607431768211455", "price": 7}"#);
		let read = read.unwrap();
		assert_eq!((read.amount, read.price), (Some(u128::MAX), 7));
		let read = body(r#"{"price": "9000000000000000"}"#).unwrap();
		assert_eq!((read.amount, read.price), (None, 9_000_000_000_000_000));
		assert_eq!(body(r#"{"amount": null, "price": 1}"#).unwrap().amount, None);
	}

	#[test]
	fn fractions_negatives_and_words_are_refused() {
		for bad in [r#""1.5""#, r#""-1""#, r#""ten""#, "1.5", "-1", r#""""#] {
			let error = body(&format!(r#"{{"price": {bad}}}"#)).unwrap_err();
			assert!(error.is_data(), "{bad}: {error}");
		}
		assert!(body(r#"{"price": "18446744073709551616"}"#).is_err(), "above u64 for a u64");
	}
}
