//! A flow's request: the body of `POST /api/flows/{flow}` as it arrives ([`FlowRequest`], one
//! shape for every flow) is read as a [`Flow`], with each flow's own typed fields.
//! Reading checks every field before anything is looked up or signed: a missing one is a 400
//! `missing_field` (`… is required`), a malformed one a 400 naming what is wrong.

use super::FlowRequest;
use crate::{
	bytes,
	chain::{
		account,
		call::{
			AccountId, BlockNumber, CollectionKind, ItemId, Named, Ruling, TagKind, TransferPolicy,
			UnbindReason, WorkKind, GIFT_ONLY,
		},
		DEFAULT_EXPIRY_BLOCKS,
	},
	ApiError, Result,
};
use sha2::{Digest, Sha256};

/// A flow, read from its name and its request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
	/// `register_work`: register uploaded content as a work of the user's.
	RegisterWork {
		/// The uploaded content.
		cid: String,
		/// The metadata document (default: the content).
		metadata_cid: Option<String>,
		/// The work's kind.
		kind: WorkKind,
	},
	/// `create_collection` of a work.
	CreateCollection {
		/// The work.
		work: u64,
		/// Collectibles or physical twins.
		kind: CollectionKind,
		/// Editions.
		max_supply: u32,
		/// The metadata document (default: the indexed work's).
		metadata_cid: Option<String>,
		/// Resale royalty in basis points.
		royalty_bp: u16,
		/// The transfer policy: `SettlementOnly`, `Soulbound` or [`GIFT_ONLY`].
		policy: TransferPolicy<BlockNumber>,
	},
	/// `mint` items of a collection.
	Mint {
		/// The collection.
		collection: u32,
		/// How many, 1 to [`MAX_MINT`].
		count: u32,
		/// The recipient (default: the user).
		to: Option<AccountId>,
	},
	/// `list` an item at a fixed price.
	List {
		/// The item.
		item: ItemId,
		/// The price.
		amount: u128,
		/// Until when.
		expiry: Expiry,
		/// The only buyer, if any.
		to: Option<AccountId>,
	},
	/// `list_dutch`: a Dutch auction.
	ListDutch {
		/// The item.
		item: ItemId,
		/// The starting price.
		start: u128,
		/// The lowest price.
		floor: u128,
		/// How much the price falls each block.
		decay_per_block: u128,
		/// Until when.
		expiry: Expiry,
	},
	/// `cancel_listing`.
	CancelListing {
		/// The item.
		item: ItemId,
	},
	/// `buy` a listed item.
	Buy {
		/// The item.
		item: ItemId,
		/// The price.
		amount: u128,
		/// Loyalty points to redeem.
		redeem_points: u128,
	},
	/// `buy_from_drop`: the next item of a primary drop.
	BuyFromDrop {
		/// The collection.
		collection: u32,
		/// The price.
		amount: u128,
		/// Loyalty points to redeem.
		redeem_points: u128,
	},
	/// `offer` on an item.
	Offer {
		/// The item.
		item: ItemId,
		/// The amount held.
		amount: u128,
		/// Until when.
		expiry: Expiry,
	},
	/// `withdraw_offer`.
	WithdrawOffer {
		/// The offer.
		offer: u64,
	},
	/// `accept_offer`.
	AcceptOffer {
		/// The offer.
		offer: u64,
	},
	/// `create_auction`: an English auction.
	CreateAuction {
		/// The item.
		item: ItemId,
		/// The starting price.
		start: u128,
		/// The reserve (default: the starting price).
		reserve: u128,
		/// The least raise, in basis points.
		min_increment_bp: u16,
		/// Until when.
		expiry: Expiry,
	},
	/// `bid` in an auction.
	Bid {
		/// The item.
		item: ItemId,
		/// The bid.
		amount: u128,
	},
	/// `settle_auction`.
	SettleAuction {
		/// The item.
		item: ItemId,
	},
	/// `cancel_auction`.
	CancelAuction {
		/// The item.
		item: ItemId,
	},
	/// `gift` an item.
	Gift {
		/// The item.
		item: ItemId,
		/// The recipient.
		to: AccountId,
	},
	/// `export_item` to the EVM mirror.
	ExportItem {
		/// The item.
		item: ItemId,
		/// The EVM address it is minted to.
		evm_address: [u8; 20],
	},
	/// `bind_tag` to an item.
	BindTag {
		/// The item.
		item: ItemId,
		/// The tag's hash.
		tag: [u8; 32],
		/// NFC or printed.
		tag_kind: TagKind,
		/// The key epoch it was issued under.
		key_epoch: u32,
	},
	/// `unbind_tag` from an item.
	UnbindTag {
		/// The item.
		item: ItemId,
		/// Why.
		reason: UnbindReason,
	},
	/// `dispute` a work.
	Dispute {
		/// The work.
		work: u64,
		/// The evidence's CID.
		cid: String,
	},
	/// `set_made_to_order`: the issuer marks a collection's products made to order, or not.
	SetMadeToOrder {
		/// The collection.
		collection: u32,
		/// Made to order.
		made_to_order: bool,
	},
	/// `dispute_order`: the buyer or the seller takes a shipped physical order to the arbiter.
	DisputeOrder {
		/// The order.
		order: u64,
	},
	/// `resolve_dispute`: the arbiter splits a disputed order's escrow.
	ResolveDispute {
		/// The order.
		order: u64,
		/// What goes back to the buyer; the rest is settled to the seller.
		to_buyer: u128,
	},
	/// `issue_settlement`: the issuer institution mints the settlement asset against a fiat
	/// payment.
	IssueSettlement {
		/// Who receives it.
		to: AccountId,
		/// How much, in fen.
		amount: u128,
		/// The sha2-256 of the payment's reference.
		reference: [u8; 32],
	},
	/// `redeem_settlement`: a holder burns settlement asset for a fiat payout.
	RedeemSettlement {
		/// How much, in fen.
		amount: u128,
		/// The sha2-256 of the payout's reference.
		reference: [u8; 32],
	},
	/// `approve_attestation`: an institution approves a creator's request.
	ApproveAttestation {
		/// The request's id.
		request: String,
		/// The KYC level granted.
		kyc_level: u8,
	},
	/// `propose_motion` to the council.
	ProposeMotion(Motion),
	/// `vote` on a council motion.
	Vote {
		/// The motion's hash.
		proposal: [u8; 32],
		/// The motion's index.
		index: u32,
		/// Aye or nay.
		approve: bool,
	},
	/// `close_motion`.
	CloseMotion {
		/// The motion's hash.
		proposal: [u8; 32],
		/// The motion's index.
		index: u32,
	},
}

