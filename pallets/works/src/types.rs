//! Types stored and taken by the works pallet.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, traits::fungible, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use yinji_primitives::{BasisPoints, ContentHash, KycLevel, Licence, WorkId, WorkKind, WorkStatus};

/// The account type of the runtime.
pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> = <<T as Config>::Currency as fungible::Inspect<AccountIdOf<T>>>::Balance;

/// A rights-holder split: 1..=`MaxRightsHolders` (account, basis points) pairs summing to 10 000.
pub type Split<T> = BoundedVec<(AccountIdOf<T>, BasisPoints), <T as Config>::MaxRightsHolders>;

/// A derivative work's parents, each with the share of the derivative's royalties it is owed.
pub type Parents<T> = BoundedVec<(WorkId, BasisPoints), <T as Config>::MaxParents>;

/// An IPFS content identifier (metadata of a work, evidence of a dispute), as its text bytes.
pub type Cid<T> = BoundedVec<u8, <T as Config>::MaxCidLength>;

/// A similarity fingerprint (for example an ISCC code) for near-duplicate screening off chain.
pub type Fingerprint<T> = BoundedVec<u8, <T as Config>::MaxFingerprintLength>;

/// A registered work (版权存证).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Work<T: Config> {
	/// sha2-256 of the content bytes; unique across the registry (first to file).
	pub content_hash: ContentHash,
	/// Optional similarity fingerprint.
	pub fingerprint: Option<Fingerprint<T>>,
	/// CID of the metadata document (title, description, media).
	pub metadata: Cid<T>,
	/// What kind of work this is.
	pub kind: WorkKind,
	/// The terms of use.
	pub licence: Licence<BalanceOf<T>>,
	/// The account that registered the work and whose deposit is held for it.
	pub registrant: AccountIdOf<T>,
	/// Who holds the rights and in what shares.
	pub holders: Split<T>,
	/// The works this one derives from and the share of royalties owed to each.
	pub parents: Parents<T>,
	/// Length of the longest parent chain above this work (0 for an original work).
	pub depth: u8,
	/// How many registered works name this one as a parent.
	pub derivatives: u32,
	/// The block in which the work was registered.
	pub registered_at: BlockNumberFor<T>,
	/// The registration deposit held from the registrant (zero once released).
	pub deposit: BalanceOf<T>,
	/// Active, disputed or revoked.
	pub status: WorkStatus,
}

/// An institution's statement that an account belongs to a verified (实名) creator.
///
/// Only the statement is on chain; the personal data behind it stays with the institution.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Attestation<AccountId, BlockNumber> {
	/// The institution that verified the creator.
	pub institution: AccountId,
	/// How thoroughly the creator was verified.
	pub kyc_level: KycLevel,
	/// The first block at which the attestation no longer holds.
	pub expires_at: BlockNumber,
}

/// A change to a work's rights that needs the consent of holders of more than half the shares.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub enum RightsChange<T: Config> {
	/// Replace the split (a transfer of all rights is a split with one holder).
	NewSplit(Split<T>),
	/// Withdraw the registration and release its deposit.
	Withdraw,
}

/// An open proposal to change a work's rights, collecting approvals from its holders.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct RightsProposal<T: Config> {
	/// The holder who proposed the change.
	pub proposer: AccountIdOf<T>,
	/// The change.
	pub change: RightsChange<T>,
	/// The holders who approved so far (the proposer first).
	pub approvals: BoundedVec<AccountIdOf<T>, <T as Config>::MaxRightsHolders>,
	/// The first block at which the proposal can no longer be approved.
	pub expires_at: BlockNumberFor<T>,
}

/// A challenge to a work's registration, pending a ruling by the arbitration origin.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Dispute<T: Config> {
	/// Who opened the dispute; their deposit is held until the ruling.
	pub claimant: AccountIdOf<T>,
	/// CID of the evidence.
	pub evidence: Cid<T>,
	/// The deposit held from the claimant.
	pub deposit: BalanceOf<T>,
	/// The block in which the dispute was opened.
	pub opened_at: BlockNumberFor<T>,
}

/// The arbitration origin's decision on a dispute.
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
pub enum Ruling {
	/// The claim is upheld and all rights move to the claimant; the work is thawed.
	TransferToClaimant,
	/// The claim is upheld and the registration is revoked: the work stays as a frozen record,
	/// its content hash stays taken, and the registrant's deposit is released.
	Revoke,
	/// The claim is dismissed and the claimant's deposit returned; the work is thawed.
	DismissAndReturn,
	/// The claim is dismissed as frivolous: the claimant's deposit goes to the registrant.
	DismissAndSlash,
}
