//! `/admin/personnes/:id`: one person as the team sees them (identity, credit and its
//! ledger, bookings, comments, open sessions, what administrators did about them), and
//! the team's three actions on a person: suspend, lift a suspension, correct the credit,
//! each with a reason that goes into the audit log.

use super::api::{CorrectCredit, LiftSuspension, SuspendPerson, person_details};
use super::dto::{AuditLine, PersonView};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, INPUT, SECONDARY, general_message, last_error, message_for};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PersonPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let id = Memo::new(move |_| params.get().get("id").and_then(|id| id.parse::<i64>().ok()));
    let suspend = ServerAction::<SuspendPerson>::new();
    let lift = ServerAction::<LiftSuspension>::new();
    let correct = ServerAction::<CorrectCredit>::new();
    let person = Resource::new(
        move || {
            (
                id.get(),
                suspend.version().get() + lift.version().get() + correct.version().get(),
            )
        },
        |(id, _)| async move { person_details(id.ok_or(AppError::NotFound)?).await },
    );
    view! {
        <Title text=td_string!(locale, admin_people.person_title)/>
        <section class="mx-auto max-w-4xl p-6">
            <p class="text-sm"><a class="underline" href="/admin/personnes">{td_string!(locale, admin_people.back)}</a></p>
            <Transition fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        person.await.map(|p| view! { <Details p suspend lift correct/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Details(
    p: PersonView,
    suspend: ServerAction<SuspendPerson>,
    lift: ServerAction<LiftSuspension>,
    correct: ServerAction<CorrectCredit>,
) -> impl IntoView {
    let locale = use_locale();
    let id = p.id;
    let suspended = p.suspension.is_some();
    let name = &p.name;
    let title = td_string!(locale, admin_people.named_title, name).to_string();
    view! {
        <Title text=title/>
        <header class="mt-2 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold text-gray-900">{p.name.clone()}</h1>
            <span class="rounded-full bg-gray-100 px-2 py-0.5 text-xs font-semibold text-gray-800">{p.role.clone()}</span>
            {suspended.then(|| view! {
                <span class="rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800" data-testid="suspended-badge">{td_string!(locale, admin_people.suspended)}</span>
            })}
        </header>
        <p class="text-gray-700">{p.email.clone()} " · " {p.identity.clone()}</p>
        <dl class="mt-3 grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            {p.facts.into_iter().map(|(term, value)| view! {
                <div class="flex gap-2"><dt class="text-gray-600">{term}</dt><dd class="font-medium">{value}</dd></div>
            }).collect_view()}
        </dl>

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.account)}</h2>
        {match p.suspension {
            Some(s) => view! {
                <p class="mt-2 rounded-lg bg-red-50 p-3 text-red-900" data-testid="suspension">
                    {td_string!(locale, admin_people.suspended_since, since = s.since, reason = s.reason).to_string()}
                </p>
                <ActionForm action=lift attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="lift-form">
                    <input type="hidden" name="user_id" value=id/>
                    <ReasonField message=message_for(lift, "reason")/>
                    <button type="submit" class=BUTTON>{td_string!(locale, admin_people.lift)}</button>
                </ActionForm>
            }.into_any(),
            None if p.is_admin => view! {
                <p class="mt-2 text-gray-700">{td_string!(locale, admin_people.admin_not_here)}</p>
            }.into_any(),
            None => view! {
                <p class="mt-2 text-sm text-gray-700">{td_string!(locale, admin_people.suspend_explained)}</p>
                <ActionForm action=suspend attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="suspend-form">
                    <input type="hidden" name="user_id" value=id/>
                    <ReasonField message=message_for(suspend, "reason")/>
                    <button type="submit" class="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">{td_string!(locale, admin_people.suspend)}</button>
                </ActionForm>
            }.into_any(),
        }}
        {general_message(Signal::derive(move || last_error(suspend).or_else(|| last_error(lift))))}

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.credit)}</h2>
        {match p.credit {
            Some(credit) => view! {
                <p class="mt-2"><span class="text-2xl font-bold" data-testid="balance">{credit.balance}</span> {td_string!(locale, admin_people.left)}</p>
                <p class="text-sm text-gray-600">{credit.details}</p>
            }.into_any(),
            None => view! { <p class="mt-2 text-gray-700" data-testid="no-credit">{td_string!(locale, admin_people.no_credit)}</p> }.into_any(),
        }}
        <ActionForm action=correct attr:class="mt-3 flex flex-wrap items-end gap-3" attr:data-testid="correct-form">
            <input type="hidden" name="user_id" value=id/>
            <label class="w-40 text-sm font-medium text-gray-700">{td_string!(locale, admin_people.amount_label)}
                <input name="amount" class=INPUT placeholder=td_string!(locale, admin_people.amount_example) required/>
                <p class="mt-1 text-sm text-red-700" role="alert" data-testid="amount-error">{message_for(correct, "amount")}</p>
            </label>
            <ReasonField message=message_for(correct, "reason")/>
            <button type="submit" class=SECONDARY>{td_string!(locale, admin_people.correct)}</button>
        </ActionForm>
        {move || correct.value().get().and_then(Result::ok).map(|done| view! {
            <p class="mt-2 text-green-800" role="status" data-testid="corrected">{done}</p>
        })}
        <Ledger lines=p.ledger/>

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.bookings)}</h2>
        {if p.bookings.is_empty() {
            view! { <p class="mt-2 text-gray-600">{td_string!(locale, admin_people.no_booking)}</p> }.into_any()
        } else {
            view! {
                <ul class="mt-2 divide-y divide-gray-200 text-sm" data-testid="person-bookings">
                    {p.bookings.into_iter().map(|b| view! {
                        <li class="py-2">{format!("{} · {} ({}) · {} · {}", b.date, b.offer, b.venue, b.amount, b.status)}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.comments)}</h2>
        {if p.comments.is_empty() {
            view! { <p class="mt-2 text-gray-600">{td_string!(locale, admin_people.no_comment)}</p> }.into_any()
        } else {
            view! {
                <ul class="mt-2 divide-y divide-gray-200 text-sm">
                    {p.comments.into_iter().map(|c| view! {
                        <li class="py-2">
                            <p class="text-gray-600">{format!("{} · {} · {}", c.date, c.about, c.status)}</p>
                            <p class="whitespace-pre-line break-words">{c.body}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.sessions)}</h2>
        {if p.sessions.is_empty() {
            view! { <p class="mt-2 text-gray-600" data-testid="no-sessions">{td_string!(locale, admin_people.no_session)}</p> }.into_any()
        } else {
            view! {
                <ul class="mt-2 list-disc pl-5 text-sm" data-testid="sessions">
                    {p.sessions.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
            }.into_any()
        }}

        <h2 class="mt-8 text-lg font-bold text-gray-900">{td_string!(locale, admin_people.team_actions)}</h2>
        <History lines=p.history/>
        <p class="mt-2 text-sm"><a class="underline" href=format!("/admin/journal?personne={id}")>{td_string!(locale, admin_people.whole_log)}</a></p>
    }
}

/// The reason every action on a person asks for.
#[component]
fn ReasonField<M>(message: M) -> impl IntoView
where
    M: Fn() -> Option<String> + Send + Sync + 'static,
{
    let locale = use_locale();
    view! {
        <label class="min-w-64 flex-1 text-sm font-medium text-gray-700">{td_string!(locale, admin_people.reason_label)}
            <input name="reason" class=INPUT required/>
            <p class="mt-1 text-sm text-red-700" role="alert" data-testid="reason-error">{message}</p>
        </label>
    }
}

#[component]
fn Ledger(lines: Vec<super::dto::LedgerLine>) -> impl IntoView {
    let locale = use_locale();
    (!lines.is_empty()).then(|| view! {
        <table class="mt-4 w-full text-left text-sm" data-testid="person-ledger">
            <thead class="text-gray-600"><tr><th class="py-1">{td_string!(locale, admin_people.date)}</th><th>{td_string!(locale, admin_people.movement)}</th><th class="text-right">{td_string!(locale, admin_people.amount)}</th></tr></thead>
            <tbody>
                {lines.into_iter().map(|m| view! {
                    <tr class="border-t border-gray-200">
                        <td class="py-1">{m.date}</td>
                        <td>{m.label}{m.note.map(|note| view! { <span class="text-gray-600">{format!(" — {note}")}</span> })}</td>
                        <td class="text-right font-medium">{m.amount}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// Rows of the audit log, newest first.
#[component]
pub fn History(lines: Vec<AuditLine>) -> impl IntoView {
    let locale = use_locale();
    if lines.is_empty() {
        return view! { <p class="mt-2 text-gray-600" data-testid="no-actions">{td_string!(locale, admin_audit.no_action)}</p> }
            .into_any();
    }
    view! {
        <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white text-sm ring-1 ring-gray-200" data-testid="audit-rows">
            {lines.into_iter().map(|a| view! {
                <li class="p-3" data-testid="audit-row">
                    <p><span class="font-semibold">{a.action}</span> " · "
                        {match a.link {
                            Some(href) => view! { <a class="underline" href=href>{a.subject}</a> }.into_any(),
                            None => a.subject.into_any(),
                        }}
                        {(!a.detail.is_empty()).then(|| format!(" · {}", a.detail))}
                    </p>
                    <p class="text-gray-600">{td_string!(locale, admin_audit.by, date = a.date, admin = a.admin).to_string()}</p>
                    {(!a.reason.is_empty()).then(|| {
                        let reason = a.reason;
                        view! { <p class="mt-1">{td_string!(locale, admin_audit.reason_is, reason).to_string()}</p> }
                    })}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