/// What a council motion proposes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Motion {
	/// `rule_dispute` of a work.
	RuleDispute {
		/// The work.
		work: u64,
		/// The ruling.
		ruling: Ruling,
	},
	/// `add_validator`.
	AddValidator(AccountId),
	/// `remove_validator`.
	RemoveValidator(AccountId),
	/// `add_institution`.
	AddInstitution(AccountId),
	/// `remove_institution`.
	RemoveInstitution(AccountId),
	/// `add_node`: a peer id and its owner.
	AddNode {
		/// The peer id's bytes.
		peer_id: Vec<u8>,
		/// The operating institution.
		owner: AccountId,
	},
	/// `remove_node`.
	RemoveNode {
		/// The peer id's bytes.
		peer_id: Vec<u8>,
	},
	/// `set_arbiter`: the member institution that splits disputed orders' escrow.
	SetArbiter(AccountId),
	/// `set_settlement_issuer`: the member institution that mints the settlement asset.
	SetSettlementIssuer(AccountId),
}

/// The last block a listing, offer or auction is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
	/// This block.
	At(u64),
	/// This many blocks after the finalized head.
	AfterHead(u64),
}

/// The most items one mint request may ask for.
pub const MAX_MINT: u32 = 10_000;

impl Flow {
	/// Reads the request of flow `name`; 404 for a flow that does not exist.
	pub fn parse(name: &str, r: &FlowRequest) -> Result<Flow> {
		match name {
			"register_work" | "create_collection" | "mint" | "dispute" | "set_made_to_order" => {
				r.creation(name)
			}
			"bind_tag" | "unbind_tag" | "gift" | "export_item" => r.item_flow(name),
			"list" | "list_dutch" | "cancel_listing" | "buy" | "buy_from_drop" => r.sale(name),
			"offer" | "withdraw_offer" | "accept_offer" | "create_auction" | "bid"
			| "settle_auction" | "cancel_auction" => r.bidding(name),
			"dispute_order" | "redeem_settlement" => r.order_or_money(name),
			"approve_attestation"
			| "propose_motion"
			| "vote"
			| "close_motion"
			| "resolve_dispute"
			| "issue_settlement" => r.institution(name),
			other => Err(no_flow(other)),
		}
	}
}

