//! The wallet: what remains of the credit, of each cap, until when, and every movement.

use super::AddressNotice;
use super::api::my_wallet;
use crate::app::Auth;
use crate::components::ErrorView;
use crate::features::account::dto::{WalletState, WalletView};
use crate::i18n::td_string;
use crate::lang::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WalletPage() -> impl IntoView {
    let locale = use_locale();
    let wallet = Resource::new(|| (), |_| my_wallet());
    let auth = expect_context::<Auth>();
    view! {
        <Title text=td_string!(locale, wallet.title)/>
        <section class="mx-auto max-w-2xl p-4">
            <h1 class="text-2xl font-bold text-gray-900">{td_string!(locale, wallet.heading)}</h1>
            // Right after signing up: booking waits for the address.
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    matches!(auth.user.await, Ok(Some(user)) if user.must_verify_address())
                        .then(|| view! { <AddressNotice locale headline=td_string!(locale, booking.verify_email)/> })
                })}
            </Transition>
            <Suspense fallback=move || view! { <p class="mt-4 text-gray-500">{td_string!(locale, common.loading)}</p> }>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        wallet.await.map(|state| match state {
                            WalletState::Credit(wallet) => view! { <Credit wallet/> }.into_any(),
                            WalletState::NoCredit(reason) => view! {
                                <p class="mt-4 rounded-lg bg-violet-50 p-4 text-violet-900" data-testid="no-credit">{reason}</p>
                            }.into_any(),
                        })
                    })}
                </ErrorBoundary>
            </Suspense>
        </section>
    }
}

#[component]
fn Credit(wallet: WalletView) -> impl IntoView {
    let locale = use_locale();
    let (granted, policy) = (wallet.granted, wallet.policy);
    let (day, days) = (wallet.expires_on, wallet.days_left);
    view! {
        <div class="mt-4 rounded-2xl bg-violet-800 p-5 text-white">
            <p class="text-sm opacity-80">{td_string!(locale, wallet.left)}</p>
            <p class="text-4xl font-bold" data-testid="wallet-balance">{wallet.balance}</p>
            <p class="mt-1 text-sm opacity-80">{td_string!(locale, wallet.out_of, granted, policy).to_string()}</p>
            <p class="mt-3 text-sm" data-testid="wallet-expiry">
                {td_string!(locale, wallet.valid_until, day, days).to_string()}
            </p>
            {wallet.next_grant.map(|next| view! {
                <p class="mt-3 rounded-lg bg-white/15 px-3 py-2 text-sm font-medium" data-testid="wallet-next-grant">{next}</p>
            })}
        </div>
        {(!wallet.caps.is_empty()).then(|| view! {
            <ul class="mt-4 grid gap-3 sm:grid-cols-2">
                {wallet.caps.into_iter().map(|(label, left)| view! {
                    <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200">
                        <p class="text-sm text-gray-600">{label}</p>
                        <p class="text-xl font-semibold">{left}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2 class="mt-6 text-lg font-semibold">{td_string!(locale, wallet.history)}</h2>
        <ul class="mt-2 divide-y divide-gray-200 rounded-xl bg-white ring-1 ring-gray-200" data-testid="wallet-history">
            {wallet.movements.into_iter().map(|m| view! {
                <li class="flex items-center justify-between gap-3 p-3">
                    <div>
                        <p class="font-medium">{m.label}</p>
                        <p class="text-sm text-gray-600">{m.date}</p>
                    </div>
                    <p class="font-semibold tabular-nums">{m.amount}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}
