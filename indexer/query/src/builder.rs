//! Running a query put together at run time with [`QueryBuilder`], on either engine.

use crate::{Db, Result};
use sqlx::{any::AnyRow, Any, AssertSqlSafe, Execute, QueryBuilder};

/// Runs `query` and returns every row.
///
/// `QueryBuilder<Any>` writes each placeholder as `?`, because the engine is known only once
/// the query runs (launchbadge/sqlx#3000): SQLite reads `?`, Postgres only `$1, $2, …`. The
/// placeholders are numbered here, a form both engines read.
pub(crate) async fn fetch_all(db: &Db, mut query: QueryBuilder<Any>) -> Result<Vec<AnyRow>> {
	let mut built = query.build();
	let arguments = built.take_arguments().map_err(sqlx::Error::Encode)?.unwrap_or_default();
	let sql = numbered(built.sql().as_str());
	// The builder holds fixed fragments only; every value is bound.
	sqlx::query_with(AssertSqlSafe(sql), arguments).fetch_all(db.pool()).await
}

/// `sql` with its `n`th `?` replaced by `$n`. The fragments pushed to a builder hold no `?` of
/// their own (no string literal, no JSON operator), so every `?` is a placeholder.
fn numbered(sql: &str) -> String {
	let mut parts = sql.split('?');
	let mut numbered = parts.next().unwrap_or_default().to_string();
	for (index, part) in parts.enumerate() {
		numbered.push_str(&format!("${}{part}", index + 1));
	}
	numbered
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn numbered_gives_each_placeholder_its_position() {
		assert_eq!(numbered("SELECT 1"), "SELECT 1");
		assert_eq!(
			numbered("a = ? AND (b = ? OR c = ?) LIMIT ?"),
			"a = $1 AND (b = $2 OR c = $3) LIMIT $4"
		);
		assert_eq!(numbered("?"), "$1");
	}

	#[test]
	fn a_built_query_numbers_what_the_builder_binds() {
		let mut query = QueryBuilder::<Any>::new("SELECT x FROM t WHERE ");
		let mut conditions = query.separated(" AND ");
		conditions.push("a = ").push_bind_unseparated(1_i64);
		conditions.push("b = ").push_bind_unseparated("two".to_string());
		query.push(" LIMIT ").push_bind(3_i64);
		assert_eq!(
			numbered(query.sql().as_str()),
			"SELECT x FROM t WHERE a = $1 AND b = $2 LIMIT $3"
		);
	}
}