fn no_flow(name: &str) -> ApiError {
	ApiError::not_found(format!("no flow {name:?}"))
}

fn need<T: Clone>(value: &Option<T>, name: &str) -> Result<T> {
	value
		.clone()
		.ok_or_else(|| ApiError::bad_request("missing_field", format!("{name} is required")))
}

/// `name` if `read` knows it, or a 400 naming the `allowed` ones.
fn variant<T>(name: &str, allowed: &[&str], read: impl Fn(&str) -> Option<T>) -> Result<T> {
	read(name).ok_or_else(|| {
		ApiError::bad_request("bad_value", format!("{name:?} is not one of {allowed:?}"))
	})
}

/// The transfer policy a new collection's request names: items change hands only through the
/// marketplace's settlement, never, or only as gifts ([`GIFT_ONLY`]).
fn policy(name: &str) -> Result<TransferPolicy<BlockNumber>> {
	match name {
		"GiftOnly" => Ok(GIFT_ONLY),
		other => variant(other, &["SettlementOnly", "Soulbound"], |name| match name {
			"SettlementOnly" => Some(TransferPolicy::SettlementOnly),
			"Soulbound" => Some(TransferPolicy::Soulbound),
			_ => None,
		}),
	}
}

fn hash(text: &str, code: &'static str, what: &str) -> Result<[u8; 32]> {
	bytes::from_hex(text).ok_or_else(|| ApiError::bad_request(code, what.to_string()))
}

impl FlowRequest {
	/// The `collection, item` most trading flows name.
	fn item(&self) -> Result<ItemId> {
		Ok((need(&self.collection, "collection")?, need(&self.item, "item")?))
	}

	fn expiry(&self) -> Result<Expiry> {
		match (self.expires_at, self.expires_in) {
			(Some(_), Some(_)) => {
				Err(ApiError::bad_request("bad_value", "give expires_at or expires_in, not both"))
			}
			(Some(at), None) => Ok(Expiry::At(at)),
			(None, blocks) => Ok(Expiry::AfterHead(blocks.unwrap_or(DEFAULT_EXPIRY_BLOCKS))),
		}
	}

	fn to(&self) -> Result<AccountId> {
		account(&need(&self.to, "to")?)
	}

	fn amount(&self) -> Result<u128> {
		need(&self.amount, "amount")
	}

	fn creation(&self, name: &str) -> Result<Flow> {
		Ok(match name {
			"register_work" => {
				let cid = need(&self.cid, "cid")?;
				let kind =
					variant(&need(&self.kind, "kind")?, WorkKind::NAMES, WorkKind::from_name)?;
				Flow::RegisterWork { cid, metadata_cid: self.metadata_cid.clone(), kind }
			}
			"create_collection" => {
				let policy = policy(self.policy.as_deref().unwrap_or("SettlementOnly"))?;
				let work = need(&self.work, "work")?;
				let kind = self.kind.as_deref().unwrap_or("DigitalCollectible");
				Flow::CreateCollection {
					work,
					kind: variant(kind, CollectionKind::NAMES, CollectionKind::from_name)?,
					max_supply: need(&self.max_supply, "max_supply")?,
					metadata_cid: self.metadata_cid.clone(),
					royalty_bp: self.royalty_bp.unwrap_or(0),
					policy,
				}
			}
			"mint" => {
				let collection = need(&self.collection, "collection")?;
				let count = self.count.unwrap_or(1);
				if count == 0 || count > MAX_MINT {
					return Err(ApiError::bad_request(
						"bad_count",
						format!("count must be 1 to {MAX_MINT}, not {count}"),
					));
				}
				Flow::Mint { collection, count, to: self.to.as_deref().map(account).transpose()? }
			}
			"dispute" => {
				Flow::Dispute { work: need(&self.work, "work")?, cid: need(&self.cid, "cid")? }
			}
			"set_made_to_order" => Flow::SetMadeToOrder {
				collection: need(&self.collection, "collection")?,
				made_to_order: need(&self.made_to_order, "made_to_order")?,
			},
			other => return Err(no_flow(other)),
		})
	}

