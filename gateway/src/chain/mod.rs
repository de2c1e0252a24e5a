//! The chain as the gateway uses it: the runtime's terms as requests give them ([`call`]; the
//! extrinsics themselves are built by [`yinji_client::calls`]), and how extrinsics are signed,
//! submitted in nonce order, followed to finality and recorded ([`submission`]). Shop, studio,
//! member, tags, console and the flows API all go through these two.

pub mod call;
pub mod submission;

use crate::{bytes, ApiError, AppState, Result};
use call::{AccountId, BlockNumber};

/// Milliseconds per block of the yinji runtime (`MILLI_SECS_PER_BLOCK`).
pub const BLOCK_MS: u64 = 3_000;
/// Blocks in a day.
pub const BLOCKS_PER_DAY: u64 = 86_400_000 / BLOCK_MS;
/// Blocks a listing, offer or auction lasts unless the request says otherwise (about 30 days).
pub const DEFAULT_EXPIRY_BLOCKS: u64 = 30 * BLOCKS_PER_DAY;

/// The number of the finalized head; 503 without a node, 502 if it fails to answer.
pub async fn head(state: &AppState) -> Result<u64> {
	Ok(state.chain()?.finalized_number().await?)
}

/// The default expiry of a listing, offer or auction: about 30 days after the finalized head.
pub async fn default_expiry(state: &AppState) -> Result<BlockNumber> {
	block_number(head(state).await?.saturating_add(DEFAULT_EXPIRY_BLOCKS))
}

/// Block `number` as the runtime numbers blocks, or a 400 `bad_value` for a block past the
/// last one it can number.
pub fn block_number(number: u64) -> Result<BlockNumber> {
	BlockNumber::try_from(number).map_err(|_| {
		ApiError::bad_request("bad_value", format!("block {number} is past the chain's last block"))
	})
}

/// An account named in a request or a row: `0x`-hex of 32 bytes, or a 400 `bad_account`.
pub fn account(hex_text: &str) -> Result<AccountId> {
	bytes::from_hex(hex_text).map(AccountId::from).ok_or_else(|| {
		ApiError::bad_request("bad_account", format!("{hex_text:?} is not an account"))
	})
}
