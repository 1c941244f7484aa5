//! The console's routes, all under `/staff` (the server sends every extension-less
//! `/staff/...` address to this bundle), and which of them need a signed-in admin.

use yew::prelude::*;
use yew_router::prelude::*;

use super::components::RequireStaff;
use super::pages::{
    AuditPage, ChangePasswordPage, ForgotPasswordPage, HomePage, NotFoundPage, OutboxPage,
    SetPasswordPage, UsersPage,
};
use super::session::SessionProvider;
use super::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum ConsoleRoute {
    /// Sign-in when signed out, the console home when signed in.
    #[at("/staff")]
    Home,
    /// Where invitation and reset emails link to, with `#token=...`.
    #[at("/staff/set-password")]
    SetPassword,
    #[at("/staff/forgot-password")]
    ForgotPassword,
    #[at("/staff/password")]
    ChangePassword,
    #[at("/staff/users")]
    Users,
    #[at("/staff/audit")]
    Audit,
    #[at("/staff/outbox")]
    Outbox,
    #[not_found]
    #[at("/staff/404")]
    NotFound,
}

/// Who may open a page. Signed-out visitors of a guarded page go to sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Anyone,
    SignedIn,
    Admin,
}

impl ConsoleRoute {
    pub fn access(self) -> Access {
        match self {
            Self::Home | Self::SetPassword | Self::ForgotPassword | Self::NotFound => {
                Access::Anyone
            }
            Self::ChangePassword => Access::SignedIn,
            Self::Users | Self::Audit | Self::Outbox => Access::Admin,
        }
    }
}

fn switch(route: ConsoleRoute) -> Html {
    let page = match route {
        ConsoleRoute::Home => html! { <HomePage /> },
        ConsoleRoute::SetPassword => html! { <SetPasswordPage /> },
        ConsoleRoute::ForgotPassword => html! { <ForgotPasswordPage /> },
        ConsoleRoute::ChangePassword => html! { <ChangePasswordPage /> },
        ConsoleRoute::Users => html! { <UsersPage /> },
        ConsoleRoute::Audit => html! { <AuditPage /> },
        ConsoleRoute::Outbox => html! { <OutboxPage /> },
        ConsoleRoute::NotFound => html! { <NotFoundPage /> },
    };
    match route.access() {
        Access::Anyone => page,
        Access::SignedIn => html! { <RequireStaff admin_only={false}>{ page }</RequireStaff> },
        Access::Admin => html! { <RequireStaff admin_only={true}>{ page }</RequireStaff> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <SessionProvider>
                <Layout>
                    <Switch<ConsoleRoute> render={switch} />
                </Layout>
            </SessionProvider>
        </BrowserRouter>
    }
}
