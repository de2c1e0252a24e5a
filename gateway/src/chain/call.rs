//! The extrinsics the gateway submits, each built by one function here from typed arguments.
//! A [`Call`] still carries dynamic values: these functions are the one place that knows each
//! call's argument order.

use yinji_client::Value;

/// An account on chain: its 32-byte public key.
pub type AccountId = [u8; 32];
/// An item: its collection and its number.
pub type ItemId = (u32, u32);

/// One extrinsic.
#[derive(Debug)]
pub struct Call {
	/// The pallet.
	pub pallet: &'static str,
	/// The call.
	pub call: &'static str,
	/// Its arguments, in order.
	pub args: Vec<Value>,
}

/// Names of a chain enum's unit variants, checked against a request: each type lists the
/// names the runtime knows, and reads only those.
macro_rules! unit_variants {
	($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
		$(#[$meta])*
		#[derive(Clone, Copy, Debug, PartialEq, Eq)]
		pub enum $name {
			$($(#[$vmeta])* $variant,)*
		}

		impl $name {
			/// Every variant's name, as the runtime spells it.
			pub const NAMES: &'static [&'static str] = &[$(stringify!($variant)),*];

			/// The variant's name.
			pub fn as_str(self) -> &'static str {
				match self {
					$($name::$variant => stringify!($variant),)*
				}
			}

			/// The variant named `name`, if there is one.
			pub fn from_name(name: &str) -> Option<$name> {
				match name {
					$(stringify!($variant) => Some($name::$variant),)*
					_ => None,
				}
			}

			fn value(self) -> Value {
				Value::unnamed_variant(self.as_str(), [])
			}
		}
	};
}

unit_variants!(
	/// What kind of work is registered.
	WorkKind {
		/// A picture.
		Image,
		/// A 3D model.
		Model3d,
		/// Writing.
		Text,
		/// Sound.
		Audio,
		/// Film.
		Video,
		/// A design.
		Design,
		/// A craft object.
		Craft,
	}
);
unit_variants!(
	/// What a collection's items are.
	CollectionKind {
		/// Digital collectibles.
		DigitalCollectible,
		/// Twins of physical products, carrying tags.
		PhysicalTwin,
	}
);
unit_variants!(
	/// How a tag proves itself.
	TagKind {
		/// An NTAG 424 DNA NFC tag.
		Ntag424,
		/// A signed printed code.
		SignedQr,
	}
);
unit_variants!(
	/// Why a tag is unbound.
	UnbindReason {
		/// The tag no longer reads.
		Damaged,
		/// The tag is gone.
		Lost,
		/// The tag's keys may be known to others.
		Compromised,
	}
);
unit_variants!(
	/// A dispute's ruling.
	Ruling {
		/// The rights pass to the claimant.
		TransferToClaimant,
		/// The work is revoked.
		Revoke,
		/// The dispute is dismissed and the deposit returned.
		DismissAndReturn,
		/// The dispute is dismissed and the deposit slashed.
		DismissAndSlash,
	}
);

/// A collection's transfer policy, as the gateway offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
	/// Items change hands only through the marketplace's settlement.
	SettlementOnly,
	/// Items never change hands.
	Soulbound,
	/// Items are only given, with no hold period or recipient KYC.
	GiftOnly,
}

impl Policy {
	fn value(self) -> Value {
		match self {
			Policy::SettlementOnly => Value::unnamed_variant("SettlementOnly", []),
			Policy::Soulbound => Value::unnamed_variant("Soulbound", []),
			Policy::GiftOnly => Value::named_variant(
				"GiftOnly",
				[("min_hold", Value::u128(0)), ("recipient_kyc", Value::u128(0))],
			),
		}
	}
}

fn number(n: impl Into<u128>) -> Value {
	Value::u128(n.into())
}

fn account(account: &AccountId) -> Value {
	Value::from_bytes(account)
}

/// `MultiAddress::Id(account)`, as `pallet-membership` and `pallet-balances` take accounts.
fn address(who: &AccountId) -> Value {
	Value::unnamed_variant("Id", [account(who)])
}

/// The native currency.
fn native() -> Value {
	Value::unnamed_variant("Native", [])
}

fn option(value: Option<Value>) -> Value {
	match value {
		Some(value) => Value::unnamed_variant("Some", [value]),
		None => Value::unnamed_variant("None", []),
	}
}

fn call(pallet: &'static str, call: &'static str, args: Vec<Value>) -> Call {
	Call { pallet, call, args }
}

/// The `collection, item` arguments most trading calls start with, then `rest`.
fn on_item(item: ItemId, rest: impl IntoIterator<Item = Value>) -> Vec<Value> {
	[number(item.0), number(item.1)].into_iter().chain(rest).collect()
}

/// Fields of the extrinsics below that the runtime takes as fixed numbers.
mod fixed {
	/// The longest encoded proposal a closing motion accepts (every motion the gateway proposes
	/// is far shorter; the bound only caps the weight charged).
	pub const MOTION_LENGTH_BOUND: u32 = 1024;
	/// The weight bound of a closing motion's proposal (ref time, proof size): a tenth of a
	/// second, far above any call a motion proposes, and charged to the closing member only up
	/// to use.
	pub const MOTION_WEIGHT: (u128, u128) = (100_000_000_000, 100_000);
}

