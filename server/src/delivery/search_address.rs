//! The search form's address, tidied. The search page is a plain GET form (it works
//! without JavaScript, and as islands with none of the app's code): the browser sends
//! every field, empty or not (`/recherche?q=camus&lieu=&rayon=…`). The search is the
//! same without the empty ones, so the server answers with a redirect to the address
//! that holds only what was chosen, in the form's order: a shorter link to share, and one
//! address per search for the page cache.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// The search page's path.
const SEARCH: &str = "/recherche";

/// Redirects a GET of the search page whose query has empty or nameless fields.
pub async fn tidy(request: Request, next: Next) -> Response {
    let tidied = (request.method() == http::Method::GET && request.uri().path() == SEARCH)
        .then(|| request.uri().query().and_then(without_empty_fields))
        .flatten();
    match tidied {
        Some(query) if query.is_empty() => Redirect::to(SEARCH).into_response(),
        Some(query) => Redirect::to(&format!("{SEARCH}?{query}")).into_response(),
        None => next.run(request).await,
    }
}

/// The query without its empty fields (`lieu=`, `lieu`) and nameless ones (`=x`), the
/// others kept as they were written and in their order; `None` when there is none to
/// drop.
fn without_empty_fields(query: &str) -> Option<String> {
    let is_empty = |pair: &&str| {
        pair.split_once('=')
            .is_none_or(|(name, value)| name.is_empty() || value.is_empty())
    };
    let pairs: Vec<&str> = query.split('&').collect();
    if !pairs.iter().any(is_empty) {
        return None;
    }
    Some(
        pairs
            .into_iter()
            .filter(|pair| !is_empty(pair))
            .collect::<Vec<_>>()
            .join("&"),
    )
}

#[cfg(test)]
mod tests {
    use super::without_empty_fields;

    #[test]
    fn a_submitted_form_keeps_what_was_chosen_in_its_order() {
        assert_eq!(
            without_empty_fields(
                "q=camus&lieu=strasbourg&rayon=&groupe=livres&categorie=&prix=10&quand=&date=&acces=&tri="
            )
            .as_deref(),
            Some("q=camus&lieu=strasbourg&groupe=livres&prix=10")
        );
    }

    #[test]
    fn nameless_and_bare_fields_go_too() {
        assert_eq!(
            without_empty_fields("=&q=jazz&duo").as_deref(),
            Some("q=jazz")
        );
        assert_eq!(without_empty_fields("q=&lieu=").as_deref(), Some(""));
    }

    #[test]
    fn a_tidy_address_is_left_alone_encoded_as_it_was() {
        assert_eq!(without_empty_fields("q=caf%C3%A9&lieu=brest&duo=1"), None);
        assert_eq!(without_empty_fields("q=a+b"), None);
    }
}
