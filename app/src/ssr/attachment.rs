//! The answers of plain HTTP routes outside the server functions: files people download
//! (a partner's CSV exports, a person's copy of their data) as attachments under their
//! name, never cached; and any refusal as its status with the reason in plain text, in
//! the reader's language.

use crate::error::AppError;
use crate::lang::Locale;
use http::{Response, StatusCode, header};

/// `body` as the file `name` of `content_type`, or its error as a refusal in `locale`.
pub fn attachment(
    locale: Locale,
    name: &str,
    content_type: &str,
    body: Result<String, AppError>,
) -> Response<String> {
    match body {
        Ok(body) => or_server_error(
            Response::builder()
                .header(header::CONTENT_TYPE, content_type)
                .header(
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                )
                .header(header::CACHE_CONTROL, "no-store")
                .body(body),
        ),
        Err(error) => refusal(locale, error),
    }
}

/// `error` as its status with the reason in plain text in `locale`, never cached.
pub fn refusal(locale: Locale, error: AppError) -> Response<String> {
    plain_text(error.status_code(), error.message(locale))
}

/// `text` in plain text with `status`, never cached.
pub fn plain_text(status: StatusCode, text: String) -> Response<String> {
    or_server_error(
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-store")
            .body(text),
    )
}

/// The answer built, or an empty 500 if a header could not be (never expected).
pub fn or_server_error(built: Result<Response<String>, http::Error>) -> Response<String> {
    built.unwrap_or_else(|_| {
        let mut response = Response::new(String::new());
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        response
    })
}