impl Call {
	/// `Works.register_work`: a work by `owner` alone (all rights reserved, no parents).
	pub fn register_work(
		content_hash: [u8; 32],
		metadata_cid: &str,
		kind: WorkKind,
		owner: &AccountId,
	) -> Call {
		let split = Value::unnamed_composite([Value::unnamed_composite([
			account(owner),
			number(10_000u32),
		])]);
		call(
			"Works",
			"register_work",
			vec![
				Value::from_bytes(content_hash),
				Value::unnamed_variant("None", []),
				Value::from_bytes(metadata_cid.as_bytes()),
				kind.value(),
				Value::unnamed_variant("AllRightsReserved", []),
				split,
				Value::unnamed_composite([]),
			],
		)
	}

	/// `Collectibles.create_collection` of `work`.
	pub fn create_collection(
		work: u64,
		kind: CollectionKind,
		max_supply: u32,
		metadata_cid: &str,
		royalty_bp: u16,
		policy: Policy,
	) -> Call {
		call(
			"Collectibles",
			"create_collection",
			vec![
				number(work),
				kind.value(),
				number(max_supply),
				Value::from_bytes(metadata_cid.as_bytes()),
				number(royalty_bp),
				policy.value(),
				number(0u32),
			],
		)
	}

	/// `Collectibles.mint`: `count` items of `collection` to `to`.
	pub fn mint(collection: u32, to: &AccountId, count: u32) -> Call {
		call("Collectibles", "mint", vec![number(collection), account(to), number(count)])
	}

	/// `Marketplace.list` at a fixed `price` in the native currency until `expires_at`; for
	/// `buyer` only, if given.
	pub fn list(item: ItemId, price: u128, expires_at: u64, buyer: Option<&AccountId>) -> Call {
		let args = [native(), number(price), number(expires_at), option(buyer.map(account))];
		call("Marketplace", "list", on_item(item, args))
	}

	/// `Marketplace.list_dutch`: from `start` down by `decay_per_block` to `floor`.
	pub fn list_dutch(
		item: ItemId,
		start: u128,
		floor: u128,
		decay_per_block: u128,
		expires_at: u64,
	) -> Call {
		let args =
			[native(), number(start), number(floor), number(decay_per_block), number(expires_at)];
		call("Marketplace", "list_dutch", on_item(item, args))
	}

	/// `Marketplace.cancel_listing`.
	pub fn cancel_listing(item: ItemId) -> Call {
		call("Marketplace", "cancel_listing", on_item(item, []))
	}

	/// `Marketplace.buy` at `price` at most, redeeming `redeem_points`.
	pub fn buy(item: ItemId, price: u128, redeem_points: u128) -> Call {
		call("Marketplace", "buy", on_item(item, [native(), number(price), number(redeem_points)]))
	}

	/// `Marketplace.buy_from_drop`: the next item of `collection`'s primary drop.
	pub fn buy_from_drop(collection: u32, price: u128, redeem_points: u128) -> Call {
		let args = vec![number(collection), number(price), number(redeem_points)];
		call("Marketplace", "buy_from_drop", args)
	}

	/// `Marketplace.make_offer`: `amount` held until `expires_at`.
	pub fn make_offer(item: ItemId, amount: u128, expires_at: u64) -> Call {
		let args = [native(), number(amount), number(expires_at)];
		call("Marketplace", "make_offer", on_item(item, args))
	}

	/// `Marketplace.withdraw_offer`.
	pub fn withdraw_offer(offer: u64) -> Call {
		call("Marketplace", "withdraw_offer", vec![number(offer)])
	}

	/// `Marketplace.accept_offer`.
	pub fn accept_offer(offer: u64) -> Call {
		call("Marketplace", "accept_offer", vec![number(offer)])
	}

	/// `Marketplace.create_auction`: an English auction.
	pub fn create_auction(
		item: ItemId,
		start: u128,
		reserve: u128,
		min_increment_bp: u16,
		expires_at: u64,
	) -> Call {
		let args = [
			native(),
			number(start),
			number(reserve),
			number(min_increment_bp),
			number(expires_at),
		];
		call("Marketplace", "create_auction", on_item(item, args))
	}

	/// `Marketplace.bid`.
	pub fn bid(item: ItemId, amount: u128) -> Call {
		call("Marketplace", "bid", on_item(item, [number(amount)]))
	}

	/// `Marketplace.settle_auction`.
	pub fn settle_auction(item: ItemId) -> Call {
		call("Marketplace", "settle_auction", on_item(item, []))
	}

	/// `Marketplace.cancel_auction`.
	pub fn cancel_auction(item: ItemId) -> Call {
		call("Marketplace", "cancel_auction", on_item(item, []))
	}

