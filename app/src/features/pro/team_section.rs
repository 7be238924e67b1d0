//! The "Équipe" part of a structure's home: its members with their role; for its
//! administrators, a role to change, a member to take out, and a colleague to invite as
//! an administrator or an editor.

use super::api::{ChangeMember, InviteColleague, structure_team};
use super::dto::{MemberView, TeamView};
use crate::components::ErrorView;
use crate::components::form::{BUTTON, INPUT, Input, SECONDARY, general_error, message_for};
use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;

/// The team of structure `id`, read again after each change: made by the page, outside
/// the `PartnerOnly` check's `Suspend` (a resource made inside one is not carried to the
/// browser).
pub fn team_resource(
    id: Memo<Option<i64>>,
    change: ServerAction<ChangeMember>,
) -> Resource<Result<TeamView, AppError>> {
    Resource::new(
        move || (id.get(), change.version().get()),
        |(id, _)| async move { structure_team(id.ok_or(AppError::NotFound)?).await },
    )
}

#[component]
pub fn TeamSection(
    id: Memo<Option<i64>>,
    team: Resource<Result<TeamView, AppError>>,
    change: ServerAction<ChangeMember>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="mx-auto max-w-5xl px-6 pb-10" data-testid="team">
            <h2 class="text-lg font-bold text-gray-900">{td_string!(locale, team.heading)}</h2>
            <Transition fallback=move || view! { <p class="text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        team.await.map(|team| view! { <Members team change structure_id=id.get_untracked().unwrap_or_default()/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn Members(team: TeamView, change: ServerAction<ChangeMember>, structure_id: i64) -> impl IntoView {
    let manages = team.manages;
    let roles = team.roles.clone();
    view! {
        <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white ring-1 ring-gray-200">
            {team.members.into_iter().map(|member| {
                let roles = roles.clone();
                view! { <Member member manages roles change structure_id/> }
            }).collect_view()}
        </ul>
        {general_error(change)}
        {manages.then(|| view! { <Invite structure_id roles=team.roles/> })}
    }
}

#[component]
fn Member(
    member: MemberView,
    manages: bool,
    roles: Vec<(String, String)>,
    change: ServerAction<ChangeMember>,
    structure_id: i64,
) -> impl IntoView {
    let locale = use_locale();
    let user_id = member.user_id;
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 p-3" data-testid="member">
            <div>
                <p class="font-semibold">{member.name}{member.is_me.then_some(td_string!(locale, team.you))}</p>
                <p class="text-sm text-gray-600">{member.email} " · " <span data-testid="member-role">{member.role_label}</span></p>
            </div>
            {manages.then(|| view! {
                <div class="flex flex-wrap items-end gap-2">
                    <ActionForm action=change attr:class="flex items-end gap-2">
                        <input type="hidden" name="structure_id" value=structure_id/>
                        <input type="hidden" name="user_id" value=user_id/>
                        <label class="text-sm">{td_string!(locale, team.role)}
                            <select name="role" class=INPUT>
                                {roles.into_iter().map(|(name, label)| {
                                    let selected = name == member.role;
                                    view! { <option value=name selected=selected>{label}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        <button type="submit" class=SECONDARY>{td_string!(locale, team.change)}</button>
                    </ActionForm>
                    <ActionForm action=change>
                        <input type="hidden" name="structure_id" value=structure_id/>
                        <input type="hidden" name="user_id" value=user_id/>
                        <input type="hidden" name="role" value=""/>
                        <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, team.remove)}</button>
                    </ActionForm>
                </div>
            })}
        </li>
    }
}

#[component]
fn Invite(structure_id: i64, roles: Vec<(String, String)>) -> impl IntoView {
    let locale = use_locale();
    let invite = ServerAction::<InviteColleague>::new();
    view! {
        <h3 class="mt-6 font-bold text-gray-900">{td_string!(locale, team.invite_heading)}</h3>
        <ActionForm action=invite attr:class="mt-2 flex max-w-2xl flex-wrap items-end gap-3">
            <input type="hidden" name="structure_id" value=structure_id/>
            <div class="grow"><Input label=td_string!(locale, team.colleague_email) name="email" kind="email" required=true message=message_for(invite, "email")/></div>
            <label class="text-sm font-medium text-gray-700">{td_string!(locale, team.role)}
                <select name="role" class=INPUT>
                    {roles.into_iter().map(|(name, label)| {
                        let selected = name == "editor";
                        view! { <option value=name selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class=BUTTON disabled=move || invite.pending().get()>{td_string!(locale, team.send)}</button>
        </ActionForm>
        {general_error(invite)}
        {move || invite.value().get().and_then(Result::ok).map(|_| view! {
            <p class="mt-2 text-sm text-green-800" role="status">{td_string!(locale, team.sent)}</p>
        })}
    }
}
