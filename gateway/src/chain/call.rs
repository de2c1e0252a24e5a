//! The runtime's terms as requests give them. The gateway's extrinsics are typed calls of the
//! runtime, each made by one of the client's builders ([`yinji_client::calls`]); what this
//! module adds is the words of a request for the variants of the runtime's enums ([`Named`]),
//! and the ids the gateway passes around.

pub use yinji_client::{
	calls::{BlockNumber, CollectionKind, Ruling, TagKind, TransferPolicy, UnbindReason, WorkKind},
	AccountId32, Call,
};

/// An account on chain.
pub type AccountId = AccountId32;
/// An item: its collection and its number.
pub type ItemId = (u32, u32);

/// A runtime enum whose variants a request names, as the runtime spells them.
pub trait Named: Sized {
	/// The names a request may give, in the order the runtime declares them.
	const NAMES: &'static [&'static str];

	/// The variant named `name`, if a request may name it.
	fn from_name(name: &str) -> Option<Self>;

	/// The variant's name.
	fn name(&self) -> &'static str;
}

/// Names the variants of a runtime enum of unit variants: the ones a request may name, then
/// (after `and`) the ones only the chain gives. `name` matches every variant, so a variant the
/// runtime adds or renames breaks the build here.
macro_rules! named {
	($ty:ident { $($variant:ident),* $(,)? } $(and { $($other:ident),* $(,)? })?) => {
		impl Named for $ty {
			const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];

			fn from_name(name: &str) -> Option<$ty> {
				match name {
					$(stringify!($variant) => Some($ty::$variant),)*
					_ => None,
				}
			}

			fn name(&self) -> &'static str {
				match self {
					$($ty::$variant => stringify!($variant),)*
					$($($ty::$other => stringify!($other),)*)?
				}
			}
		}
	};
}

named!(WorkKind { Image, Model3d, Text, Audio, Video, Design, Craft });
named!(CollectionKind { DigitalCollectible, PhysicalTwin });
named!(TagKind { Ntag424, SignedQr });
// An item's burning unbinds its tag; an issuer names only the other reasons.
named!(UnbindReason { Damaged, Lost, Compromised } and { ItemBurned });
named!(Ruling { TransferToClaimant, Revoke, DismissAndReturn, DismissAndSlash });

/// The transfer policy the gateway offers as `GiftOnly`: gifts only, with no hold period and
/// no KYC asked of the recipient.
pub const GIFT_ONLY: TransferPolicy<BlockNumber> =
	TransferPolicy::GiftOnly { min_hold: 0, recipient_kyc: 0 };

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_read_back_as_their_variants() {
		for name in WorkKind::NAMES {
			assert_eq!(WorkKind::from_name(name).map(|kind| kind.name()), Some(*name));
		}
		assert_eq!(TagKind::from_name("SignedQr"), Some(TagKind::SignedQr));
		assert_eq!(UnbindReason::NAMES, ["Damaged", "Lost", "Compromised"]);
		assert_eq!(UnbindReason::from_name("ItemBurned"), None);
		assert_eq!(UnbindReason::ItemBurned.name(), "ItemBurned");
		assert_eq!(CollectionKind::from_name("Physical"), None);
	}
}