	fn item_flow(&self, name: &str) -> Result<Flow> {
		let item = self.item()?;
		Ok(match name {
			"bind_tag" => {
				let tag =
					hash(&need(&self.tag, "tag")?, "bad_tag", "tag is a 32-byte hash in hex")?;
				let kind = need(&self.tag_kind, "tag_kind")?;
				Flow::BindTag {
					item,
					tag,
					tag_kind: variant(&kind, TagKind::NAMES, TagKind::from_name)?,
					key_epoch: need(&self.key_epoch, "key_epoch")?,
				}
			}
			"unbind_tag" => {
				let reason = need(&self.reason, "reason")?;
				let reason = variant(&reason, UnbindReason::NAMES, UnbindReason::from_name)?;
				Flow::UnbindTag { item, reason }
			}
			"gift" => Flow::Gift { item, to: self.to()? },
			"export_item" => {
				let evm_address = bytes::from_hex(&need(&self.evm_address, "evm_address")?)
					.ok_or_else(|| {
						ApiError::bad_request(
							"bad_evm_address",
							"evm_address is an EVM address: 0x and 40 hex digits",
						)
					})?;
				Flow::ExportItem { item, evm_address }
			}
			other => return Err(no_flow(other)),
		})
	}

	fn sale(&self, name: &str) -> Result<Flow> {
		Ok(match name {
			"list" => Flow::List {
				item: self.item()?,
				amount: self.amount()?,
				expiry: self.expiry()?,
				// The only buyer (an order's buyer, who then claims by tap).
				to: self.to.as_deref().map(account).transpose()?,
			},
			"list_dutch" => {
				let (item, start, floor) =
					(self.item()?, self.amount()?, need(&self.floor, "floor")?);
				if floor > start {
					return Err(ApiError::bad_request(
						"bad_value",
						"a Dutch auction's floor is at most its starting price",
					));
				}
				let decay_per_block = need(&self.decay_per_block, "decay_per_block")?;
				Flow::ListDutch { item, start, floor, decay_per_block, expiry: self.expiry()? }
			}
			"cancel_listing" => Flow::CancelListing { item: self.item()? },
			"buy" => Flow::Buy {
				item: self.item()?,
				amount: self.amount()?,
				redeem_points: self.redeem_points.unwrap_or(0),
			},
			"buy_from_drop" => Flow::BuyFromDrop {
				collection: need(&self.collection, "collection")?,
				amount: self.amount()?,
				redeem_points: self.redeem_points.unwrap_or(0),
			},
			other => return Err(no_flow(other)),
		})
	}

	fn bidding(&self, name: &str) -> Result<Flow> {
		Ok(match name {
			"offer" => {
				Flow::Offer { item: self.item()?, amount: self.amount()?, expiry: self.expiry()? }
			}
			"withdraw_offer" => Flow::WithdrawOffer { offer: need(&self.offer, "offer")? },
			"accept_offer" => Flow::AcceptOffer { offer: need(&self.offer, "offer")? },
			"create_auction" => {
				let (item, start) = (self.item()?, self.amount()?);
				Flow::CreateAuction {
					item,
					start,
					reserve: self.reserve.unwrap_or(start),
					min_increment_bp: self.min_increment_bp.unwrap_or(500),
					expiry: self.expiry()?,
				}
			}
			"bid" => Flow::Bid { item: self.item()?, amount: self.amount()? },
			"settle_auction" => Flow::SettleAuction { item: self.item()? },
			"cancel_auction" => Flow::CancelAuction { item: self.item()? },
			other => return Err(no_flow(other)),
		})
	}

