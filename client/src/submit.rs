//! Signing and submitting extrinsics, and waiting for their finality.
//!
//! A typed [`Call`] (built by [`crate::calls`]) is encoded by the runtime's metadata into call
//! data, which the node's own metadata then decodes back into the transaction's payload: a call
//! the node's runtime does not have, or with other arguments, is refused before it is signed.

use crate::{
	error::rpc_error,
	runtime::{
		runtime_types::{
			pallet_collectibles, pallet_collective, pallet_sudo, pallet_works,
			sp_runtime::DispatchError,
		},
		Call, Event,
	},
	Chain, Error,
};
use std::time::Duration;
use subxt::{
	client::OnlineClientAtBlockImpl,
	dynamic::Value,
	ext::{scale_encode::EncodeAsType, scale_value::Composite},
	utils::H256,
	SubstrateConfig,
};
use subxt_signer::sr25519::Keypair;

/// The events of a finalized extrinsic.
#[derive(Clone, Debug)]
pub struct Submitted {
	/// The extrinsic's hash.
	pub extrinsic_hash: H256,
	/// Its index in the block.
	pub extrinsic_index: usize,
	/// Its events: pallet, event name, fields.
	pub events: Vec<(String, String, Value)>,
	/// Its events, typed.
	pub decoded: Vec<Event>,
}

impl Submitted {
	/// The first of its events that `pick` picks, with what `pick` makes of it.
	pub fn find<T>(&self, pick: impl FnMut(&Event) -> Option<T>) -> Option<T> {
		self.decoded.iter().find_map(pick)
	}

	/// The work this extrinsic registered first (`Works.WorkRegistered`).
	pub fn registered_work(&self) -> Option<u64> {
		self.find(|event| match event {
			Event::Works(pallet_works::pallet::Event::WorkRegistered { work, .. }) => Some(*work),
			_ => None,
		})
	}

	/// The collection this extrinsic created first (`Collectibles.CollectionCreated`).
	pub fn created_collection(&self) -> Option<u32> {
		self.find(|event| match event {
			Event::Collectibles(pallet_collectibles::pallet::Event::CollectionCreated {
				collection,
				..
			}) => Some(*collection),
			_ => None,
		})
	}

	/// The outcome of the council motion this extrinsic executed (a motion proposed with a
	/// threshold of one, or closed with its votes in): `None` when it executed none.
	pub fn motion_outcome(&self) -> Option<Result<(), DispatchError>> {
		self.find(|event| match event {
			Event::Council(pallet_collective::pallet::Event::Executed { result, .. }) => {
				Some(result.clone())
			}
			_ => None,
		})
	}
}

/// A transaction prepared for a signer outside this process (a user's own wallet): the exact
/// bytes to sign, and what is needed to rebuild the same transaction when the signature comes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
	/// The SCALE call data (pallet index, call index, arguments).
	pub call_data: Vec<u8>,
	/// The signer's account.
	pub account: [u8; 32],
	/// The signer's nonce.
	pub nonce: u64,
	/// The finalized block the transaction's mortality starts at.
	pub block_number: u64,
	/// Its hash.
	pub block_hash: H256,
	/// The bytes to sign.
	pub signer_payload: Vec<u8>,
}

/// How long a prepared transaction stays valid, in blocks.
pub const PREPARED_MORTALITY: u64 = 64;

impl Chain {
	/// The SCALE call data of `call` (pallet index, call index, arguments), by the metadata of
	/// the runtime at the best block.
	pub async fn call_data(&self, call: &Call) -> Result<Vec<u8>, Error> {
		let at = self.at_best().await.map_err(|e| rpc_error("the best block", e))?;
		encode(at.metadata_ref(), call)
	}

	/// `proposal` as a council motion that passes as a consortium decision: with the council's
	/// threshold ([`Chain::council_threshold`]) and its encoded length as the length bound.
	pub async fn motion(&self, proposal: Call) -> Result<Call, Error> {
		let length = self.call_data(&proposal).await?.len();
		let length = u32::try_from(length).map_err(|_| Error::Extrinsic {
			call: "Council.propose".into(),
			reason: format!("a proposal of {length} bytes"),
		})?;
		let threshold = self.council_threshold().await?;
		Ok(crate::calls::consortium::propose(threshold, proposal, length))
	}

