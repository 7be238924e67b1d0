//! Files people download over plain HTTP routes (a partner's CSV exports, a person's
//! copy of their data): the body as an attachment under its name, never cached; a
//! refusal as its status with the reason in plain text.

use crate::error::AppError;
use http::{Response, StatusCode, header};

/// `body` as the file `name` of `content_type`, or its error as a plain-text answer.
pub fn attachment(
    name: &str,
    content_type: &str,
    body: Result<String, AppError>,
) -> Response<String> {
    let built = match body {
        Ok(body) => Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            )
            .header(header::CACHE_CONTROL, "no-store")
            .body(body),
        Err(error) => Response::builder()
            .status(error.status_code())
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .header(header::CACHE_CONTROL, "no-store")
            .body(error.to_string()),
    };
    built.unwrap_or_else(|_| {
        let mut response = Response::new(String::new());
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        response
    })
}
