//! `/admin/structures`: new partner structures waiting for an administrator.

use super::api::{DecideStructure, pending_structures};
use crate::components::{Queue, query_cursor};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StructureReviewPage() -> impl IntoView {
    let locale = use_locale();
    let decide = ServerAction::<DecideStructure>::new();
    let after = query_cursor("apres");
    let pending = Resource::new(
        move || (after.get(), decide.version().get()),
        |(after, _)| pending_structures(after),
    );
    view! {
        <Title text=td_string!(locale, pro.review_title)/>
        <section class="mx-auto max-w-3xl p-6">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, pro.review_heading)}</h1>
            {move || decide.value().get().and_then(Result::err).map(|e| view! {
                <p class="mt-3 rounded-lg bg-red-50 p-3 text-red-800" role="alert">{e.message(locale)}</p>
            })}
            <Queue items=pending empty=td_string!(locale, pro.review_none) empty_testid="no-pending"
                item=move |s| view! {
                    <li class="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="pending-structure">
                                            <div>
                                                <p class="font-semibold">{s.name.clone()}</p>
                                                <p class="text-sm text-gray-600">
                                                    {td_string!(locale, pro.siren_registered, siren = &s.siren, date = &s.created).to_string()}" · "
                                                    <a class="underline" target="_blank" rel="noopener"
                                                        href=format!("https://annuaire-entreprises.data.gouv.fr/entreprise/{}", s.siren)>{td_string!(locale, pro.review_directory)}</a>
                                                </p>
                                            </div>
                                            <div class="flex gap-2">
                                                <ActionForm action=decide>
                                                    <input type="hidden" name="structure_id" value=s.id/>
                                                    <input type="hidden" name="validate" value="true"/>
                                                    <button type="submit" class="rounded-lg bg-green-700 px-3 py-1.5 text-sm font-semibold text-white">{td_string!(locale, pro.review_validate)}</button>
                                                </ActionForm>
                                                <ActionForm action=decide>
                                                    <input type="hidden" name="structure_id" value=s.id/>
                                                    <input type="hidden" name="validate" value="false"/>
                                                    <button type="submit" class="rounded-lg px-3 py-1.5 text-sm font-semibold text-red-700 ring-1 ring-red-200">{td_string!(locale, pro.review_refuse)}</button>
                                                </ActionForm>
                                            </div>
                                        </li>
                }/>
        </section>
    }
}
