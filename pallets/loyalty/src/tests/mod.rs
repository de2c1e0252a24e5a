//! Unit tests of the loyalty pallet; its part in real sales is tested in the marketplace.

mod campaign;
mod points;
mod tiers;

use crate::{mock::*, AwardReason, Event, PointsRate};
use frame_support::assert_ok;
use yinji_primitives::Points;

/// 1 point per 100 units of price; 1 point is worth 2 units.
const RATE: PointsRate<u64> = PointsRate { price_per_point: 100, point_value: 2 };

/// A campaign by GATEWAY with `budget` points until block 1 000; returns its id.
fn campaign(budget: Points) -> crate::CampaignId {
	let id = crate::NextCampaignId::<Test>::get();
	assert_ok!(Loyalty::create_campaign(RuntimeOrigin::root(), GATEWAY, budget, 1_000));
	id
}

/// Awards `points` to `who` from a fresh campaign.
fn give(who: u64, points: Points) {
	let id = campaign(points);
	assert_ok!(Loyalty::award(
		RuntimeOrigin::signed(GATEWAY),
		id,
		who,
		points,
		AwardReason::Review
	));
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Loyalty(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn last_event() -> Event<Test> {
	events().pop().expect("an event was emitted")
}
