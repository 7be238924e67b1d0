//! `/admin/moderation`: comments reported enough times or flagged by the word list,
//! waiting for an administrator (restore or hide; the author's page, where they can be
//! suspended with a reason, is one link away), and reported
//! offers (keep, or withdraw: its bookings are cancelled and their credit given back).

use super::api::{KeepOffer, ModerateComment, WithdrawOffer, comments_to_review, offers_to_review};
use crate::components::{Queue, query_cursor};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let moderate = ServerAction::<ModerateComment>::new();
    let after = query_cursor("apres");
    let queue = Resource::new(
        move || (after.get(), moderate.version().get()),
        |(after, _)| comments_to_review(after),
    );
    view! {
        <Title text="Modération — Culture Pass Admin"/>
        <section class="mx-auto max-w-3xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">"Modération"</h1>
            <h2 class="mt-4 text-xl font-bold text-gray-900">"Commentaires à modérer"</h2>
            <Queue items=queue empty="Rien à modérer." empty_testid="nothing-to-review"
                item=move |c| view! {
                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="review-comment">
                                            <p class="text-sm text-gray-600">{format!("{} · {} · {}", c.author, c.date, c.why)} " · " <a class="underline" href=c.link.clone()>"voir l'offre"</a></p>
                                            <p class="mt-1 whitespace-pre-line break-words">{c.body.clone()}</p>
                                            <div class="mt-2 flex gap-2">
                                                <ActionForm action=moderate>
                                                    <input type="hidden" name="comment_id" value=c.id/>
                                                    <input type="hidden" name="approve" value="true"/>
                                                    <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">"Rétablir"</button>
                                                </ActionForm>
                                                <ActionForm action=moderate>
                                                    <input type="hidden" name="comment_id" value=c.id/>
                                                    <input type="hidden" name="approve" value="false"/>
                                                    <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">"Masquer"</button>
                                                </ActionForm>
                                                <a href=format!("/admin/personnes/{}", c.author_id) class="rounded-lg px-3 py-1.5 text-sm font-semibold text-gray-800 ring-1 ring-gray-300">"Voir l'auteur"</a>
                                            </div>
                                        </li>
                }/>
            <ReportedOffers/>
        </section>
    }
}

#[component]
fn ReportedOffers() -> impl IntoView {
    let keep = ServerAction::<KeepOffer>::new();
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let after = query_cursor("offres_apres");
    let queue = Resource::new(
        move || (after.get(), keep.version().get() + withdraw.version().get()),
        |(after, _)| offers_to_review(after),
    );
    let outcome = move || {
        withdraw.value().get().map(|result| match result {
            Ok(n) => view! { <p class="mt-2 text-green-800" role="status">{format!("Offre retirée : {}, crédit rendu.", domain::text::counted(i64::try_from(n).unwrap_or(i64::MAX), "réservation annulée", "réservations annulées"))}</p> }.into_any(),
            Err(e) => view! { <p class="mt-2 text-red-700" role="alert">{e.to_string()}</p> }.into_any(),
        })
    };
    view! {
        <h2 class="mt-10 text-xl font-bold text-gray-900">"Offres signalées"</h2>
        {outcome}
        <Queue items=queue empty="Aucune offre signalée." empty_testid="no-reported-offer"
            item=move |o| view! {
                <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="reported-offer">
                                        <p class="font-semibold"><a class="underline" href=format!("/offres/{}", o.offer_id)>{o.title.clone()}</a> " · " {o.venue_name.clone()}</p>
                                        <p class="text-sm text-gray-600">{o.summary.clone()} " · dernier motif : " {o.last_reason.clone()}</p>
                                        <div class="mt-2 flex flex-wrap items-start gap-2">
                                            <ActionForm action=keep>
                                                <input type="hidden" name="offer_id" value=o.offer_id/>
                                                <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">"Garder l'offre"</button>
                                            </ActionForm>
                                            <ActionForm action=withdraw attr:class="flex flex-wrap gap-2">
                                                <input type="hidden" name="offer_id" value=o.offer_id/>
                                                <label for=format!("withdraw-{}", o.offer_id) class="sr-only">"Motif du retrait"</label>
                                                <input id=format!("withdraw-{}", o.offer_id) name="reason" required maxlength="200" placeholder="Motif (montré aux jeunes)"
                                                    class="rounded border border-gray-300 px-2 py-1 text-sm"/>
                                                <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200 disabled:opacity-50"
                                                    disabled=move || withdraw.pending().get()>
                                                    {format!("Retirer l'offre ({} et remboursées)", domain::text::counted(o.active_bookings, "réservation annulée", "réservations annulées"))}
                                                </button>
                                            </ActionForm>
                                        </div>
                                    </li>
            }/>
    }
}
