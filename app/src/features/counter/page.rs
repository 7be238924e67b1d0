//! The counter page: type the token shown by the young person, or scan their QR code
//! with the camera; validate the booking, undo a validation made by mistake, or cancel
//! it with a reason (the credit goes back to the young person).

use super::api::{CancelBooking, UndoValidation, ValidateTicket};
use super::scanner;
use crate::app::Auth;
use crate::components::form::BUTTON;
use crate::dto::TicketView;
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::{use_locale, words};
use domain::account::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CounterPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, counter.title)/>
        <section class="mx-auto max-w-xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, counter.heading)}</h1>
            <p class="mt-1 text-gray-600">{td_string!(locale, counter.intro)}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.shown().await {
                        Ok(Some(user)) if user.role == Role::Partner => view! { <Counter/> }.into_any(),
                        Ok(Some(_)) => view! { <p class="mt-4 text-red-700">{AppError::Forbidden.message(locale)}</p> }.into_any(),
                        _ => view! {
                            <p class="mt-4">
                                <a class="underline" href="/connexion?next=/pro/guichet">{td_string!(locale, counter.sign_in_as_partner)}</a>
                            </p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Counter() -> impl IntoView {
    let locale = use_locale();
    let validate = ServerAction::<ValidateTicket>::new();
    let undo = ServerAction::<UndoValidation>::new();
    let cancel = ServerAction::<CancelBooking>::new();
    let token = RwSignal::new(String::new());
    // The last answer of any of the three actions.
    let last = RwSignal::new(None::<(&'static str, Result<TicketView, AppError>)>);
    Effect::new(move |_| {
        if let Some(result) = validate.value().get() {
            last.set(Some(("validated", result)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = undo.value().get() {
            last.set(Some(("undone", result)));
        }
    });
    Effect::new(move |_| {
        if let Some(result) = cancel.value().get() {
            last.set(Some(("cancelled", result)));
        }
    });
    let outcome = move || {
        last.get().map(|(what, result)| match result {
            Ok(ticket) => view! { <Outcome what ticket undo cancel/> }.into_any(),
            Err(error) => view! {
                <p class="mt-4 rounded-lg bg-red-50 p-4 text-red-800" role="alert" data-testid="ticket-error">{error.message(locale)}</p>
            }
            .into_any(),
        })
    };
    view! {
        <ActionForm action=validate attr:class="mt-4 flex flex-wrap gap-2">
            <label for="token" class="sr-only">{td_string!(locale, counter.token)}</label>
            <input id="token" name="token" required maxlength="6" autocomplete="off" autocapitalize="characters"
                placeholder="ABC234" spellcheck="false" prop:value=move || token.get()
                on:input=move |ev| token.set(event_target_value(&ev))
                class="w-40 rounded-lg border border-gray-300 px-3 py-2 font-mono text-xl uppercase tracking-widest"/>
            <button type="submit" class=BUTTON
                disabled=move || validate.pending().get()>
                {td_string!(locale, counter.validate)}
            </button>
            <Scan token/>
        </ActionForm>
        {outcome}
    }
}

#[component]
fn Outcome(
    what: &'static str,
    ticket: TicketView,
    undo: ServerAction<UndoValidation>,
    cancel: ServerAction<CancelBooking>,
) -> impl IntoView {
    let locale = use_locale();
    let token = ticket.token.clone();
    let (title, colours, testid) = match what {
        "validated" => (
            td_string!(locale, counter.validated, token = &token).to_string(),
            "bg-green-50 text-green-900",
            "ticket-validated",
        ),
        "undone" => (
            td_string!(locale, counter.undone, token = &token).to_string(),
            "bg-amber-50 text-amber-900",
            "ticket-undone",
        ),
        _ => (
            td_string!(locale, counter.cancelled, token = &token).to_string(),
            "bg-gray-100 text-gray-900",
            "ticket-cancelled",
        ),
    };
    view! {
        <div class=format!("mt-4 rounded-lg p-4 {colours}") role="status" data-testid=testid>
            <p class="text-lg font-semibold">{title}</p>
            <p>{ticket.offer_title.clone()}</p>
            <p>{format!("{} · {} · {}", ticket.beneficiary, words::places(locale, ticket.quantity), ticket.amount)}</p>
            {ticket.date.clone().map(|d| view! { <p>{d}</p> })}
        </div>
        <div class="mt-3 flex flex-wrap items-start gap-3">
            {(what == "validated").then(|| {
                let token = token.clone();
                view! {
                    <ActionForm action=undo>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-violet-800 ring-1 ring-violet-200">{td_string!(locale, counter.undo)}</button>
                    </ActionForm>
                }
            })}
            {(what == "undone").then(|| view! {
                <details>
                    <summary class="cursor-pointer rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, counter.cancel_booking)}</summary>
                    <ActionForm action=cancel attr:class="mt-2 flex flex-wrap gap-2">
                        <input type="hidden" name="token" value=token.clone()/>
                        <label for="reason" class="sr-only">{td_string!(locale, counter.reason)}</label>
                        <input id="reason" name="reason" required placeholder=td_string!(locale, counter.reason_example) class="rounded-lg border border-gray-300 px-3 py-1.5"/>
                        <button type="submit" class="rounded-lg bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">{td_string!(locale, counter.confirm_cancel)}</button>
                    </ActionForm>
                </details>
            })}
        </div>
    }
}

/// The camera button: shown once the page knows the browser can read QR codes.
#[component]
fn Scan(token: RwSignal<String>) -> impl IntoView {
    let locale = use_locale();
    let can_scan = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    Effect::new(move |_| can_scan.set(scanner::supported()));
    let found = Callback::new(move |text: String| {
        scanning.set(false);
        match domain::token::Token::from_scan(&text) {
            Ok(read) => {
                token.set(read.to_string());
                message.set(None);
            }
            Err(_) => message.set(Some(td_string!(locale, counter.not_a_ticket).into())),
        }
    });
    let failed = Callback::new(move |why: String| {
        scanning.set(false);
        message.set(Some(why));
    });
    let toggle = move |_| {
        let Some(element) = video.get() else { return };
        if scanning.get_untracked() {
            scanner::stop(&element);
            scanning.set(false);
        } else {
            scanning.set(true);
            scanner::start(locale, element, found, failed);
        }
    };
    view! {
        <button type="button" class="rounded-lg px-3 py-2 text-sm font-semibold text-violet-800 ring-1 ring-violet-200"
            class:hidden=move || !can_scan.get() on:click=toggle data-testid="scan">
            {move || if scanning.get() { td_string!(locale, counter.stop_camera) } else { td_string!(locale, counter.scan) }}
        </button>
        <video node_ref=video class="w-full max-w-sm rounded-lg bg-black" class:hidden=move || !scanning.get()
            playsinline=true muted=true aria-label=td_string!(locale, counter.camera)></video>
        {move || message.get().map(|m| view! { <p class="w-full text-sm text-red-700" role="alert">{m}</p> })}
    }
}
