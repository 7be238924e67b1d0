//! The profile's list of the mails one may stop, each with a button that turns it on or
//! off (a plain form: it works before the page is interactive, and without JavaScript).

use crate::components::ErrorView;
use crate::components::form::general_error;
use crate::features::notifications::api::{ChooseMail, my_mail_choices};
use crate::features::notifications::dto::MailChoiceView;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// The signed-in person's choices, on their profile.
#[component]
pub fn MailChoices() -> impl IntoView {
    let locale = use_locale();
    let choose = ServerAction::<ChooseMail>::new();
    let choices = Resource::new(move || choose.version().get(), |_| my_mail_choices());
    view! {
        <h2 class="mt-8 text-lg font-semibold" id="courriels">{td_string!(locale, mail_kind.heading)}</h2>
        <p class="mt-1 text-sm text-gray-600">{td_string!(locale, mail_kind.always)}</p>
        {general_error(choose)}
        <Transition fallback=|| ()>
            <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                {move || Suspend::new(async move {
                    choices.await.map(|list| view! {
                        <ul class="mt-2 overflow-hidden rounded-lg bg-white ring-1 ring-gray-200" data-testid="mail-choices">
                            {list.into_iter().map(|choice| view! { <ChoiceRow choice choose/> }).collect_view()}
                        </ul>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// One kind: what it is, whether it comes, and the button that changes that.
#[component]
fn ChoiceRow(choice: MailChoiceView, choose: ServerAction<ChooseMail>) -> impl IntoView {
    let locale = use_locale();
    let (state, button) = if choice.by_mail {
        (
            td_string!(locale, mail_kind.by_mail),
            td_string!(locale, mail_kind.stop),
        )
    } else {
        (
            td_string!(locale, mail_kind.no_mail),
            td_string!(locale, mail_kind.resume),
        )
    };
    let label = &choice.label;
    let described = td_string!(locale, mail_kind.described, button, label).to_string();
    view! {
        <li class="-mt-px flex items-center justify-between gap-3 border-t border-gray-200 p-3" data-testid="mail-choice">
            <div>
                <p class="text-sm font-medium text-gray-900">{choice.label}</p>
                <p class="text-xs text-gray-600" data-testid="mail-choice-state">{state}</p>
            </div>
            <ActionForm action=choose>
                <input type="hidden" name="kind" value=choice.kind/>
                <input type="hidden" name="by_mail" value=(!choice.by_mail).to_string()/>
                <button type="submit" aria-label=described
                    class="min-h-11 w-24 shrink-0 whitespace-nowrap rounded-lg bg-white px-3 py-2 text-center text-sm font-semibold text-violet-800 ring-1 ring-violet-200">
                    {button}
                </button>
            </ActionForm>
        </li>
    }
}