	/// Signs `call` with `signer`, submits it, waits until its block is finalized and returns
	/// its events; a rejected or failed extrinsic is an [`Error::Extrinsic`].
	pub async fn submit_call(&self, call: &Call, signer: &Keypair) -> Result<Submitted, Error> {
		self.submit_typed(call, signer, None).await
	}

	/// [`Chain::submit_call`] with the transaction's `nonce` given, so that one account may
	/// have several transactions in flight (the chain load benchmark does).
	pub async fn submit_call_with_nonce(
		&self,
		call: &Call,
		signer: &Keypair,
		nonce: u64,
	) -> Result<Submitted, Error> {
		self.submit_typed(call, signer, Some(nonce)).await
	}

	/// Submits `call` through `Sudo.sudo` (development chains only); the inner call's own
	/// failure, reported in `Sudo.Sudid`, is an [`Error::Extrinsic`] too.
	pub async fn sudo_call(&self, call: Call, signer: &Keypair) -> Result<Submitted, Error> {
		let sudo = Call::Sudo(pallet_sudo::pallet::Call::sudo { call: Box::new(call) });
		let submitted = self.submit_call(&sudo, signer).await?;
		let outcome = submitted.find(|event| match event {
			Event::Sudo(pallet_sudo::pallet::Event::Sudid { sudo_result }) => {
				Some(sudo_result.clone())
			}
			_ => None,
		});
		match outcome {
			Some(Ok(())) => Ok(submitted),
			Some(Err(error)) => {
				let at = self.at_best().await.map_err(|e| rpc_error("the best block", e))?;
				let inner = match &sudo {
					Call::Sudo(pallet_sudo::pallet::Call::sudo { call }) => {
						encode(at.metadata_ref(), call)?
					}
					_ => Vec::new(),
				};
				Err(Error::Extrinsic {
					call: format!("sudo {}", call_name(at.metadata_ref(), &inner)),
					reason: dispatch_error(at.metadata_ref(), &error),
				})
			}
			None => Err(Error::Extrinsic { call: "sudo".into(), reason: "no Sudid event".into() }),
		}
	}

	/// Prepares `call` for `account` to sign elsewhere: its nonce and a mortality of
	/// [`PREPARED_MORTALITY`] blocks from the best block are fixed now.
	pub async fn prepare_call(&self, call: &Call, account: [u8; 32]) -> Result<Prepared, Error> {
		let at = self.at_best().await.map_err(|e| rpc_error("the best block", e))?;
		let call_data = encode(at.metadata_ref(), call)?;
		self.prepare_call_data(call_name(at.metadata_ref(), &call_data), call_data, account).await
	}

	async fn submit_typed(
		&self,
		call: &Call,
		signer: &Keypair,
		nonce: Option<u64>,
	) -> Result<Submitted, Error> {
		let at = self.at_best().await.map_err(|e| rpc_error("the best block", e))?;
		let call_data = encode(at.metadata_ref(), call)?;
		let payload = at.tx().from_call_data_bytes(&call_data).map_err(|e| Error::Extrinsic {
			call: call_name(at.metadata_ref(), &call_data),
			reason: format!("the node's runtime has no such call: {e}"),
		})?;
		self.submit_payload(&payload, signer, nonce).await
	}

	/// The next nonce of `account` at the best block.
	pub async fn nonce(&self, account: [u8; 32]) -> Result<u64, Error> {
		let at = self.at_best().await.map_err(|e| rpc_error("account nonce", e))?;
		at.tx().account_nonce(&account.into()).await.map_err(|e| rpc_error("account nonce", e))
	}