	/// The sha2-256 of the request's payment `reference` (1 to 100 characters).
	fn reference(&self) -> Result<[u8; 32]> {
		let reference = need(&self.reference, "reference")?;
		if reference.trim().is_empty() || reference.chars().count() > 100 {
			return Err(ApiError::bad_request("bad_value", "a reference of 1 to 100 characters"));
		}
		Ok(Sha256::digest(reference.trim().as_bytes()).into())
	}

	fn order_or_money(&self, name: &str) -> Result<Flow> {
		Ok(match name {
			"dispute_order" => Flow::DisputeOrder { order: need(&self.order, "order")? },
			"redeem_settlement" => {
				Flow::RedeemSettlement { amount: self.amount()?, reference: self.reference()? }
			}
			other => return Err(no_flow(other)),
		})
	}

	fn institution(&self, name: &str) -> Result<Flow> {
		let proposal = || {
			hash(
				&need(&self.proposal, "proposal")?,
				"bad_proposal",
				"proposal is a 32-byte hash in hex",
			)
		};
		Ok(match name {
			"approve_attestation" => Flow::ApproveAttestation {
				request: need(&self.request, "request")?,
				kyc_level: self.kyc_level.unwrap_or(1),
			},
			"propose_motion" => Flow::ProposeMotion(self.motion()?),
			"vote" => Flow::Vote {
				proposal: proposal()?,
				index: need(&self.index, "index")?,
				approve: need(&self.approve, "approve")?,
			},
			"close_motion" => {
				Flow::CloseMotion { proposal: proposal()?, index: need(&self.index, "index")? }
			}
			"resolve_dispute" => Flow::ResolveDispute {
				order: need(&self.order, "order")?,
				to_buyer: self.amount()?,
			},
			"issue_settlement" => Flow::IssueSettlement {
				to: self.to()?,
				amount: self.amount()?,
				reference: self.reference()?,
			},
			other => return Err(no_flow(other)),
		})
	}

	/// The motion `{motion, …}` proposes: `rule_dispute` (`work`, `ruling`),
	/// `add_validator`/`remove_validator` (`to`), `add_institution`/`remove_institution` (`to`),
	/// `add_node` (`peer_id`, `to` as the owner), `remove_node` (`peer_id`), `set_arbiter` or
	/// `set_settlement_issuer` (`to`).
	fn motion(&self) -> Result<Motion> {
		let peer = || {
			bytes::vec_from_hex(&need(&self.peer_id, "peer_id")?)
				.filter(|bytes| !bytes.is_empty() && bytes.len() <= 128)
				.ok_or_else(|| {
					ApiError::bad_request("bad_peer_id", "peer_id is the peer id's hex bytes")
				})
		};
		Ok(match need(&self.motion, "motion")?.as_str() {
			"rule_dispute" => {
				let ruling =
					variant(&need(&self.ruling, "ruling")?, Ruling::NAMES, Ruling::from_name)?;
				Motion::RuleDispute { work: need(&self.work, "work")?, ruling }
			}
			"add_validator" => Motion::AddValidator(self.to()?),
			"remove_validator" => Motion::RemoveValidator(self.to()?),
			"add_institution" => Motion::AddInstitution(self.to()?),
			"remove_institution" => Motion::RemoveInstitution(self.to()?),
			"add_node" => Motion::AddNode { peer_id: peer()?, owner: self.to()? },
			"remove_node" => Motion::RemoveNode { peer_id: peer()? },
			"set_arbiter" => Motion::SetArbiter(self.to()?),
			"set_settlement_issuer" => Motion::SetSettlementIssuer(self.to()?),
			other => {
				return Err(ApiError::bad_request("bad_value", format!("no motion {other:?}")))
			}
		})
	}
}
