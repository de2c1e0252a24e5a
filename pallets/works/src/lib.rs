//! # Works pallet: copyright registration (版权存证)
//!
//! A creator verified by a member institution registers a work: the sha2-256 hash of its
//! content, its kind, licence, metadata CID, who holds the rights in what shares, and — for a
//! derivative — which registered works it derives from and what share of its royalties each is
//! owed. The first registration of a content hash wins; the chain records the block.
//!
//! Rights change only with the consent of holders of more than half the shares (a proposal
//! collecting approvals); anyone may dispute a registration with evidence and a deposit, which
//! freezes the work until the arbitration origin rules.
//!
//! Other pallets read works through [`yinji_primitives::WorkRegistry`] and attestations through
//! [`yinji_primitives::CreatorAttestations`], both implemented here.
//!
//! This file is the index: configuration, storage, events, errors and calls. Each call checks
//! its origin and hands off to a `do_*` function in `features/`. See `docs/pallets/works.md`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod features;
mod impl_registry;
mod invariants;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

// FRAME's macros expand to `expect` calls with their own proofs; our code lives in `features/`,
// where the lints stay on.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, StorageVersion},
	};
	use frame_system::pallet_prelude::*;
	use yinji_primitives::{BasisPoints, ContentHash, KycLevel, Licence, WorkId, WorkKind};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the works pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// Who may attest creators: a member institution, identified by its account.
		type InstitutionOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Self::AccountId>;

		/// Who rules on disputes (the consortium).
		type ArbitrationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Deposit held from the registrant for every work.
		#[pallet::constant]
		type RegistrationDepositBase: Get<BalanceOf<Self>>;

		/// Additional registration deposit per byte of metadata CID and fingerprint.
		#[pallet::constant]
		type DepositPerByte: Get<BalanceOf<Self>>;

		/// Deposit held from whoever opens a dispute.
		#[pallet::constant]
		type DisputeDeposit: Get<BalanceOf<Self>>;

		/// Most rights holders in a split.
		#[pallet::constant]
		type MaxRightsHolders: Get<u32>;

		/// Most direct parents of a derivative work.
		#[pallet::constant]
		type MaxParents: Get<u32>;

		/// Most distinct ancestors (parents, their parents, …) of a work.
		#[pallet::constant]
		type MaxAncestors: Get<u32>;

		/// Longest chain of parents above a work; at most 4, so that royalty shares stay exact.
		#[pallet::constant]
		type MaxAncestryDepth: Get<u8>;

		/// Longest CID, in bytes of its text form.
		#[pallet::constant]
		type MaxCidLength: Get<u32>;

		/// Longest similarity fingerprint, in bytes.
		#[pallet::constant]
		type MaxFingerprintLength: Get<u32>;

		/// How many blocks a rights proposal stays open.
		#[pallet::constant]
		type ProposalLifetime: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered work.
		WorkRegistration,
		/// The deposit of an open dispute.
		Dispute,
	}

	/// The id the next registered work gets.
	#[pallet::storage]
	pub type NextWorkId<T> = StorageValue<_, WorkId, ValueQuery>;

	/// Registered works by id.
	#[pallet::storage]
	pub type Works<T: Config> = StorageMap<_, Blake2_128Concat, WorkId, Work<T>>;

	/// The work registered for a content hash (first to file).
	#[pallet::storage]
	pub type WorkIdOf<T> = StorageMap<_, Identity, ContentHash, WorkId>;

	/// Creator attestations by account.
	#[pallet::storage]
	pub type AttestationOf<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Attestation<T::AccountId, BlockNumberFor<T>>>;

	/// The open rights proposal of a work, if any (at most one per work).
	#[pallet::storage]
	pub type ProposalOf<T: Config> = StorageMap<_, Blake2_128Concat, WorkId, RightsProposal<T>>;

	/// The open dispute of a work, if any (at most one per work).
	#[pallet::storage]
	pub type DisputeOf<T: Config> = StorageMap<_, Blake2_128Concat, WorkId, Dispute<T>>;

	/// Events of the works pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An institution attested a creator.
		CreatorAttested {
			/// The creator.
			who: T::AccountId,
			/// The attesting institution.
			institution: T::AccountId,
			/// The verification level.
			kyc_level: KycLevel,
			/// The first block at which the attestation no longer holds.
			expires_at: BlockNumberFor<T>,
		},
		/// An institution revoked its attestation of a creator.
		AttestationRevoked {
			/// The creator.
			who: T::AccountId,
			/// The institution.
			institution: T::AccountId,
		},
		/// A work was registered.
		WorkRegistered {
			/// The new work's id.
			work: WorkId,
			/// Who registered it.
			registrant: T::AccountId,
			/// sha2-256 of its content.
			content_hash: ContentHash,
			/// CID of its metadata document.
			metadata: Cid<T>,
			/// What kind of work it is.
			kind: WorkKind,
			/// Its terms of use.
			licence: Licence<BalanceOf<T>>,
			/// Who holds the rights and in what shares.
			holders: Split<T>,
			/// The works it derives from, with the share owed to each.
			parents: Parents<T>,
		},
		/// A holder proposed a new split.
		SplitProposed {
			/// The work.
			work: WorkId,
			/// The proposing holder.
			proposer: T::AccountId,
			/// The proposed split.
			holders: Split<T>,
		},
		/// A holder proposed withdrawing the registration.
		WithdrawalProposed {
			/// The work.
			work: WorkId,
			/// The proposing holder.
			proposer: T::AccountId,
		},
		/// A holder approved the open proposal.
		ProposalApproved {
			/// The work.
			work: WorkId,
			/// The approving holder.
			who: T::AccountId,
			/// The shares (in basis points) approving so far.
			approved: BasisPoints,
		},
		/// The open proposal was cancelled (by its proposer, or by anyone once expired).
		ProposalCancelled {
			/// The work.
			work: WorkId,
		},
		/// The rights holders changed (by consent or by a ruling).
		SplitChanged {
			/// The work.
			work: WorkId,
			/// The new split.
			holders: Split<T>,
		},
		/// A registration was withdrawn by consent of its holders; its hash may be filed again.
		WorkWithdrawn {
			/// The work.
			work: WorkId,
		},
		/// A dispute was opened and the work frozen.
		DisputeOpened {
			/// The work.
			work: WorkId,
			/// The claimant.
			claimant: T::AccountId,
			/// CID of the evidence.
			evidence: Cid<T>,
		},
		/// The arbitration origin ruled on a dispute.
		DisputeRuled {
			/// The work.
			work: WorkId,
			/// The ruling.
			ruling: Ruling,
		},
	}

	/// Errors of the works pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account holds no attestation.
		NotAttested,
		/// The account's attestation has expired.
		AttestationExpired,
		/// An attestation must expire after the current block.
		ExpiryNotInFuture,
		/// Only the institution that made an attestation may revoke it.
		NotAttester,
		/// This content hash is already registered.
		AlreadyRegistered,
		/// A split must name at least one holder.
		EmptySplit,
		/// Every share in a split, and every upstream share, must be above zero.
		ZeroShare,
		/// An account appears twice in a split.
		DuplicateHolder,
		/// The shares of a split do not sum to exactly 10 000 basis points.
		SplitDoesNotSumToWhole,
		/// No work with this id is registered.
		UnknownWork,
		/// A work is disputed and frozen until the ruling.
		WorkFrozen,
		/// A work has been revoked.
		WorkRevoked,
		/// A parent's licence does not allow derivative works.
		DerivativesNotAllowed,
		/// A parent appears twice.
		DuplicateParent,
		/// The shares owed to parents add up to more than 10 000 basis points.
		UpstreamSharesExceedWhole,
		/// The chain of parents would be longer than `MaxAncestryDepth`.
		AncestryTooDeep,
		/// The work would have more than `MaxAncestors` distinct ancestors.
		TooManyAncestors,
		/// The caller holds no share of the work.
		NotRightsHolder,
		/// The work already has an open, unexpired proposal.
		ProposalPending,
		/// The work has no open proposal.
		NoProposal,
		/// The open proposal has expired.
		ProposalExpired,
		/// The caller already approved the open proposal.
		AlreadyApproved,
		/// Only the proposer may cancel a proposal before it expires.
		NotProposer,
		/// A work that others derive from cannot be withdrawn.
		HasDerivatives,
		/// The work is already under dispute.
		AlreadyDisputed,
		/// The work has no open dispute.
		NoDispute,
		/// A counter or id would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRightsHolders::get() >= 1, "a split needs room for one holder");
			assert!(
				T::MaxAncestryDepth::get() <= crate::features::ancestry::MAX_EXACT_DEPTH,
				"royalty shares are exact only up to four generations"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Attest that `who` is a verified creator, until block `expires_at`.
		///
		/// - Origin: an institution ([`Config::InstitutionOrigin`]); it becomes the attester.
		/// - Replaces any earlier attestation of `who`.
		/// - Emits [`Event::CreatorAttested`].
		/// - Weight: [`WeightInfo::attest_creator`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::attest_creator())]
		pub fn attest_creator(
			origin: OriginFor<T>,
			who: T::AccountId,
			kyc_level: KycLevel,
			expires_at: BlockNumberFor<T>,
		) -> DispatchResult {
			let institution = T::InstitutionOrigin::ensure_origin(origin)?;
			Self::do_attest_creator(institution, who, kyc_level, expires_at)
		}

		/// Revoke the attestation of `who`.
		///
		/// - Origin: the institution that made the attestation.
		/// - Emits [`Event::AttestationRevoked`].
		/// - Weight: [`WeightInfo::revoke_attestation`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_attestation())]
		pub fn revoke_attestation(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let institution = T::InstitutionOrigin::ensure_origin(origin)?;
			Self::do_revoke_attestation(institution, who)
		}

		/// Register a work.
		///
		/// - Origin: signed by an account with an unexpired attestation; it becomes the
		///   registrant and the registration deposit is held from it.
		/// - `content_hash`: sha2-256 of the content; must not be registered yet.
		/// - `split`: the rights holders, summing to exactly 10 000 bp, no account twice.
		/// - `parents`: for a derivative, the registered, active works it derives from (whose
		///   licences allow derivatives) and the share of its royalties each is owed.
		/// - Emits [`Event::WorkRegistered`].
		/// - Weight: [`WeightInfo::register_work`] over the split's length and the ancestors
		///   actually read (refunded down from `MaxAncestors`).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_work(split.len() as u32, T::MaxAncestors::get()))]
		pub fn register_work(
			origin: OriginFor<T>,
			content_hash: ContentHash,
			fingerprint: Option<Fingerprint<T>>,
			metadata: Cid<T>,
			kind: WorkKind,
			licence: Licence<BalanceOf<T>>,
			split: Split<T>,
			parents: Parents<T>,
		) -> DispatchResultWithPostInfo {
			let registrant = ensure_signed(origin)?;
			let holders = split.len() as u32;
			let ancestors = Self::do_register_work(
				registrant,
				content_hash,
				fingerprint,
				metadata,
				kind,
				licence,
				split,
				parents,
			)?;
			Ok(Some(T::WeightInfo::register_work(holders, ancestors)).into())
		}

		/// Propose a new split for `work` (handing all rights to someone is a split with one
		/// holder).
		///
		/// - Origin: signed by a rights holder of the work, whose approval counts at once.
		/// - Replaces an expired proposal; fails while another one is open.
		/// - Applies at once if the proposer holds more than half the shares.
		/// - Emits [`Event::SplitProposed`], [`Event::ProposalApproved`], and
		///   [`Event::SplitChanged`] when applied.
		/// - Weight: [`WeightInfo::propose_split`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::propose_split())]
		pub fn propose_split(
			origin: OriginFor<T>,
			work: WorkId,
			split: Split<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose(who, work, RightsChange::NewSplit(split))
		}

		/// Propose withdrawing the registration of `work`, releasing its deposit and freeing its
		/// content hash.
		///
		/// - Origin: signed by a rights holder of the work, whose approval counts at once.
		/// - Fails while other works derive from this one.
		/// - Emits [`Event::WithdrawalProposed`], [`Event::ProposalApproved`], and
		///   [`Event::WorkWithdrawn`] when applied.
		/// - Weight: [`WeightInfo::propose_withdrawal`] with the most parents, refunded to the
		///   work's parents.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_withdrawal(T::MaxParents::get()))]
		pub fn propose_withdrawal(
			origin: OriginFor<T>,
			work: WorkId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let parents = Self::parent_count(work);
			Self::do_propose(who, work, RightsChange::Withdraw)?;
			Ok(Some(T::WeightInfo::propose_withdrawal(parents)).into())
		}

		/// Approve the open proposal of `work`; applies it once holders of more than half the
		/// shares have approved.
		///
		/// - Origin: signed by a rights holder who has not approved yet.
		/// - Emits [`Event::ProposalApproved`], and [`Event::SplitChanged`] or
		///   [`Event::WorkWithdrawn`] when applied.
		/// - Weight: [`WeightInfo::approve_proposal`] with the most parents, refunded to the
		///   work's parents.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::approve_proposal(T::MaxParents::get()))]
		pub fn approve_proposal(origin: OriginFor<T>, work: WorkId) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let parents = Self::parent_count(work);
			Self::do_approve(who, work)?;
			Ok(Some(T::WeightInfo::approve_proposal(parents)).into())
		}

		/// Cancel the open proposal of `work`.
		///
		/// - Origin: signed by the proposer, or by anyone once the proposal has expired.
		/// - Emits [`Event::ProposalCancelled`].
		/// - Weight: [`WeightInfo::cancel_proposal`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_proposal())]
		pub fn cancel_proposal(origin: OriginFor<T>, work: WorkId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_proposal(who, work)
		}

		/// Dispute the registration of `work`, freezing it until the arbitration origin rules.
		///
		/// - Origin: signed by anyone; [`Config::DisputeDeposit`] is held from them.
		/// - `evidence`: CID of the evidence.
		/// - Emits [`Event::DisputeOpened`].
		/// - Weight: [`WeightInfo::open_dispute`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_dispute())]
		pub fn open_dispute(
			origin: OriginFor<T>,
			work: WorkId,
			evidence: Cid<T>,
		) -> DispatchResult {
			let claimant = ensure_signed(origin)?;
			Self::do_open_dispute(claimant, work, evidence)
		}

		/// Rule on the open dispute of `work` (see [`Ruling`]).
		///
		/// - Origin: [`Config::ArbitrationOrigin`].
		/// - Emits [`Event::DisputeRuled`], and [`Event::SplitChanged`] when rights move.
		/// - Weight: [`WeightInfo::rule_dispute`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::rule_dispute())]
		pub fn rule_dispute(origin: OriginFor<T>, work: WorkId, ruling: Ruling) -> DispatchResult {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			Self::do_rule_dispute(work, ruling)
		}
	}
}
