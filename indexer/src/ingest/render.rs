//! Typed event fields in the text forms the index writes: accounts and hashes as `0x` hex, CIDs
//! as text, assets as `native` / `asset:ID`, enums by their variant's name, and the JSON columns.
//!
//! The JSON is the rendering [`yinji_client::fields::to_json`] gives the same value decoded by
//! the runtime's metadata (the rendering of the `events` table): named fields become objects,
//! unit variants their name, other variants `{"Name": fields}`, a single unnamed field stands
//! for itself, numbers are numbers below 2^53 and decimal strings above. The tests below check
//! each against that rendering of the metadata's decoding.

use yinji_client::{
	calls::{
		Asset, CcVariant, CollectionKind, Licence, Ruling, TagKind, TransferPolicy, UnbindReason,
		WorkKind,
	},
	fields::to_hex,
	runtime::runtime_types::{
		pallet_loyalty::types::{AwardReason, Source},
		pallet_marketplace::types::PriceSchedule,
	},
	AccountId32,
};

type Json = serde_json::Value;

/// An account as the index writes it: `0x`-prefixed hex.
pub(super) fn account(who: &AccountId32) -> String {
	to_hex(&who.0)
}

/// A split or a royalty list, with each account as the index writes it.
pub(super) fn account_pairs<T: Copy>(pairs: &[(AccountId32, T)]) -> Vec<(String, T)> {
	pairs.iter().map(|(who, part)| (account(who), *part)).collect()
}

/// An asset kind as text: `native`, or `asset:ID`.
pub(super) fn asset(asset: &Asset) -> String {
	match asset {
		Asset::Native => "native".into(),
		Asset::WithId(id) => format!("asset:{id}"),
	}
}

/// A byte string that holds text (a CID): the text if it is UTF-8, hex otherwise.
pub(super) fn text(bytes: &[u8]) -> String {
	String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| to_hex(e.as_bytes()))
}

/// A work's kind: the variant's name.
pub(super) fn work_kind(kind: &WorkKind) -> &'static str {
	match kind {
		WorkKind::Image => "Image",
		WorkKind::Model3d => "Model3d",
		WorkKind::Text => "Text",
		WorkKind::Audio => "Audio",
		WorkKind::Video => "Video",
		WorkKind::Design => "Design",
		WorkKind::Craft => "Craft",
	}
}

/// A dispute's ruling: the variant's name.
pub(super) fn ruling(ruling: &Ruling) -> &'static str {
	match ruling {
		Ruling::TransferToClaimant => "TransferToClaimant",
		Ruling::Revoke => "Revoke",
		Ruling::DismissAndReturn => "DismissAndReturn",
		Ruling::DismissAndSlash => "DismissAndSlash",
	}
}

/// A collection's kind: the variant's name.
pub(super) fn collection_kind(kind: &CollectionKind) -> &'static str {
	match kind {
		CollectionKind::DigitalCollectible => "DigitalCollectible",
		CollectionKind::PhysicalTwin => "PhysicalTwin",
	}
}

/// A tag's kind: the variant's name.
pub(super) fn tag_kind(kind: &TagKind) -> &'static str {
	match kind {
		TagKind::Ntag424 => "Ntag424",
		TagKind::SignedQr => "SignedQr",
	}
}

/// Why a tag was unbound: the variant's name.
pub(super) fn unbind_reason(reason: &UnbindReason) -> &'static str {
	match reason {
		UnbindReason::Damaged => "Damaged",
		UnbindReason::Lost => "Lost",
		UnbindReason::Compromised => "Compromised",
		UnbindReason::ItemBurned => "ItemBurned",
	}
}

/// A work's licence (`works.licence`).
pub(super) fn licence(licence: &Licence<u128>) -> Json {
	match licence {
		Licence::AllRightsReserved => "AllRightsReserved".into(),
		Licence::CreativeCommons(variant) => named("CreativeCommons", cc_variant(variant).into()),
		Licence::Commercial { fee, derivatives } => named(
			"Commercial",
			object([("fee", number(*fee)), ("derivatives", Json::Bool(*derivatives))]),
		),
	}
}