	/// `Marketplace.claim_by_tap`: settles `offer` by a tap of tag `tag_hash` at `counter`.
	pub fn claim_by_tap(offer: u64, tag_hash: [u8; 32], counter: u32) -> Call {
		let args = vec![number(offer), Value::from_bytes(tag_hash), number(counter)];
		call("Marketplace", "claim_by_tap", args)
	}

	/// `Collectibles.gift` to `to`.
	pub fn gift(item: ItemId, to: &AccountId) -> Call {
		call("Collectibles", "gift", on_item(item, [account(to)]))
	}

	/// `Collectibles.export_item` to an EVM address.
	pub fn export_item(item: ItemId, evm_address: [u8; 20]) -> Call {
		call("Collectibles", "export_item", on_item(item, [Value::from_bytes(evm_address)]))
	}

	/// `Collectibles.bind_tag`.
	pub fn bind_tag(item: ItemId, tag_hash: [u8; 32], kind: TagKind, key_epoch: u32) -> Call {
		let args = [Value::from_bytes(tag_hash), kind.value(), number(key_epoch)];
		call("Collectibles", "bind_tag", on_item(item, args))
	}

	/// `Collectibles.unbind_tag`.
	pub fn unbind_tag(item: ItemId, reason: UnbindReason) -> Call {
		call("Collectibles", "unbind_tag", on_item(item, [reason.value()]))
	}

	/// `Works.open_dispute` of `work`, with the evidence's CID.
	pub fn open_dispute(work: u64, evidence_cid: &str) -> Call {
		let args = vec![number(work), Value::from_bytes(evidence_cid.as_bytes())];
		call("Works", "open_dispute", args)
	}

	/// `Works.attest_creator` until block `until`.
	pub fn attest_creator(creator: &AccountId, kyc_level: u8, until: u64) -> Call {
		let args = vec![account(creator), number(kyc_level), number(until)];
		call("Works", "attest_creator", args)
	}

	/// `Works.rule_dispute` (a council motion).
	pub fn rule_dispute(work: u64, ruling: Ruling) -> Call {
		call("Works", "rule_dispute", vec![number(work), ruling.value()])
	}

	/// `ValidatorSet.add_validator` (a council motion).
	pub fn add_validator(who: &AccountId) -> Call {
		call("ValidatorSet", "add_validator", vec![account(who)])
	}

	/// `ValidatorSet.remove_validator` (a council motion).
	pub fn remove_validator(who: &AccountId) -> Call {
		call("ValidatorSet", "remove_validator", vec![account(who)])
	}

	/// `Institutions.add_member` (a council motion).
	pub fn add_institution(who: &AccountId) -> Call {
		call("Institutions", "add_member", vec![address(who)])
	}

	/// `Institutions.remove_member` (a council motion).
	pub fn remove_institution(who: &AccountId) -> Call {
		call("Institutions", "remove_member", vec![address(who)])
	}

	/// `NodeAuthorization.add_well_known_node` (a council motion).
	pub fn add_node(peer_id: &[u8], owner: &AccountId) -> Call {
		let args = vec![Value::from_bytes(peer_id), address(owner)];
		call("NodeAuthorization", "add_well_known_node", args)
	}

	/// `NodeAuthorization.remove_well_known_node` (a council motion).
	pub fn remove_node(peer_id: &[u8]) -> Call {
		call("NodeAuthorization", "remove_well_known_node", vec![Value::from_bytes(peer_id)])
	}

	/// `Council.propose` of an encoded `proposal` of `length` bytes, passing with `threshold`
	/// ayes.
	pub fn propose(threshold: u32, proposal: Value, length: u32) -> Call {
		call("Council", "propose", vec![number(threshold), proposal, number(length)])
	}

	/// `Council.vote` on motion `index` with hash `proposal`.
	pub fn vote(proposal: [u8; 32], index: u32, approve: bool) -> Call {
		let args = vec![Value::from_bytes(proposal), number(index), Value::bool(approve)];
		call("Council", "vote", args)
	}

	/// `Council.close` of motion `index` with hash `proposal`.
	pub fn close(proposal: [u8; 32], index: u32) -> Call {
		let weight = Value::named_composite([
			("ref_time", number(fixed::MOTION_WEIGHT.0)),
			("proof_size", number(fixed::MOTION_WEIGHT.1)),
		]);
		let args = vec![
			Value::from_bytes(proposal),
			number(index),
			weight,
			number(fixed::MOTION_LENGTH_BOUND),
		];
		call("Council", "close", args)
	}

	/// `Balances.transfer_keep_alive` of `amount` to `to`.
	pub fn transfer(to: &AccountId, amount: u128) -> Call {
		call("Balances", "transfer_keep_alive", vec![address(to), number(amount)])
	}

	/// `Utility.batch_all` of `calls`: all of them happen, or none.
	pub fn batch_all(calls: Vec<Call>) -> Call {
		let calls = calls.into_iter().map(|Call { pallet, call, args }| (pallet, call, args));
		call("Utility", "batch_all", vec![yinji_client::Chain::batch_argument(calls)])
	}
}
