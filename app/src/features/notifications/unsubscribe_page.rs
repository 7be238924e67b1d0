//! `/desabonnement?jeton=…&type=…`: the page of a mail's unsubscribe link, opened in a
//! browser. It says what the link stops and asks first: a program that opens every link
//! of a mail (a scanner, a preview) changes nothing. Mail clients' one-click button posts
//! to the same address and stops the kind at once (`crate::ssr::unsubscribe`). A
//! partner's link (about the bookings of their offers) is answered in their register,
//! and sends them to their dashboard to choose again.

use crate::components::ErrorView;
use crate::components::form::{WIDE_BUTTON, general_error};
use crate::features::notifications::api::{Unsubscribe, unsubscribe_target};
use domain::notification::MailKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let query = use_query_map();
    let key = move || query.read().get("jeton").unwrap_or_default();
    let kind = move || query.read().get("type").unwrap_or_default();
    let target = Resource::new(
        move || (key(), kind()),
        |(key, kind)| unsubscribe_target(key, kind),
    );
    let stop = ServerAction::<Unsubscribe>::new();
    let stopped = move || stop.value().get().and_then(Result::ok);
    let to_partner =
        move || MailKind::unsubscribable_from(&kind()).is_some_and(MailKind::for_partners);
    view! {
        <Title text="Se désabonner — Culture Pass"/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Se désabonner"</h1>
            <Suspense fallback=|| ()>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        target.await.map(|label| view! {
                            <Show when=move || stopped().is_none()>
                                <p class="mt-3 text-gray-800">"Ne plus recevoir par e-mail :"</p>
                                <p class="mt-1 font-semibold text-gray-900" data-testid="unsubscribe-kind">{label.clone()}</p>
                                <ActionForm action=stop attr:class="mt-4">
                                    <input type="hidden" name="key" value=key/>
                                    <input type="hidden" name="kind" value=kind/>
                                    <button type="submit" class=WIDE_BUTTON>"Ne plus recevoir ces e-mails"</button>
                                </ActionForm>
                            </Show>
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
            {general_error(stop)}
            {move || stopped().map(|label| view! { <Stopped label to_partner=to_partner()/> })}
        </section>
    }
}

/// What the page says once the kind is stopped, and where to choose again.
#[component]
fn Stopped(label: String, to_partner: bool) -> impl IntoView {
    let (said, again, place, href) = if to_partner {
        (
            "C’est noté : vous ne recevrez plus d’e-mail sur les réservations de vos offres."
                .to_owned(),
            "Vous pouvez choisir à nouveau (un e-mail par réservation ou un récapitulatif par jour) dans votre ",
            "espace partenaire",
            "/pro",
        )
    } else {
        (
            format!("C’est noté : « {label} » ne te sera plus envoyé par e-mail."),
            "Tu peux changer d’avis à tout moment dans ton ",
            "profil",
            "/compte#courriels",
        )
    };
    view! {
        <p class="mt-3 rounded-lg bg-green-50 p-3 text-green-900" role="status" data-testid="unsubscribed">{said}</p>
        <p class="mt-3 text-sm text-gray-700">
            {again}<a href=href class="font-semibold text-violet-800 underline">{place}</a>"."
        </p>
    }
}
