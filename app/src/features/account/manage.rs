//! "Mon compte": change the password or the address (the new one replaces the old when
//! the link mailed to it is opened), choose the mails received, delete the account.

use super::AddressNotice;
use super::api::{ChangeEmail, ChangePassword, DeleteAccount, my_address};
use crate::components::form::WIDE_BUTTON;
use crate::components::{Input, SignOut, field_message, general_message};
use crate::features::language::LanguageChoice;
use crate::features::notifications::{MailChoices, PushChoice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let change_email = ServerAction::<ChangeEmail>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let address = Resource::new(move || change_email.version().get(), |_| my_address());
    let change_errors = Signal::derive(move || change.value().get().and_then(Result::err));
    let email_errors = Signal::derive(move || change_email.value().get().and_then(Result::err));
    let delete_errors = Signal::derive(move || delete.value().get().and_then(Result::err));
    let change_field = move |name: &'static str| field_message(change_errors, name);
    let email_field = move |name: &'static str| field_message(email_errors, name);
    let delete_field = move |name: &'static str| field_message(delete_errors, name);
    let general = {
        let (change, email, delete) = (
            general_message(change_errors),
            general_message(email_errors),
            general_message(delete_errors),
        );
        move || change().or_else(&email).or_else(&delete)
    };
    view! {
        <Title text="Mon compte — Culture Pass"/>
        <section class="mx-auto max-w-md p-4">
            <h1 class="text-2xl font-bold text-gray-900">"Mon compte"</h1>
            <nav aria-label="Mon espace" class="mt-3 grid grid-cols-2 gap-2 text-center text-sm font-medium">
                <a href="/portefeuille" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">"Mon crédit"</a>
                <a href="/favoris" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">"Mes favoris"</a>
                <a href="/mes-lieux" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">"Mes lieux"</a>
                <a href="/notifications" class="rounded-lg bg-white px-3 py-2 text-violet-800 ring-1 ring-violet-200">"Notifications"</a>
                <SignOut class="min-h-11 w-full rounded-lg bg-white px-3 py-2 text-red-700 ring-1 ring-red-200"/>
            </nav>
            <p class="mt-2 text-sm text-red-700" role="alert">{general}</p>
            <h2 class="mt-6 text-lg font-semibold">"Changer de mot de passe"</h2>
            <ActionForm action=change attr:class="mt-2 space-y-4">
                <Input required=true label="Mot de passe actuel" id="current" name="current" kind="password" autocomplete="current-password" message=change_field("current")/>
                <Input required=true label="Nouveau mot de passe" id="password" name="password" kind="password" autocomplete="new-password" message=change_field("password")/>
                <button type="submit" class=WIDE_BUTTON>"Changer"</button>
            </ActionForm>
            {move || matches!(change.value().get(), Some(Ok(()))).then(|| view! {
                <p class="mt-2 text-green-800" role="status" data-testid="password-changed">"Mot de passe changé."</p>
            })}
            <h2 class="mt-8 text-lg font-semibold" id="adresse">"Adresse e-mail"</h2>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    address.await.ok().map(|address| view! {
                        <p class="mt-2" data-testid="my-address">
                            <span class="break-all">{address.email}</span>
                            <span class="whitespace-nowrap">{if address.verified { " (confirmée)" } else { " (à confirmer)" }}</span>
                        </p>
                        {(!address.verified).then(|| view! { <AddressNotice headline="Confirme ton adresse e-mail"/> })}
                        {address.awaiting.map(|awaiting| view! {
                            <p class="mt-2 text-sm text-gray-700" data-testid="address-awaiting">
                                {format!("En attente : {awaiting}. Elle remplacera l'adresse actuelle quand tu auras ouvert le lien envoyé à cette adresse.")}
                            </p>
                        })}
                    })
                })}
            </Transition>
            <h3 class="mt-4 font-semibold">"Changer d'adresse e-mail"</h3>
            <ActionForm action=change_email attr:class="mt-2 space-y-4">
                <Input required=true label="Nouvelle adresse e-mail" id="new-email" name="email" kind="email" autocomplete="email" message=email_field("email")/>
                <Input required=true label="Mot de passe" id="email-password" name="password" kind="password"
                    autocomplete="current-password" message=email_field("email-password")/>
                <button type="submit" class=WIDE_BUTTON>"Changer d'adresse"</button>
            </ActionForm>
            {move || change_email.value().get().and_then(Result::ok).map(|address| view! {
                <p class="mt-2 text-green-800" role="status" data-testid="email-changed">
                    {format!("Un lien vient de partir vers {address} : ouvre-le pour que cette adresse remplace l'ancienne.")}
                </p>
            })}
            <MailChoices/>
            <PushChoice/>
            <LanguageChoice/>
            <h2 class="mt-8 text-lg font-semibold">"Mes données"</h2>
            <p class="mt-1 text-sm text-gray-600">"Tout ce que le Culture Pass garde sur toi : compte, crédit, réservations, favoris, avis, réactions, lieux suivis, sessions et messages, dans un fichier JSON."</p>
            <a href="/compte/mes-donnees.json" download data-testid="my-data"
                class="mt-2 block rounded-lg bg-white px-4 py-2 text-center font-semibold text-violet-800 ring-1 ring-violet-300">
                "Télécharger mes données"
            </a>
            <h2 class="mt-8 text-lg font-semibold">"Conditions"</h2>
            <ul class="mt-1 space-y-1 text-sm">
                <li><a class="underline" href="/conditions" data-testid="terms-link">"Conditions générales d'utilisation"</a></li>
                <li><a class="underline" href="/confidentialite">"Politique de confidentialité"</a></li>
                <li><a class="underline" href="/conditions/accepter?next=/compte">"Ce qui a changé depuis mon acceptation"</a></li>
            </ul>
            <h2 class="mt-8 text-lg font-semibold text-red-800">"Supprimer mon compte"</h2>
            <p class="mt-1 text-sm text-gray-600">"Tes données personnelles sont effacées ; tes réservations restent, anonymes, pour les partenaires."</p>
            <ActionForm action=delete attr:class="mt-2 space-y-4">
                <Input required=true label="Confirme avec ton mot de passe" id="delete-password" name="password" kind="password"
                    autocomplete="current-password" message=delete_field("password")/>
                <button type="submit" class="w-full rounded-lg bg-red-700 px-4 py-2 font-semibold text-white">"Supprimer définitivement"</button>
            </ActionForm>
        </section>
    }
}
