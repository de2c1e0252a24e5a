//! The reads of yinji's index, for the services that show it (the gateway): a creator's
//! attestation, works and collections, the items an account holds and their provenance, listings
//! and sales with filters, royalties per period, loyalty history and RFM figures per member, open
//! disputes, physical orders' escrow.
//!
//! - [`Db`]: the handle on the index, SQLite (a file) or Postgres (by URL). The crate only reads:
//!   [`Db::connect_reader`] leaves the schema to `yinji-indexer`, which writes and migrates it.
//! - one module per resource, each with its row types and the functions that read them.
//!
//! Amounts come back as exact `u128`; sums are taken in Rust over exact values, never in SQL
//! floating point.

mod attestations;
mod builder;
mod collections;
mod columns;
mod db;
mod disputes;
mod items;
mod listings;
mod loyalty;
mod orders;
mod provenance;
mod royalties;
mod sales;
mod works;

pub use attestations::{attestation, AttestationRow};
pub use collections::{collection, collections_by_creator, CollectionRow};
pub use columns::{amount, int, parse_amount};
pub use db::{connect, Db, Engine};
pub use disputes::{open_disputes, DisputeRow};
pub use items::{items_of, OwnedItem};
pub use listings::{listings, ListingFilter, ListingRow};
pub use loyalty::{loyalty_history, rfm, LoyaltyEntry, Rfm};
pub use orders::{order, orders_in_state, OrderRow};
pub use provenance::{item_provenance, ProvenanceEntry};
pub use royalties::{royalties_per_period, RoyaltyPeriod};
pub use sales::{sales, SaleFilter, SaleRow};
pub use works::{work, works_by_creator, WorkRow};

/// What every read returns: the database's error is the only way one fails.
pub type Result<T, E = sqlx::Error> = std::result::Result<T, E>;
