//! Every kind of mail written with sample data, for administrators: the texts on the
//! outbox page, and each HTML version on a page of its own
//! (`GET /admin/courriels/apercu/<kind>`), whose policy lets the mail's inline styles
//! apply and nothing run, as a mail client would show it.

use crate::error::AppError;
use crate::features::account::dto::MailSampleView;
use crate::ssr::attachment::{or_server_error, refusal};
use crate::ssr::{AppContext, app_context, messages, session};
use domain::account::Role;
use http::{Response, header};

/// Marks an answer whose own Content-Security-Policy the security layer keeps (in the
/// answer's extensions): the only answers allowed a policy other than the site's.
#[derive(Debug, Clone, Copy)]
pub struct OwnPolicy;

/// The policy of a preview: the mail's inline styles, nothing else.
const PREVIEW_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
     base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub async fn samples() -> Result<Vec<MailSampleView>, AppError> {
    let ctx = app_context()?;
    session::require_role(&ctx, Role::Admin).await?;
    Ok(
        messages::samples(crate::lang::requested(), &ctx.settings.public_url)
            .into_iter()
            .map(|(kind, mail)| MailSampleView {
                kind: kind.to_stored().to_owned(),
                subject: mail.subject,
                text: mail.text,
            })
            .collect(),
    )
}

async fn html_of(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    kind: &str,
) -> Result<String, AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if user.role() != Some(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let locale = crate::lang::of_headers(headers);
    messages::samples(locale, &ctx.settings.public_url)
        .into_iter()
        .find(|(sample, _)| sample.to_stored() == kind)
        .and_then(|(_, mail)| mail.html)
        .ok_or(AppError::NotFound)
}

/// `GET /admin/courriels/apercu/<kind>`: the HTML of that kind's sample.
pub async fn html(ctx: AppContext, headers: http::HeaderMap, kind: String) -> Response<String> {
    match html_of(&ctx, &headers, &kind).await {
        Ok(page) => or_server_error(
            Response::builder()
                .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
                .header(header::CONTENT_SECURITY_POLICY, PREVIEW_POLICY)
                .header(header::CACHE_CONTROL, "no-store")
                .extension(OwnPolicy)
                .body(page),
        ),
        Err(error) => refusal(crate::lang::of_headers(&headers), error),
    }
}
