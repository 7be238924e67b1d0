//! `/admin/moderation`: comments reported enough times or flagged by the word list,
//! waiting for an administrator (restore or hide; the author's page, where they can be
//! suspended with a reason, is one link away), and reported
//! offers (keep, or withdraw: its bookings are cancelled and their credit given back).

use super::api::{KeepOffer, ModerateComment, WithdrawOffer, comments_to_review, offers_to_review};
use crate::components::{Queue, query_cursor};
use crate::i18n::td_string;
use crate::lang::words::counted;
use crate::lang::{Locale, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let locale = use_locale();
    let moderate = ServerAction::<ModerateComment>::new();
    let after = query_cursor("apres");
    let queue = Resource::new(
        move || (after.get(), moderate.version().get()),
        |(after, _)| comments_to_review(after),
    );
    view! {
        <Title text=td_string!(locale, admin_moderation.title)/>
        <section class="mx-auto max-w-3xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, admin_moderation.heading)}</h1>
            <h2 class="mt-4 text-xl font-bold text-gray-900">{td_string!(locale, admin_moderation.comments)}</h2>
            <Queue items=queue empty=td_string!(locale, admin_moderation.nothing) empty_testid="nothing-to-review"
                item=move |c| view! {
                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="review-comment">
                                            <p class="text-sm text-gray-600">{format!("{} · {} · {}", c.author, c.date, c.why)} " · " <a class="underline" href=c.link.clone()>{td_string!(locale, admin_moderation.see_offer)}</a></p>
                                            <p class="mt-1 whitespace-pre-line break-words">{c.body.clone()}</p>
                                            <div class="mt-2 flex gap-2">
                                                <ActionForm action=moderate>
                                                    <input type="hidden" name="comment_id" value=c.id/>
                                                    <input type="hidden" name="approve" value="true"/>
                                                    <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">{td_string!(locale, admin_moderation.restore)}</button>
                                                </ActionForm>
                                                <ActionForm action=moderate>
                                                    <input type="hidden" name="comment_id" value=c.id/>
                                                    <input type="hidden" name="approve" value="false"/>
                                                    <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, admin_moderation.hide)}</button>
                                                </ActionForm>
                                                <a href=format!("/admin/personnes/{}", c.author_id) class="rounded-lg px-3 py-1.5 text-sm font-semibold text-gray-800 ring-1 ring-gray-300">{td_string!(locale, admin_moderation.see_author)}</a>
                                            </div>
                                        </li>
                }/>
            <ReportedOffers/>
        </section>
    }
}

/// "3 réservations annulées".
fn cancelled(locale: Locale, count: i64) -> String {
    counted(
        locale,
        count,
        td_string!(locale, admin_moderation.cancelled_one),
        td_string!(locale, admin_moderation.cancelled_many),
    )
}

#[component]
fn ReportedOffers() -> impl IntoView {
    let locale = use_locale();
    let keep = ServerAction::<KeepOffer>::new();
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let after = query_cursor("offres_apres");
    let queue = Resource::new(
        move || (after.get(), keep.version().get() + withdraw.version().get()),
        |(after, _)| offers_to_review(after),
    );
    let outcome = move || {
        withdraw.value().get().map(|result| match result {
            Ok(n) => {
                let bookings = cancelled(locale, i64::try_from(n).unwrap_or(i64::MAX));
                view! { <p class="mt-2 text-green-800" role="status">{td_string!(locale, admin_moderation.withdrawn, bookings).to_string()}</p> }.into_any()
            }
            Err(e) => view! { <p class="mt-2 text-red-700" role="alert">{e.message(locale)}</p> }.into_any(),
        })
    };
    view! {
        <h2 class="mt-10 text-xl font-bold text-gray-900">{td_string!(locale, admin_moderation.reported)}</h2>
        {outcome}
        <Queue items=queue empty=td_string!(locale, admin_moderation.no_reported) empty_testid="no-reported-offer"
            item=move |o| view! {
                <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="reported-offer">
                                        <p class="font-semibold"><a class="underline" href=format!("/offres/{}", o.offer_id)>{o.title.clone()}</a> " · " {o.venue_name.clone()}</p>
                                        <p class="text-sm text-gray-600">{o.summary.clone()} {td_string!(locale, admin_moderation.last_reason)} {o.last_reason.clone()}</p>
                                        <div class="mt-2 flex flex-wrap items-start gap-2">
                                            <ActionForm action=keep>
                                                <input type="hidden" name="offer_id" value=o.offer_id/>
                                                <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">{td_string!(locale, admin_moderation.keep)}</button>
                                            </ActionForm>
                                            <ActionForm action=withdraw attr:class="flex flex-wrap gap-2">
                                                <input type="hidden" name="offer_id" value=o.offer_id/>
                                                <label for=format!("withdraw-{}", o.offer_id) class="sr-only">{td_string!(locale, admin_moderation.withdraw_reason)}</label>
                                                <input id=format!("withdraw-{}", o.offer_id) name="reason" required maxlength="200" placeholder=td_string!(locale, admin_moderation.withdraw_placeholder)
                                                    class="rounded border border-gray-300 px-2 py-1 text-sm"/>
                                                <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200 disabled:opacity-50"
                                                    disabled=move || withdraw.pending().get()>
                                                    {td_string!(locale, admin_moderation.withdraw, bookings = cancelled(locale, o.active_bookings)).to_string()}
                                                </button>
                                            </ActionForm>
                                        </div>
                                    </li>
            }/>
    }
}
