//! The institution console (`/console`): creators waiting for verification, disputes waiting
//! for a ruling, physical orders waiting for the arbiter and the settlement asset's issuance
//! ([`escrow`]), the council's open motions with their votes, and the validator set, with the
//! forms to approve, propose, vote, close, split an escrow and issue.
//!
//! Motions and validators are read from the chain at its finalized head; disputes come from the
//! index; attestation requests (with the personal details that never go on chain) from the
//! gateway's database.

mod escrow;

use crate::{
	accounts::{Role, Session},
	flows::attestation,
	pages::{chain_form, layout, needs_login, not_for_role},
	tags::ledger::{accounts, Ledger},
	AppState, Result,
};
use axum::{extract::State, routing::get, Router};
use maud::{html, Markup};
use yinji_client::{fields::to_hex, runtime::yinji::storage};

/// The console's route.
pub fn router() -> Router<AppState> {
	Router::new().route("/console", get(console))
}

/// A council motion still open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Motion {
	/// Its hash (`0x`-hex).
	pub hash: String,
	/// Its index.
	pub index: u64,
	/// What it would do: `Pallet.call`.
	pub call: String,
	/// The ayes it needs.
	pub threshold: u64,
	/// Who voted aye, and nay.
	pub ayes: Vec<String>,
	/// Who voted nay.
	pub nays: Vec<String>,
	/// The block its voting ends.
	pub end: u64,
}

/// The council's open motions at the ledger's block.
pub async fn motions(ledger: &Ledger) -> Result<Vec<Motion>> {
	let council = || storage().council();
	let hashes = ledger.fetch(council().proposals(), ()).await?.unwrap_or_default();
	let mut motions = Vec::with_capacity(hashes.len());
	for hash in hashes {
		let Some(votes) = ledger.fetch(council().voting(), (hash,)).await? else { continue };
		let call = ledger.fetch(council().proposal_of(), (hash,)).await?;
		motions.push(Motion {
			hash: to_hex(hash.as_bytes()),
			index: votes.index.into(),
			call: match &call {
				Some(call) => ledger.call_name(call)?,
				None => "?".into(),
			},
			threshold: votes.threshold.into(),
			ayes: accounts(&votes.ayes),
			nays: accounts(&votes.nays),
			end: votes.end.into(),
		});
	}
	Ok(motions)
}

/// The motions an institution may propose about the consortium's members and their roles.
const MEMBER_MOTIONS: [(&str, &str); 6] = [
	("add_validator", "加入验证人 Add a validator"),
	("remove_validator", "移除验证人 Remove a validator"),
	("add_institution", "加入机构 Add a member institution"),
	("remove_institution", "移除机构 Remove a member institution"),
	("set_arbiter", "指定订单仲裁机构 Name the arbiter of disputed orders"),
	("set_settlement_issuer", "指定结算币发行机构 Name the settlement asset's issuer"),
];

const RULINGS: [(&str, &str); 4] = [
	("DismissAndReturn", "驳回并退还押金 Dismiss, return the deposit"),
	("DismissAndSlash", "驳回并罚没押金 Dismiss, slash the deposit"),
	("TransferToClaimant", "权利转给申诉人 Rights to the claimant"),
	("Revoke", "撤销作品 Revoke the work"),
];

