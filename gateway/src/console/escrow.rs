//! The console's money panels: physical orders waiting for the arbiter, with the arbiter's form
//! to split each escrow, and the settlement asset with its issuer's form to mint against a fiat
//! payment. Who the arbiter and the issuer are is the council's decision (a motion), read from
//! the chain; the queue comes from the index.

use crate::{
	pages::{amount_in, chain_form},
	tags::ledger::{accounts, Ledger},
	AppState, Result,
};
use maud::{html, Markup};
use yinji_client::runtime::yinji::storage;
use yinji_index_query::OrderRow;

/// What the money panels show, read once per page.
pub struct Panels {
	/// Orders waiting for the arbiter, oldest first.
	disputed: Vec<OrderRow>,
	/// The arbiter the council named (`0x`-hex account), if any.
	arbiter: Option<String>,
	/// The settlement asset's issuer the council named, if any.
	issuer: Option<String>,
}

impl Panels {
	/// Reads the queue from the index and the two roles from the chain at `ledger`'s block.
	pub async fn read(state: &AppState, ledger: Option<&Ledger>) -> Result<Panels> {
		let disputed = match &state.index {
			Some(index) => yinji_index_query::orders_in_state(index, "disputed").await?,
			None => Vec::new(),
		};
		let (arbiter, issuer) = match ledger {
			Some(ledger) => {
				let market = || storage().marketplace();
				let arbiter = ledger.fetch(market().arbiter(), ()).await?;
				let issuer = ledger.fetch(market().settlement_issuer(), ()).await?;
				let hex = |who: Option<yinji_client::AccountId32>| {
					who.and_then(|who| accounts(&[who]).pop())
				};
				(hex(arbiter), hex(issuer))
			}
			None => (None, None),
		};
		Ok(Panels { disputed, arbiter, issuer })
	}

	/// The orders waiting for the arbiter; the split form for the arbiter (`me`) only.
	pub fn arbiter_queue(&self, me: &str) -> Markup {
		let arbiter = self.arbiter.as_deref() == Some(me);
		html! {
			section class="panel" aria-labelledby="arbitration" {
				h2 id="arbitration" { "待仲裁订单 Orders with the arbiter (" (self.disputed.len()) ")" }
				p class="note" {
					"仲裁机构 The arbiter: "
					@match &self.arbiter {
						Some(_) if arbiter => { "本机构 this institution" }
						Some(who) => { code { (who) } }
						None => { "理事会尚未指定 not named by the council yet" }
					}
					"。仲裁只能在买卖双方之间分配托管款，卖家所得照常结算版税。 The arbiter can only split the escrow between buyer and seller; the seller's part settles with royalties as any sale."
				}
				@if self.disputed.is_empty() { p { "没有待仲裁的订单。 No orders disputed." } }
				@for order in &self.disputed {
					article class="order" data-chain-order=(order.id) {
						h3 { "订单 Order #" (order.id) " · 藏品 item " (order.collection) "/" (order.item) }
						p { "托管 Escrow " (amount_in(&order.asset, order.price)) " · 买家 buyer " code { (order.buyer) } " · 卖家 seller " code { (order.seller) } }
						@if let Some(by) = &order.disputed_by { p { "申请人 Disputed by " code { (by) } } }
						@if arbiter {
							(chain_form("/api/flows/resolve_dispute", None, "裁决 Split the escrow", html! {
								input type="hidden" name="order" data-type="number" value=(order.id);
								label { "退给买家 To the buyer (¥; the rest to the seller)" input name="amount" inputmode="decimal" data-type="yuan" required; }
							}))
						}
					}
				}
			}
		}
	}

	/// The settlement asset: its issuer, and the issue form for the issuer (`me`) only.
	pub fn settlement(&self, me: &str) -> Markup {
		let issuer = self.issuer.as_deref() == Some(me);
		html! {
			section class="panel" aria-labelledby="settlement" {
				h2 id="settlement" { "结算币 Settlement asset" }
				p class="note" {
					"商店以结算币（由成员银行发行、以人民币足额兑付）定价。发行机构 The shop prices in the settlement asset, a member bank's fiat-backed yuan. Issuer: "
					@match &self.issuer {
						Some(_) if issuer => { "本机构 this institution" }
						Some(who) => { code { (who) } }
						None => { "理事会尚未指定 not named by the council yet" }
					}
				}
				@if issuer {
					h3 { "发行 Issue against a payment received" }
					(chain_form("/api/flows/issue_settlement", None, "发行 Issue", html! {
						label { "收款账户 To (0x…)" input name="to" pattern="0x[0-9a-fA-F]{64}" required; }
						label { "金额 Amount (¥)" input name="amount" inputmode="decimal" data-type="yuan" required; }
						label { "付款凭证号 Payment reference (only its hash goes on chain)" input name="reference" maxlength="100" required; }
					}))
				}
			}
		}
	}
}
