//! The counter page: type the token shown by the young person, validate it.

use super::api::ValidateTicket;
use crate::app::Auth;
use crate::error::AppError;
use domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CounterPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let validate = ServerAction::<ValidateTicket>::new();
    view! {
        <Title text="Guichet — Culture Pass Pro"/>
        <section class="mx-auto max-w-xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Guichet"</h1>
            <p class="mt-1 text-gray-600">"Saisissez la contremarque présentée par le jeune pour valider sa réservation."</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) if user.role == Role::Partner => view! { <CounterForm validate/> }.into_any(),
                        Ok(Some(_)) => view! { <p class="mt-4 text-red-700">{AppError::Forbidden.to_string()}</p> }.into_any(),
                        _ => view! {
                            <p class="mt-4">
                                <a class="underline" href="/connexion?next=/pro/guichet">"Connectez-vous avec un compte partenaire"</a>
                            </p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn CounterForm(validate: ServerAction<ValidateTicket>) -> impl IntoView {
    let outcome = move || {
        validate.value().get().map(|result| match result {
            Ok(ticket) => view! {
                <div class="mt-4 rounded-lg bg-green-50 p-4 text-green-900" role="status" data-testid="ticket-validated">
                    <p class="text-lg font-semibold">"Contremarque " {ticket.token.clone()} " validée"</p>
                    <p>{ticket.offer_title.clone()}</p>
                    <p>{format!("{} · {} place(s) · {}", ticket.beneficiary, ticket.quantity, ticket.amount)}</p>
                    {ticket.date.clone().map(|d| view! { <p>{d}</p> })}
                </div>
            }
            .into_any(),
            Err(error) => view! {
                <p class="mt-4 rounded-lg bg-red-50 p-4 text-red-800" role="alert" data-testid="ticket-error">{error.to_string()}</p>
            }
            .into_any(),
        })
    };
    view! {
        <ActionForm action=validate attr:class="mt-4 flex gap-2">
            <label for="token" class="sr-only">"Contremarque"</label>
            <input id="token" name="token" required maxlength="6" autocomplete="off" autocapitalize="characters"
                placeholder="ABC234" spellcheck="false"
                class="w-40 rounded-lg border border-gray-300 px-3 py-2 font-mono text-xl uppercase tracking-widest"/>
            <button type="submit" class="rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white hover:bg-violet-800 disabled:opacity-50"
                disabled=move || validate.pending().get()>
                "Valider"
            </button>
        </ActionForm>
        {outcome}
    }
}
