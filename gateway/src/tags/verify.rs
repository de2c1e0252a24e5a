//! Judging a tap or a scan: the cryptography of the read, the chain's binding of the tag, the
//! counter against every earlier read (atomically) and against the chain's watermark, the
//! tamper loop; then a signed receipt of the verdict, kept so that it can be fetched again.

use super::{ledger::Ledger, TagKeys};
use crate::{
	chain::call::{Named, TagKind},
	keys, now_ms, ApiError, AppState, Result,
};
use serde::Serialize;
use sqlx::Row;
use yinji_tags::{
	personalize::tag_hash,
	qr,
	receipt::{Receipt, SignedReceipt},
	tap::{self, Tap},
};

/// One finding about a read: a stable code, and a sentence for people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
	/// `forged`, `unknown_tag`, `retired_tag`, `moved_tag`, `replayed`, `lower_counter`,
	/// `below_watermark`, `unknown_epoch`, `wrong_epoch`, `not_an_item` (each rejects the read);
	/// `unseen_reads`, `seal_opened` (warnings).
	pub code: &'static str,
	/// What it means.
	pub message: String,
}

impl Finding {
	fn new(code: &'static str, message: impl Into<String>) -> Finding {
		Finding { code, message: message.into() }
	}

	/// Whether this finding makes the read not genuine.
	pub fn rejects(&self) -> bool {
		!matches!(self.code, "unseen_reads" | "seal_opened")
	}
}

/// The counters of an NFC tag around a read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
	/// The counter of this read.
	pub read: u32,
	/// The highest counter accepted before it, by this gateway (none before the first read).
	pub last_accepted: Option<u32>,
	/// The chain's watermark (the counter accepted at the last sale or claim).
	pub watermark: u32,
}

/// A judged read.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
	/// `genuine`, `warning` (genuine, with findings to look at) or `rejected`.
	pub verdict: &'static str,
	/// `nfc` or `qr`.
	pub kind: &'static str,
	/// Why.
	pub findings: Vec<Finding>,
	/// The tag's hash (`0x`-hex), when the read named one.
	pub tag: Option<String>,
	/// The collection and item the tag is bound to.
	pub item: Option<(u32, u32)>,
	/// The counters (NFC).
	pub counters: Option<Counters>,
	/// The tamper status as the tag reported it (`CC`, `OC`, …).
	pub tamper: Option<String>,
	/// The finalized block the chain was read at.
	pub block: (u64, String),
	/// The id under which the signed receipt is kept (`GET /api/receipts/{id}`).
	pub receipt_id: String,
	/// The signed receipt.
	pub receipt: SignedReceipt,
}

pub(super) fn hex32(bytes: &[u8; 32]) -> String {
	crate::bytes::to_hex(bytes)
}

/// Judges the tap whose URL was `/t/{epoch}?{query}`.
pub async fn judge_tap(
	state: &AppState,
	ledger: &Ledger,
	epoch: u32,
	query: &str,
) -> Result<Verdict> {
	let keys: &TagKeys = &state.tags;
	let mut findings = Vec::new();
	if epoch == 0 || epoch > keys.epoch {
		findings.push(Finding::new(
			"unknown_epoch",
			format!("key epoch {epoch} has not been issued (the current one is {})", keys.epoch),
		));
		return record(state, ledger, "nfc", findings, None, None, None, None).await;
	}
	let read = match tap::verify(&keys.root.epoch(epoch), query) {
		Ok(read) => read,
		Err(error @ (yinji_tags::Error::BadPiccData(_) | yinji_tags::Error::MacMismatch)) => {
			let message = format!("not a genuine read of a yinji tag: {error}");
			findings.push(Finding::new("forged", message));
			return record(state, ledger, "nfc", findings, None, None, None, None).await;
		}
		Err(error) => return Err(ApiError::bad_request("bad_tap", error.to_string())),
	};
	let hash = tag_hash(&read.uid);
	let tamper = read.tamper.map(|_| tamper_text(&read));
	let Some(binding) = ledger.binding(&hash).await? else {
		findings.push(unbound(ledger, &hash).await?);
		return record(state, ledger, "nfc", findings, Some(hash), None, None, tamper).await;
	};
	let item = (binding.collection, binding.item);
	if binding.kind != TagKind::Ntag424 || binding.key_epoch != epoch {
		findings.push(Finding::new(
			"wrong_epoch",
			format!(
				"the tag is bound as {} of key epoch {}, not an NFC tag of epoch {epoch}",
				binding.kind.name(),
				binding.key_epoch
			),
		));
	}
	if let Some(issued) = issued_for(state, &hash).await? {
		if issued != item {
			findings.push(Finding::new(
				"moved_tag",
				format!(
					"this tag was issued for item {}/{} but is bound to item {}/{}",
					issued.0, issued.1, item.0, item.1
				),
			));
		}
	}
	let counters =
		judge_counter(state, &hash, item, epoch, &read, binding.watermark, &mut findings).await?;
	if read.tamper.is_some_and(|t| t.opened()) {
		findings.push(Finding::new(
			"seal_opened",
			"the tag's tamper loop reports that the seal was opened",
		));
	}
	record(state, ledger, "nfc", findings, Some(hash), Some(item), Some(counters), tamper).await
}

