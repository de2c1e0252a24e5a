//! The words the gateway's database stores for states and kinds, each an enum here with its
//! text in one place: [`as_str`](TxStatus::as_str) writes it, [`FromStr`](std::str::FromStr)
//! reads it back, and the API shows the same text. The stored text never changes (the
//! migrations that created these columns have landed).

/// A stored word the gateway does not know: a row it did not write.
#[derive(Debug, thiserror::Error)]
#[error("no {what} {text:?}")]
pub struct UnknownText {
	/// The enum that was read.
	pub what: &'static str,
	/// The text found.
	pub text: String,
}

macro_rules! stored_text {
	($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
		$(#[$meta])*
		#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
		pub enum $name {
			$($(#[$vmeta])* #[serde(rename = $text)] $variant,)*
		}

		impl $name {
			/// The stored text.
			pub fn as_str(self) -> &'static str {
				match self {
					$($name::$variant => $text,)*
				}
			}
		}

		impl std::str::FromStr for $name {
			type Err = UnknownText;

			fn from_str(text: &str) -> Result<$name, UnknownText> {
				match text {
					$($text => Ok($name::$variant),)*
					other => Err(UnknownText { what: stringify!($name), text: other.to_string() }),
				}
			}
		}

		impl std::fmt::Display for $name {
			fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
				f.write_str(self.as_str())
			}
		}
	};
}

stored_text!(
	/// Who holds a user's signing key (`users.custody`).
	Custody {
		/// The gateway holds it, sealed, and signs for the user.
		Custodial = "custodial",
		/// The user linked a key of their own and signs what the gateway prepares.
		SelfCustody = "self",
	}
);

stored_text!(
	/// Where a transaction is (`transactions.status`).
	TxStatus {
		/// Prepared for a self-custody user, waiting for their signature.
		AwaitingSignature = "awaiting_signature",
		/// Submitted; its extrinsics are on their way to finality.
		Submitted = "submitted",
		/// Every extrinsic is finalized.
		Finalized = "finalized",
		/// An extrinsic failed, or could not be submitted.
		Failed = "failed",
	}
);

stored_text!(
	/// What a shop product is (`products.kind`, `order_lines.kind`).
	ProductKind {
		/// A physical product, a twin on chain with a tag; paid into an on-chain order's escrow.
		Physical = "physical",
		/// A digital collectible, bought from its listing.
		Collectible = "collectible",
	}
);

stored_text!(
	/// Where an order's payment is (`orders.status`).
	OrderStatus {
		/// The payment is submitted.
		Pending = "pending",
		/// Paid.
		Paid = "paid",
		/// The payment failed; the units went back on sale.
		Failed = "failed",
	}
);

stored_text!(
	/// Where an order line is (`order_lines.status`).
	LineStatus {
		/// The payment is submitted.
		Pending = "pending",
		/// Paid (a physical line: its on-chain order escrows the price).
		Paid = "paid",
		/// The seller's `ship_order` is submitted.
		Shipping = "shipping",
		/// Shipped on chain: on its way to the buyer.
		Shipped = "shipped",
		/// The buyer claimed it by a tap: settled.
		Claimed = "claimed",
		/// Settled: the buyer confirmed receipt, the windows passed, or the arbiter split the
		/// escrow with a part for the seller.
		Settled = "settled",
		/// The buyer asked for a return.
		Returning = "returning",
		/// The buyer or the seller took the order to the arbiter.
		Disputed = "disputed",
		/// Refunded in full: the return came back, the seller did not ship in time, or the
		/// arbiter gave the buyer everything.
		Refunded = "refunded",
		/// A collectible, delivered at payment.
		Delivered = "delivered",
		/// The payment failed.
		Failed = "failed",
	}
);

impl LineStatus {
	/// Whether the line is done with: settled, refunded, delivered or failed. Nothing on chain
	/// moves it any more.
	pub fn is_final(self) -> bool {
		matches!(
			self,
			LineStatus::Claimed
				| LineStatus::Settled
				| LineStatus::Refunded
				| LineStatus::Delivered
				| LineStatus::Failed
		)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn stored_words_read_back_as_they_were_written() {
		for status in [LineStatus::Pending, LineStatus::Shipping, LineStatus::Claimed] {
			assert_eq!(status.as_str().parse::<LineStatus>().unwrap(), status);
		}
		assert_eq!("self".parse::<Custody>().unwrap(), Custody::SelfCustody);
		assert_eq!(serde_json::to_value(ProductKind::Physical).unwrap(), "physical");
		assert!("shipped ".parse::<LineStatus>().is_err());
	}
}