	async fn prepare_call_data(
		&self,
		name: String,
		call_data: Vec<u8>,
		account: [u8; 32],
	) -> Result<Prepared, Error> {
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: name.clone(),
			reason: e.to_string(),
		};
		let at = self.at_best().await.map_err(|e| failed(&e))?;
		let payload = at.tx().from_call_data_bytes(&call_data).map_err(|e| failed(&e))?;
		let nonce = at.tx().account_nonce(&account.into()).await.map_err(|e| failed(&e))?;
		let (block_number, block_hash) = (at.block_number(), at.block_hash());
		let signable = at
			.tx()
			.create_signable_offline(&payload, params(nonce, block_number, block_hash))
			.map_err(|e| failed(&e))?;
		let signer_payload = signable.signer_payload().map_err(|e| failed(&e))?;
		Ok(Prepared { call_data, account, nonce, block_number, block_hash, signer_payload })
	}

	/// Submits `prepared` with the sr25519 `signature` its account made over its signer payload,
	/// and waits until it is finalized. The transaction is rebuilt from what `prepared` holds
	/// and must give the same signer payload.
	pub async fn submit_prepared(
		&self,
		prepared: &Prepared,
		signature: [u8; 64],
	) -> Result<Submitted, Error> {
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: "a prepared transaction".into(),
			reason: e.to_string(),
		};
		let at = self
			.api
			.at_block_hash_and_number(prepared.block_hash, prepared.block_number)
			.await
			.map_err(|e| failed(&e))?;
		let payload = at.tx().from_call_data_bytes(&prepared.call_data).map_err(|e| failed(&e))?;
		let params = params(prepared.nonce, prepared.block_number, prepared.block_hash);
		let mut signable =
			at.tx().create_signable_offline(&payload, params).map_err(|e| failed(&e))?;
		if signable.signer_payload().map_err(|e| failed(&e))? != prepared.signer_payload {
			return Err(failed(&"the rebuilt transaction differs from the prepared one"));
		}
		let signature = subxt::utils::MultiSignature::Sr25519(signature);
		let submittable = signable
			.sign_with_account_and_signature(&prepared.account.into(), &signature)
			.map_err(|e| failed(&e))?;
		let in_block = submittable
			.submit_and_watch()
			.await
			.map_err(|e| failed(&e))?
			.wait_for_finalized()
			.await
			.map_err(|e| failed(&e))?;
		let events = events_of(&in_block).await.map_err(|e| failed(&e))?;
		submitted(&events).map_err(|e| failed(&e))
	}

	async fn submit_payload(
		&self,
		payload: &subxt::tx::DynamicPayload<Composite<()>>,
		signer: &Keypair,
		nonce: Option<u64>,
	) -> Result<Submitted, Error> {
		let name = format!("{}.{}", payload.pallet_name(), payload.call_name());
		let failed = |e: &dyn std::fmt::Display| Error::Extrinsic {
			call: name.clone(),
			reason: e.to_string(),
		};
		let at = self.at_best().await.map_err(|e| failed(&e))?;
		let mut tx = at.tx();
		let progress = match nonce {
			None => tx.sign_and_submit_then_watch_default(payload, signer).await,
			Some(nonce) => {
				let params = params(nonce, at.block_number(), at.block_hash());
				tx.sign_and_submit_then_watch(payload, signer, params).await
			}
		};
		let in_block =
			progress.map_err(|e| failed(&e))?.wait_for_finalized().await.map_err(|e| failed(&e))?;
		let events = events_of(&in_block).await.map_err(|e| failed(&e))?;
		submitted(&events).map_err(|e| failed(&e))
	}
}

/// The events of a finalized transaction, or its dispatch error. The node announces the block
/// as finalized before every RPC method can serve its header: a fast node answers the header
/// request that follows with "not found" now and then (seen on release nodes under load). So
/// a block not found yet is asked for again, five times at most, 100 ms apart and doubling.
async fn events_of(
	in_block: &subxt::transactions::TransactionInBlock<
		SubstrateConfig,
		OnlineClientAtBlockImpl<SubstrateConfig>,
	>,
) -> Result<subxt::extrinsics::ExtrinsicEvents<SubstrateConfig>, subxt::error::TransactionEventsError>
{
	use subxt::error::{OnlineClientAtBlockError, TransactionEventsError};
	let mut delay = Duration::from_millis(100);
	let mut attempt = 0;
	loop {
		match in_block.wait_for_success().await {
			Err(
				TransactionEventsError::CannotInstantiateClientAtBlock(
					OnlineClientAtBlockError::BlockHeaderNotFound { .. },
				)
				| TransactionEventsError::BlockNotFound { .. },
			) if attempt < 5 => {
				attempt += 1;
				tracing::debug!(attempt, "the finalized block is not served yet; asking again");
				tokio::time::sleep(delay).await;
				delay *= 2;
			}
			outcome => return outcome,
		}
	}
}