/// The two status characters the tag reported (`CC`, `OC`, …).
fn tamper_text(read: &Tap) -> String {
	read.file_data
		.as_ref()
		.map(|data| String::from_utf8_lossy(&data[..2.min(data.len())]).to_string())
		.unwrap_or_default()
}

/// Why a tag that is not bound is not accepted.
async fn unbound(ledger: &Ledger, hash: &[u8; 32]) -> Result<Finding> {
	Ok(if ledger.retired(hash).await? {
		Finding::new(
			"retired_tag",
			"this tag was unbound from its item (damaged, lost or compromised) and is void",
		)
	} else {
		Finding::new("unknown_tag", "this tag is not bound to any item on the chain")
	})
}

/// The item this gateway issued the tag for, if it issued it.
async fn issued_for(state: &AppState, hash: &[u8; 32]) -> Result<Option<(u32, u32)>> {
	let row = sqlx::query("SELECT collection, item FROM tags WHERE tag_hash = $1")
		.bind(hex32(hash))
		.fetch_optional(&state.db)
		.await?;
	row.map(|row| {
		let number = |i| -> Result<u32> { Ok(u32::try_from(row.try_get::<i64, _>(i)?)?) };
		Ok((number(0)?, number(1)?))
	})
	.transpose()
}

/// Accepts the read's counter if it is above every counter accepted before (one atomic update:
/// of two reads with the same counter, exactly one is accepted) and above the chain's watermark.
async fn judge_counter(
	state: &AppState,
	hash: &[u8; 32],
	item: (u32, u32),
	epoch: u32,
	read: &Tap,
	watermark: u32,
	findings: &mut Vec<Finding>,
) -> Result<Counters> {
	let tag = hex32(hash);
	let counter = i64::from(read.counter);
	let previous = last_counter(state, &tag, item, epoch).await?;
	let mut counters =
		Counters { read: read.counter, last_accepted: u32::try_from(previous).ok(), watermark };
	if read.counter <= watermark {
		findings.push(Finding::new(
			"below_watermark",
			format!(
				"counter {} is not above {watermark}, the counter the chain accepted at the last \
				 sale or claim: this URL was read before then",
				read.counter
			),
		));
		return Ok(counters);
	}
	if findings.iter().any(Finding::rejects) {
		return Ok(counters);
	}
	if let Err(last) = accept_counter(state, &tag, counter).await? {
		counters.last_accepted = u32::try_from(last).ok();
		findings.push(if last == counter {
			Finding::new(
				"replayed",
				format!(
					"counter {} was already read: this URL is a copy of an earlier tap",
					read.counter
				),
			)
		} else {
			Finding::new(
				"lower_counter",
				format!(
					"counter {} is below {last}, already read: this URL is older than the tag's \
					 last tap",
					read.counter
				),
			)
		});
		return Ok(counters);
	}
	let seen = counters.last_accepted.map_or(watermark, |last| last.max(watermark));
	let unseen = read.counter.saturating_sub(seen).saturating_sub(1);
	if unseen > 0 && counters.last_accepted.is_some() {
		findings.push(Finding::new(
			"unseen_reads",
			format!(
				"the tag was read {unseen} time(s) since its last read here, somewhere this \
				 gateway did not see"
			),
		));
	}
	Ok(counters)
}

/// The highest counter of the tag (`0x`-hex hash `tag`, bound to `item` under `epoch`) this
/// gateway accepted, or -1 before its first read here.
pub(super) async fn last_counter(
	state: &AppState,
	tag: &str,
	item: (u32, u32),
	epoch: u32,
) -> Result<i64> {
	// A tag bound by another gateway of the consortium is first seen here: start its record.
	sqlx::query(
		"INSERT INTO tags (tag_hash, kind, collection, item, key_epoch, issued_by, issued_ms, \
		 last_counter) VALUES ($1, 'nfc', $2, $3, $4, 'chain', $5, -1) \
		 ON CONFLICT (tag_hash) DO NOTHING",
	)
	.bind(tag.to_string())
	.bind(i64::from(item.0))
	.bind(i64::from(item.1))
	.bind(i64::from(epoch))
	.bind(now_ms())
	.execute(&state.db)
	.await?;
	Ok(sqlx::query_scalar("SELECT last_counter FROM tags WHERE tag_hash = $1")
		.bind(tag.to_string())
		.fetch_one(&state.db)
		.await?)
}