/// The works a work derives from, with the basis points owed to each (`works.parents`).
pub(super) fn parents(parents: &[(u64, u16)]) -> Json {
	sequence(parents.iter().map(|(work, share)| {
		Json::Array(vec![number(u128::from(*work)), number(u128::from(*share))])
	}))
}

/// A collection's transfer policy (`collections.policy`).
pub(super) fn policy(policy: &TransferPolicy<u32>) -> Json {
	match policy {
		TransferPolicy::Free => "Free".into(),
		TransferPolicy::SettlementOnly => "SettlementOnly".into(),
		TransferPolicy::GiftOnly { min_hold, recipient_kyc } => named(
			"GiftOnly",
			object([
				("min_hold", number(u128::from(*min_hold))),
				("recipient_kyc", number(u128::from(*recipient_kyc))),
			]),
		),
		TransferPolicy::Soulbound => "Soulbound".into(),
	}
}

/// Where earned points came from (`loyalty_ledger.source`).
pub(super) fn source(source: &Source) -> Json {
	match source {
		Source::Purchase => "Purchase".into(),
		Source::Campaign(campaign, reason) => named(
			"Campaign",
			Json::Array(vec![number(u128::from(*campaign)), award_reason(reason).into()]),
		),
	}
}

/// A listing's price schedule (`listings.schedule`).
pub(super) fn schedule(schedule: &PriceSchedule<u128, u32>) -> Json {
	match schedule {
		PriceSchedule::Fixed(price) => named("Fixed", number(*price)),
		PriceSchedule::Dutch { start, floor, decay_per_block, from } => named(
			"Dutch",
			object([
				("start", number(*start)),
				("floor", number(*floor)),
				("decay_per_block", number(*decay_per_block)),
				("from", number(u128::from(*from))),
			]),
		),
	}
}

fn cc_variant(variant: &CcVariant) -> &'static str {
	match variant {
		CcVariant::By => "By",
		CcVariant::BySa => "BySa",
		CcVariant::ByNd => "ByNd",
		CcVariant::ByNc => "ByNc",
		CcVariant::ByNcSa => "ByNcSa",
		CcVariant::ByNcNd => "ByNcNd",
	}
}

fn award_reason(reason: &AwardReason) -> &'static str {
	match reason {
		AwardReason::Review => "Review",
		AwardReason::Content => "Content",
		AwardReason::Referral => "Referral",
		AwardReason::Event => "Event",
	}
}

/// A number below 2^53 as a JSON number (exact in every JSON reader), above as decimal text.
fn number(value: u128) -> Json {
	match u64::try_from(value) {
		Ok(small) if value < 1 << 53 => Json::from(small),
		_ => Json::String(value.to_string()),
	}
}

/// A variant with fields: `{"Name": fields}`.
fn named(name: &str, fields: Json) -> Json {
	Json::Object([(name.to_string(), fields)].into_iter().collect())
}

/// Named fields, in their declared order.
fn object<const N: usize>(fields: [(&str, Json); N]) -> Json {
	Json::Object(fields.into_iter().map(|(name, value)| (name.to_string(), value)).collect())
}

