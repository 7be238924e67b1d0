//! Credit right after an identity is approved: the approval's transaction scheduled the
//! look that grants it (`store::Grants`); this takes it at once, so that the wallet shows
//! the credit on the next page. A failure here is only logged: the scheduler retries the
//! look within a minute, and the approval stands.

use crate::ssr::AppContext;

pub async fn grant_now(ctx: &AppContext, user_id: i64) {
    if let Err(error) = ctx
        .repo
        .grant_due_for(user_id, &ctx.settings.credit_policy, ctx.now())
        .await
    {
        tracing::error!(user_id, %error, "the credit of an approved identity waits for the scheduler");
    }
}