/// `GET /console`: the institution console.
async fn console(State(state): State<AppState>, session: Option<Session>) -> Result<Markup> {
	let Some(session) = session else { return Ok(needs_login("机构 Console")) };
	if session.user.role != Role::Institution {
		return Ok(not_for_role(
			"机构 Console",
			&session,
			"控制台只对成员机构开放。 The console is for member institutions.",
		));
	}
	let requests = attestation::pending(&state).await?;
	let disputes = match &state.index {
		Some(index) => yinji_index_query::open_disputes(index).await?,
		None => Vec::new(),
	};
	let ledger = Ledger::if_connected(&state).await?;
	let (motions, validators, council) = match &ledger {
		Some(ledger) => (
			motions(ledger).await?,
			accounts(
				&ledger
					.fetch(storage().validator_set().validators(), ())
					.await?
					.unwrap_or_default(),
			),
			accounts(&ledger.fetch(storage().council().members(), ()).await?.unwrap_or_default()),
		),
		None => Default::default(),
	};
	let me = &session.user.address;
	let escrow = escrow::Panels::read(&state, ledger.as_ref()).await?;
	Ok(layout(
		"机构 Console",
		Some(&session),
		html! {
			h1 { "机构控制台 Institution console" }
			@if let Some(ledger) = &ledger { p class="meta" { "链上状态截至区块 Chain state at block " (ledger.number) } }
			section class="panel" aria-labelledby="requests" {
				h2 id="requests" { "待认证创作者 Creators waiting for verification (" (requests.len()) ")" }
				@if requests.is_empty() { p { "没有待处理的申请。 No requests waiting." } }
				@for request in &requests {
					article class="order" {
						h3 { (request.real_name) }
						p { "证件 ID " (request.id_number) " · 账户 " code { (request.address) } }
						(chain_form("/api/flows/approve_attestation", None, "批准 Approve", html! {
							input type="hidden" name="request" value=(request.request);
							label { "认证等级 KYC level" select name="kyc_level" data-type="number" {
								option value="1" { "1 · 实名 Name checked" }
								option value="2" selected { "2 · 证件核验 Document checked" }
								option value="3" { "3 · 面签 Met in person" }
							} }
						}))
					}
				}
			}
			section class="panel" aria-labelledby="disputes" {
				h2 id="disputes" { "待裁决争议 Disputes waiting for a ruling (" (disputes.len()) ")" }
				@if disputes.is_empty() { p { "没有待裁决的争议。 No disputes open." } }
				@for dispute in &disputes {
					article class="order" {
						h3 { "作品 Work #" (dispute.work) }
						p { "申诉人 Claimant " code { (dispute.claimant) } " · 区块 block " (dispute.opened_block) }
						p { a href={ "/api/content/" (dispute.evidence_cid) } { "证据 Evidence" } }
						(chain_form("/api/flows/propose_motion", None, "提议裁决 Propose the ruling", html! {
							input type="hidden" name="motion" value="rule_dispute";
							input type="hidden" name="work" data-type="number" value=(dispute.work);
							label { "裁决 Ruling" select name="ruling" {
								@for (value, name) in RULINGS { option value=(value) { (name) } }
							} }
						}))
					}
				}
			}
			(escrow.arbiter_queue(me))
			(escrow.settlement(me))
			section class="panel" aria-labelledby="motions" {
				h2 id="motions" { "议案与投票 Motions and votes (" (motions.len()) ")" }
				p class="note" { "理事会 Council: " (council.len()) " 个成员机构 member institutions; 议案需三分之二赞成 a motion passes with two thirds." }
				@if motions.is_empty() { p { "没有进行中的议案。 No motions open." } }
				@for motion in &motions {
					article class="order" data-motion=(motion.hash) {
						h3 { (motion.call) }
						p { "赞成 Ayes " (motion.ayes.len()) " / " (motion.threshold) " · 反对 Nays " (motion.nays.len()) " · 截止区块 ends at block " (motion.end) }
						@if motion.ayes.contains(me) || motion.nays.contains(me) {
							p { "✓ 已投票 You voted" }
						} @else {
							div class="actions" {
								@for (approve, label) in [("true", "赞成 Aye"), ("false", "反对 Nay")] {
									(chain_form("/api/flows/vote", None, label, html! {
										input type="hidden" name="proposal" value=(motion.hash);
										input type="hidden" name="index" data-type="number" value=(motion.index);
										input type="hidden" name="approve" data-type="bool" value=(approve);
									}))
								}
							}
						}
						(chain_form("/api/flows/close_motion", None, "结束议案 Close", html! {
							input type="hidden" name="proposal" value=(motion.hash);
							input type="hidden" name="index" data-type="number" value=(motion.index);
						}))
					}
				}
			}
			section class="panel" aria-labelledby="validators" {
				h2 id="validators" { "验证人与节点 Validators and nodes" }
				ul { @for validator in &validators { li { code { (validator) } } } }
				h3 { "提议 Propose" }
				(chain_form("/api/flows/propose_motion", None, "提议 Propose", html! {
					label { "议案 Motion" select name="motion" {
						@for (value, name) in MEMBER_MOTIONS { option value=(value) { (name) } }
					} }
					label { "账户 Account (0x…)" input name="to" pattern="0x[0-9a-fA-F]{64}" required; }
				}))
				h3 { "授权节点 Authorise a node" }
				(chain_form("/api/flows/propose_motion", None, "提议 Propose", html! {
					input type="hidden" name="motion" value="add_node";
					label { "节点 Peer id (hex)" input name="peer_id" pattern="(0x)?[0-9a-fA-F]+" required; }
					label { "运营机构 Owner account (0x…)" input name="to" pattern="0x[0-9a-fA-F]{64}" required; }
				}))
			}
		},
	))
}