/// A sequence: its one element stands for itself (as an unnamed composite of one field does in
/// the metadata's decoding), any other count is an array.
fn sequence(elements: impl Iterator<Item = Json>) -> Json {
	let mut elements: Vec<Json> = elements.collect();
	match elements.len() {
		1 => elements.remove(0),
		_ => Json::Array(elements),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use yinji_client::{
		fields::{to_json, Fields},
		runtime::runtime_types::{
			pallet_collectibles::pallet::Event as Collectibles,
			pallet_loyalty::pallet::Event as Loyalty,
			pallet_marketplace::pallet::Event as Marketplace, pallet_works::pallet::Event as Works,
		},
		subxt::{
			ext::{
				scale_encode::EncodeAsType,
				scale_value::{self, ValueDef},
			},
			Metadata,
		},
		Event, Value,
	};

	const BIG: u128 = 1 << 53;

	/// The fields of `event` as a fetched block has them: encoded, then decoded by the runtime's
	/// metadata (the committed metadata the typed events are generated from).
	fn decoded(event: &Event) -> Value {
		let metadata =
			Metadata::decode_from(include_bytes!("../../../client/metadata/yinji.scale"))
				.expect("the committed metadata decodes");
		let ty = metadata.outer_enums().event_enum_ty();
		let bytes = event.encode_as_type(ty, metadata.types()).expect("the event encodes");
		let value = scale_value::scale::decode_as_type(&mut &bytes[..], ty, metadata.types())
			.expect("the event decodes")
			.remove_context();
		// The runtime's event holds the pallet's, which holds the fields.
		let ValueDef::Variant(pallet) = value.value else { panic!("a runtime event") };
		let event = pallet.values.into_values().next().expect("the pallet's event");
		let ValueDef::Variant(event) = event.value else { panic!("a pallet event") };
		Value { value: ValueDef::Composite(event.values), context: () }
	}

	fn who(byte: u8) -> AccountId32 {
		AccountId32([byte; 32])
	}

	fn registered(
		metadata: &[u8],
		kind: WorkKind,
		licence: Licence<u128>,
		parents: Vec<(u64, u16)>,
	) -> Event {
		Event::Works(Works::WorkRegistered {
			work: 1,
			registrant: who(1),
			content_hash: [2; 32],
			metadata: metadata.to_vec(),
			kind,
			licence,
			holders: vec![(who(1), 6_000), (who(3), 4_000)],
			parents,
		})
	}

	#[test]
	fn registrations_render_as_their_decoding_does() {
		let licences = [
			Licence::AllRightsReserved,
			Licence::CreativeCommons(CcVariant::ByNcSa),
			Licence::Commercial { fee: 5, derivatives: true },
			Licence::Commercial { fee: BIG, derivatives: false },
		];
		let parent_lists = [vec![], vec![(3, 500)], vec![(3, 500), (1 << 60, 250)]];
		for (licence_of, parents_of) in licences.iter().zip(parent_lists.iter().cycle()) {
			let event = registered(
				b"bafkreimetadata",
				WorkKind::Image,
				licence_of.clone(),
				parents_of.clone(),
			);
			let fields = decoded(&event);
			let f = Fields::new(&fields, "WorkRegistered");
			assert_eq!(licence(licence_of), f.json("licence").unwrap());
			assert_eq!(parents(parents_of), f.json("parents").unwrap());
			assert_eq!(account(&who(1)), f.hex("registrant").unwrap());
			assert_eq!(to_hex(&[2; 32]), f.hex("content_hash").unwrap());
			assert_eq!(text(b"bafkreimetadata"), f.text("metadata").unwrap());
		}
		for parents_of in &parent_lists[1..] {
			let event = registered(
				&[0xff, 0xfe],
				WorkKind::Text,
				Licence::AllRightsReserved,
				parents_of.clone(),
			);
			let fields = decoded(&event);
			let f = Fields::new(&fields, "WorkRegistered");
			assert_eq!(parents(parents_of), f.json("parents").unwrap());
			assert_eq!(text(&[0xff, 0xfe]), f.text("metadata").unwrap());
		}
		let kinds = [
			WorkKind::Image,
			WorkKind::Model3d,
			WorkKind::Text,
			WorkKind::Audio,
			WorkKind::Video,
			WorkKind::Design,
			WorkKind::Craft,
		];
		for kind in kinds {
			let fields =
				decoded(&registered(b"cid", kind.clone(), Licence::AllRightsReserved, vec![]));
			assert_eq!(
				work_kind(&kind),
				Fields::new(&fields, "WorkRegistered").variant("kind").unwrap()
			);
		}
	}

	#[test]
	fn rulings_render_as_their_decoding_does() {
		let rulings = [
			Ruling::TransferToClaimant,
			Ruling::Revoke,
			Ruling::DismissAndReturn,
			Ruling::DismissAndSlash,
		];
		for ruling_of in rulings {
			let event = Event::Works(Works::DisputeRuled { work: 0, ruling: ruling_of.clone() });
			let fields = decoded(&event);
			assert_eq!(
				ruling(&ruling_of),
				Fields::new(&fields, "DisputeRuled").variant("ruling").unwrap()
			);
		}
	}

	#[test]
	fn collections_and_tags_render_as_their_decoding_does() {
		let policies = [
			TransferPolicy::Free,
			TransferPolicy::SettlementOnly,
			TransferPolicy::GiftOnly { min_hold: 100, recipient_kyc: 1 },
			TransferPolicy::Soulbound,
		];
		let kinds = [CollectionKind::DigitalCollectible, CollectionKind::PhysicalTwin];
		for (policy_of, kind) in policies.iter().zip(kinds.iter().cycle()) {
			let event = Event::Collectibles(Collectibles::CollectionCreated {
				collection: 0,
				work: 0,
				issuer: who(1),
				kind: kind.clone(),
				max_supply: 10,
				royalty: 500,
				policy: policy_of.clone(),
				min_holder_kyc: 0,
				metadata: b"cid".to_vec(),
			});
			let fields = decoded(&event);
			let f = Fields::new(&fields, "CollectionCreated");
			assert_eq!(policy(policy_of), f.json("policy").unwrap());
			assert_eq!(collection_kind(kind), f.variant("kind").unwrap());
		}
		for (kind, reason) in [
			(TagKind::Ntag424, UnbindReason::Damaged),
			(TagKind::SignedQr, UnbindReason::Lost),
			(TagKind::Ntag424, UnbindReason::Compromised),
			(TagKind::SignedQr, UnbindReason::ItemBurned),
		] {
			let bound = Collectibles::TagBound {
				collection: 0,
				item: 1,
				tag: [4; 32],
				kind: kind.clone(),
				key_epoch: 0,
			};
			let fields = decoded(&Event::Collectibles(bound));
			assert_eq!(tag_kind(&kind), Fields::new(&fields, "TagBound").variant("kind").unwrap());
			assert_eq!(to_hex(&[4; 32]), Fields::new(&fields, "TagBound").hex("tag").unwrap());
			let unbound = Collectibles::TagUnbound {
				collection: 0,
				item: 1,
				tag: [4; 32],
				reason: reason.clone(),
			};
			let fields = decoded(&Event::Collectibles(unbound));
			assert_eq!(
				unbind_reason(&reason),
				Fields::new(&fields, "TagUnbound").variant("reason").unwrap()
			);
		}
	}

	#[test]
	fn schedules_and_sources_render_as_their_decoding_does() {
		let schedules = [
			PriceSchedule::Fixed(10),
			PriceSchedule::Fixed(u128::MAX),
			PriceSchedule::Dutch { start: BIG, floor: BIG - 1, decay_per_block: 3, from: 7 },
		];
		for schedule_of in &schedules {
			let event = Event::Marketplace(Marketplace::Listed {
				collection: 0,
				item: 1,
				seller: who(2),
				asset: Asset::WithId(7),
				price: schedule_of.clone(),
				expires_at: 100,
			});
			let fields = decoded(&event);
			assert_eq!(schedule(schedule_of), to_json(&fields)["price"]);
		}
		assert_eq!(
			(asset(&Asset::Native), asset(&Asset::WithId(7))),
			("native".into(), "asset:7".into())
		);
		let reasons =
			[AwardReason::Review, AwardReason::Content, AwardReason::Referral, AwardReason::Event];
		let sources = [Source::Purchase]
			.into_iter()
			.chain(reasons.into_iter().map(|r| Source::Campaign(9, r)));
		for source_of in sources {
			let event = Event::Loyalty(Loyalty::PointsEarned {
				who: who(5),
				points: 10,
				source: source_of.clone(),
				expires_at: 1_000,
			});
			let fields = decoded(&event);
			assert_eq!(
				source(&source_of),
				Fields::new(&fields, "PointsEarned").json("source").unwrap()
			);
		}
	}
}