fn params(
	nonce: u64,
	block_number: u64,
	block_hash: H256,
) -> <<SubstrateConfig as subxt::Config>::TransactionExtensions as subxt::config::TransactionExtensions<SubstrateConfig>>::Params{
	subxt::config::SubstrateExtrinsicParamsBuilder::new()
		.nonce(nonce)
		.mortal_from_unchecked(PREPARED_MORTALITY, block_number, block_hash)
		.build()
}

/// The decoded events of a finalized extrinsic; the error is the decoder's message.
fn submitted(
	events: &subxt::extrinsics::ExtrinsicEvents<SubstrateConfig>,
) -> Result<Submitted, String> {
	let (mut dynamic, mut decoded) = (Vec::new(), Vec::new());
	for event in events.iter() {
		let event = event.map_err(|e| e.to_string())?;
		let fields = event.decode_fields_unchecked_as::<Value>().map_err(|e| e.to_string())?;
		dynamic.push((event.pallet_name().to_string(), event.event_name().to_string(), fields));
		decoded.push(event.decode_as::<Event>().map_err(|e| e.to_string())?);
	}
	Ok(Submitted {
		extrinsic_hash: events.extrinsic_hash(),
		extrinsic_index: events.extrinsic_index(),
		events: dynamic,
		decoded,
	})
}

/// `call` encoded by `metadata` into call data.
pub(crate) fn encode(metadata: &subxt::Metadata, call: &Call) -> Result<Vec<u8>, Error> {
	call.encode_as_type(metadata.outer_enums().call_enum_ty(), metadata.types()).map_err(|e| {
		Error::Extrinsic { call: "a call".into(), reason: format!("cannot encode it: {e}") }
	})
}

/// `Pallet.call` of some call data, as `metadata` names them (for messages).
pub(crate) fn call_name(metadata: &subxt::Metadata, call_data: &[u8]) -> String {
	let named = call_data.first().zip(call_data.get(1)).and_then(|(&pallet, &call)| {
		let pallet = metadata.pallet_by_call_index(pallet)?;
		let call = pallet.call_variant_by_index(call)?;
		Some(format!("{}.{}", pallet.name(), call.name))
	});
	named.unwrap_or_else(|| "an unknown call".into())
}

/// A dispatch error as the runtime names it: `Pallet.Error` for a pallet's error.
pub(crate) fn dispatch_error(metadata: &subxt::Metadata, error: &DispatchError) -> String {
	if let DispatchError::Module(module) = error {
		let pallet = metadata.pallet_by_error_index(module.index);
		let variant = pallet.and_then(|pallet| {
			let variant = pallet.error_variant_by_index(module.error[0])?;
			Some(format!("{}.{}", pallet.name(), variant.name))
		});
		if let Some(name) = variant {
			return name;
		}
	}
	format!("{error:?}")
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::calls::{batch_all, consortium, works, Ruling};

	/// The committed metadata the typed calls are generated from.
	fn metadata() -> subxt::Metadata {
		subxt::Metadata::decode_from(&include_bytes!("../metadata/yinji.scale")[..])
			.expect("the committed metadata decodes")
	}

	fn name(call: &Call) -> String {
		let metadata = metadata();
		call_name(&metadata, &encode(&metadata, call).expect("the call encodes"))
	}

	#[test]
	fn a_call_is_named_by_its_pallet_and_call_in_the_metadata() {
		let call = consortium::add_validator([7u8; 32].into());
		assert_eq!(name(&call), "ValidatorSet.add_validator");
		assert_eq!(name(&works::rule_dispute(1, Ruling::Revoke)), "Works.rule_dispute");
		assert_eq!(name(&batch_all(vec![call])), "Utility.batch_all");
		assert_eq!(call_name(&metadata(), &[250, 250]), "an unknown call");
	}
}