/// Accepts `counter` for `tag` if it is above every counter accepted before, in one atomic
/// update; otherwise answers the counter that is stored (another read got there first, or
/// this one is old).
pub(super) async fn accept_counter(
	state: &AppState,
	tag: &str,
	counter: i64,
) -> Result<Result<(), i64>> {
	let accepted =
		sqlx::query("UPDATE tags SET last_counter = $1 WHERE tag_hash = $2 AND last_counter < $1")
			.bind(counter)
			.bind(tag.to_string())
			.execute(&state.db)
			.await?
			.rows_affected()
			== 1;
	if accepted {
		return Ok(Ok(()));
	}
	let last = sqlx::query_scalar("SELECT last_counter FROM tags WHERE tag_hash = $1")
		.bind(tag.to_string())
		.fetch_one(&state.db)
		.await?;
	Ok(Err(last))
}

/// Judges the printed code at `path` with `query`.
pub async fn judge_code(
	state: &AppState,
	ledger: &Ledger,
	path: &str,
	query: &str,
) -> Result<Verdict> {
	let scanned = qr::parse(path, query)
		.map_err(|error| ApiError::bad_request("bad_code", error.to_string()))?;
	let mut findings = Vec::new();
	let claim = match scanned.verify(&state.tags.signing.verifying_key(), ledger.genesis) {
		Ok(claim) => claim,
		Err(error) => {
			findings.push(Finding::new(
				"forged",
				format!(
					"{error}: the code was not issued by this consortium's gateway, or altered"
				),
			));
			let item = Some((scanned.collection, scanned.item));
			return record(state, ledger, "qr", findings, None, item, None, None).await;
		}
	};
	let hash = claim.tag_hash();
	let named = (claim.collection, claim.item);
	match ledger.binding(&hash).await? {
		None => findings.push(unbound(ledger, &hash).await?),
		Some(binding) if (binding.collection, binding.item) != named => {
			findings.push(Finding::new(
				"moved_tag",
				format!(
					"this code names item {}/{} but is bound to item {}/{}",
					named.0, named.1, binding.collection, binding.item
				),
			))
		}
		Some(binding) if binding.kind != TagKind::SignedQr => {
			findings.push(Finding::new("wrong_epoch", "this code is bound as another kind of tag"))
		}
		Some(_) => {}
	}
	record(state, ledger, "qr", findings, Some(hash), Some(named), None, None).await
}

/// Signs and keeps the receipt of a verdict, and returns the verdict.
async fn record(
	state: &AppState,
	ledger: &Ledger,
	kind: &'static str,
	findings: Vec<Finding>,
	tag: Option<[u8; 32]>,
	item: Option<(u32, u32)>,
	counters: Option<Counters>,
	tamper: Option<String>,
) -> Result<Verdict> {
	let verdict = if findings.iter().any(Finding::rejects) {
		"rejected"
	} else if findings.is_empty() {
		"genuine"
	} else {
		"warning"
	};
	let tag = tag.as_ref().map(hex32);
	let receipt = Receipt {
		verdict: verdict.to_string(),
		reasons: findings.iter().map(|f| format!("{}: {}", f.code, f.message)).collect(),
		kind: kind.to_string(),
		genesis: hex32(&ledger.genesis),
		item,
		tag: tag.clone(),
		counter: counters.as_ref().map(|c| c.read),
		tamper: tamper.clone(),
		block: (ledger.number, ledger.hash.clone()),
		at_ms: now_ms(),
	}
	.sign(&state.tags.signing)?;
	let receipt_id = hex::encode(&keys::random32()?[..16]);
	sqlx::query(
		"INSERT INTO tag_reads (id, tag_hash, counter, verdict, receipt, at_ms) \
		 VALUES ($1, $2, $3, $4, $5, $6)",
	)
	.bind(receipt_id.clone())
	.bind(tag.clone())
	.bind(counters.as_ref().map(|c| i64::from(c.read)))
	.bind(verdict)
	.bind(serde_json::to_string(&receipt)?)
	.bind(receipt.receipt.at_ms)
	.execute(&state.db)
	.await?;
	Ok(Verdict {
		verdict,
		kind,
		findings,
		tag,
		item,
		counters,
		tamper,
		block: (ledger.number, ledger.hash.clone()),
		receipt_id,
		receipt,
	})
}
