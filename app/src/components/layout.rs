//! The frame around every page: a header with the account, and on phones a bottom
//! navigation bar.

use crate::app::Auth;
use domain::account::Role;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <header class="sticky top-0 z-10 flex items-center justify-between bg-violet-800 px-4 py-3 text-white">
            <a href="/" class="text-lg font-bold">"Culture Pass"</a>
            <nav aria-label="Rubriques" class="hidden gap-4 text-sm sm:flex">
                <a href="/carte">"Carte"</a>
                <a href="/recherche">"Recherche"</a>
                <a href="/favoris">"Favoris"</a>
                <a href="/reservations">"Réservations"</a>
                <a href="/portefeuille">"Crédit"</a>
            </nav>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match auth.user.await {
                        Ok(Some(user)) => view! {
                            <div class="flex items-center gap-3 text-sm">
                                {(user.role == Role::Partner).then(|| view! {
                                    <a href="/pro" class="underline">"Espace pro"</a>
                                    <a href="/pro/guichet" class="underline">"Guichet"</a>
                                })}
                                {(user.role == Role::Admin).then(|| view! {
                                    <a href="/admin/structures" class="underline">"Structures"</a>
                                    <a href="/admin/moderation" class="underline">"Modération"</a>
                                })}
                                <a href="/compte" data-testid="signed-in-as">{user.first_name}</a>
                                <ActionForm action=auth.logout>
                                    <button type="submit" class="rounded bg-violet-900 px-2 py-1">"Déconnexion"</button>
                                </ActionForm>
                            </div>
                        }.into_any(),
                        _ => view! {
                            <div class="flex items-center gap-3 text-sm">
                                <a href="/inscription" class="underline">"Inscription"</a>
                                <a href="/connexion" class="underline">"Connexion"</a>
                            </div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </header>
    }
}

#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav aria-label="Navigation principale"
            class="fixed inset-x-0 bottom-0 z-10 grid grid-cols-5 border-t border-gray-200 bg-white text-center text-xs sm:hidden">
            <a href="/" class="py-3 text-violet-800">"Découvrir"</a>
            <a href="/carte" class="py-3 text-violet-800">"Carte"</a>
            <a href="/recherche" class="py-3 text-violet-800">"Recherche"</a>
            <a href="/reservations" class="py-3 text-violet-800">"Réservations"</a>
            <a href="/compte" class="py-3 text-violet-800">"Profil"</a>
        </nav>
    }
}
