//! The descriptive parts of a registered work.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What kind of thing a work is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum WorkKind {
	/// A picture: painting, photograph, illustration.
	Image,
	/// A 3D model.
	Model3d,
	/// Writing.
	Text,
	/// Sound or music.
	Audio,
	/// Moving pictures.
	Video,
	/// A product, graphic or pattern design.
	Design,
	/// A handicraft, including intangible cultural heritage (非遗) techniques.
	Craft,
}

/// The Creative Commons variants a work can be published under.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum CcVariant {
	/// CC BY: attribution.
	By,
	/// CC BY-SA: attribution, share alike.
	BySa,
	/// CC BY-ND: attribution, no derivatives.
	ByNd,
	/// CC BY-NC: attribution, non-commercial.
	ByNc,
	/// CC BY-NC-SA: attribution, non-commercial, share alike.
	ByNcSa,
	/// CC BY-NC-ND: attribution, non-commercial, no derivatives.
	ByNcNd,
}

/// The terms under which others may use a work.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Licence<Balance> {
	/// No use without the rights holders' permission; no derivatives.
	AllRightsReserved,
	/// A Creative Commons licence.
	CreativeCommons(CcVariant),
	/// Commercial use against a fee, with or without the right to make derivatives.
	Commercial {
		/// The licence fee, in the chain's native unit.
		fee: Balance,
		/// Whether derivative works may be made (and registered with this work as a parent).
		derivatives: bool,
	},
}

impl<Balance> Licence<Balance> {
	/// Whether a derivative work may name this work as a parent.
	pub fn allows_derivatives(&self) -> bool {
		match self {
			Self::AllRightsReserved => false,
			Self::CreativeCommons(variant) => {
				!matches!(variant, CcVariant::ByNd | CcVariant::ByNcNd)
			}
			Self::Commercial { derivatives, .. } => *derivatives,
		}
	}
}

/// Where a registered work stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum WorkStatus {
	/// Registered and usable.
	Active,
	/// A dispute is open: the work is frozen until the arbitration origin rules.
	Disputed,
	/// Revoked by a ruling: kept as a record, frozen for good.
	Revoked,
}
