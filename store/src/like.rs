//! `LIKE` conditions on words people typed (the team's searches of people and offers):
//! their `%`, `_` and `\` match themselves, on both backends.

use crate::backend::Db;
use sqlx::QueryBuilder;

/// `text` as a `LIKE` pattern that matches it literally.
pub(crate) fn literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Pushes `lower(column) LIKE pattern` (the pattern bound, `\` its escape).
pub(crate) fn push_lower_like<DB: Db>(query: &mut QueryBuilder<DB>, column: &str, pattern: String) {
    query
        .push(format!("lower({column}) LIKE "))
        .push_bind(pattern)
        .push(" ESCAPE '\\'");
}
