//! "Mes données": the signed-in person downloads everything the product holds about
//! them as one JSON file (`GET /compte/mes-donnees.json`, a plain link that works
//! without JavaScript), one section per kind of data (`store::PersonData`).

use crate::error::AppError;
use crate::ssr::attachment::attachment;
use crate::ssr::{AppContext, session};
use http::Response;
use serde::Serialize;

/// Where the profile's link points.
pub const PATH: &str = "/compte/mes-donnees.json";

/// The file: when it was made, by whom, and the person's data.
#[derive(Serialize)]
struct Download {
    product: &'static str,
    exported_at: chrono::DateTime<chrono::Utc>,
    #[serde(flatten)]
    data: store::PersonData,
}

async fn body(ctx: &AppContext, headers: &http::HeaderMap) -> Result<String, AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let download = Download {
        product: "Culture Pass",
        exported_at: ctx.now(),
        data: ctx.repo.personal_data(user.id).await?,
    };
    serde_json::to_string_pretty(&download).map_err(|error| {
        tracing::error!(%error, "writing a person's data");
        AppError::Internal
    })
}

/// `GET /compte/mes-donnees.json`: the signed-in person's data, as a file to keep.
pub async fn download(ctx: AppContext, headers: http::HeaderMap) -> Response<String> {
    let locale = crate::lang::of_headers(&headers);
    let date = ctx.now().format("%Y-%m-%d").to_string();
    attachment(
        locale,
        &crate::lang::export::my_data_file(locale, &date),
        "application/json; charset=utf-8",
        body(&ctx, &headers).await,
    )
}
