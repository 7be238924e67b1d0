//! The root component: the session state shared by every page, the router and the
//! frame of the pages.

use crate::components::{
    BottomNav, CONTENT, Header, NotFound, OfflineBanner, OfflinePage, SkipLink,
    move_focus_on_navigation,
};
use crate::dto::SessionUser;
use crate::error::AppError;
use crate::features::auth::api::{Login, Logout, current_user};
use crate::features::notifications::api::ReadNotifications;
use crate::islands_page;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, SsrMode, path};

/// Who is signed in, and the actions that change it. Provided once by [`App`].
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: Resource<Result<Option<SessionUser>, AppError>>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    /// The notification centre shown: the bell's count is asked again once recorded.
    pub read: ServerAction<ReadNotifications>,
    /// What the server last said, for when it cannot be asked.
    known: StoredValue<Option<Option<SessionUser>>>,
}

impl Auth {
    /// Who is signed in, for the frame around the pages: as the server says at this
    /// navigation or, when it cannot be reached (no network), as it said at the last one,
    /// so that the header keeps the person's name and section offline.
    pub async fn shown(self) -> Result<Option<SessionUser>, AppError> {
        match self.user.await {
            Ok(user) => {
                self.known.set_value(Some(user.clone()));
                Ok(user)
            }
            Err(AppError::Transport(reason)) => {
                self.known.get_value().ok_or(AppError::Transport(reason))
            }
            Err(error) => Err(error),
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::lang::provide_locale();
    crate::hydration::islands_inline_unless_islands_page();

    view! {
        // Every page's title goes through this formatter (see `components::escape`).
        <Title formatter=crate::components::title_for_head text="Culture Pass"/>
        <Router>
            <Frame/>
        </Router>
    }
}

/// Everything inside the router: who is signed in (asked again at every navigation, so
/// signing up, resetting a password or deleting the account show at once), the header,
/// the pages and the bottom navigation.
#[component]
fn Frame() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let read = ServerAction::<ReadNotifications>::new();
    let location = use_location();
    let user = Resource::new(
        move || {
            (
                login.version().get(),
                logout.version().get(),
                read.version().get(),
                location.pathname.get(),
            )
        },
        |_| current_user(),
    );
    provide_context(Auth {
        user,
        login,
        logout,
        read,
        known: StoredValue::new(None),
    });
    crate::components::provide_network();
    crate::components::note_navigations();
    move_focus_on_navigation();

    view! {
        <SkipLink/>
        <Header/>
        <OfflineBanner locale=crate::lang::use_locale()/>
        <main id=CONTENT tabindex="-1" class="min-h-screen bg-gray-50 pb-20 focus:outline-none">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view={islands_page!(crate::features::discovery::HomePage)} ssr=SsrMode::Async/>
                <Route path=path!("/recherche") view={islands_page!(crate::features::discovery::SearchPage)} ssr=SsrMode::Async/>
                <Route path=path!("/carte") view={islands_page!(crate::features::map::MapPage)} ssr=SsrMode::Async/>
                <Route path=path!("/lieux/:id") view={islands_page!(crate::features::discovery::VenuePage)} ssr=SsrMode::Async/>
                <Route path=path!("/offres/:id") view={islands_page!(crate::features::offer::OfferPage)} ssr=SsrMode::Async/>
                <Route path=path!("/connexion") view={Lazy::<SignIn>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/inscription") view={Lazy::<SignUp>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/portefeuille") view={islands_page!(crate::features::account::WalletPage)} ssr=SsrMode::Async/>
                <Route path=path!("/favoris") view={islands_page!(crate::features::favorites::FavoritesPage)} ssr=SsrMode::Async/>
                <Route path=path!("/hors-ligne") view=OfflinePage/>
                <Route path=path!("/compte") view={Lazy::<Account>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/mot-de-passe-oublie") view={Lazy::<ForgotPassword>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/mot-de-passe/nouveau") view={Lazy::<ResetPassword>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/adresse/confirmer") view={Lazy::<ConfirmAddress>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/adresse/confirmee") view={Lazy::<AddressConfirmed>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/desabonnement") view={Lazy::<Unsubscribe>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/notifications") view={Lazy::<Notifications>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/conditions") view={Lazy::<Terms>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/conditions/accepter") view={Lazy::<AcceptTerms>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/conditions/:version") view={Lazy::<Terms>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/confidentialite") view={Lazy::<Privacy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/confidentialite/:version") view={Lazy::<Privacy>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/courriels") view={Lazy::<Outbox>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/identites") view={Lazy::<Identities>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reservations") view={Lazy::<MyBookings>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/reservations/:id") view={Lazy::<Ticket>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/guichet") view={Lazy::<Counter>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro") view={Lazy::<Structures>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/inscription") view={Lazy::<PartnerSignUp>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/invitation") view={Lazy::<Invitation>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id") view={Lazy::<Dashboard>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/lieux") view={Lazy::<Venues>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/offres") view={Lazy::<Offers>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/offres/nouvelle") view={Lazy::<NewOffer>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/reservations") view={Lazy::<Bookings>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/remboursements") view={Lazy::<Statement>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/structures/:id/paiements") view={Lazy::<PartnerPayments>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/pro/offres/:id") view={Lazy::<OfferEditor>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/structures") view={Lazy::<StructureReview>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/moderation") view={Lazy::<Moderation>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/personnes") view={Lazy::<People>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/personnes/:id") view={Lazy::<Person>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/journal") view={Lazy::<AuditLog>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/offres") view={Lazy::<OfferReview>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/remboursements") view={Lazy::<Runs>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/remboursements/:id") view={Lazy::<Run>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/admin/politiques") view={Lazy::<Policies>::new()} ssr=SsrMode::Async/>
                <Route path=path!("/mes-lieux") view={islands_page!(crate::features::social::FollowedPage)} ssr=SsrMode::Async/>
            </Routes>
        </main>
        <BottomNav/>
    }
}
