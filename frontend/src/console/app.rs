//! The console's routes, all under `/staff` (the server sends every extension-less
//! `/staff/...` address to this bundle), and who may open each.

use shared::{Role, StaffUser};
use yew::prelude::*;
use yew_router::prelude::*;

use super::components::RequireStaff;
use super::pages::donation_new_page::NewDonationPage;
use super::pages::donation_page::DonationPage;
use super::pages::donations_page::DonationsPage;
use super::pages::donor_page::DonorPage;
use super::pages::donors_page::DonorsPage;
use super::pages::letterhead_page::LetterheadPage;
use super::pages::pledges_page::PledgesPage;
use super::pages::wishlist_page::WishlistPage;
use super::pages::{
    AuditPage, ChangePasswordPage, ClosuresPage, DaySheetPage, EventEditorPage, EventPage,
    EventsPage, ForgotPasswordPage, HomePage, InventoryImportPage, InventoryItemPage,
    InventoryNewPage, InventoryPage, MentorOfficeHoursPage, MentorProfilePage, MentorSessionsPage,
    NotFoundPage, OpeningHoursPage, OutboxPage, SetPasswordPage, SpacePage, SpacesPage,
    SupervisionPage, TopicsPage, UsersPage,
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
    /// The lounge's day: who is booked, check-ins, walk-ins.
    #[at("/staff/day")]
    DaySheet,
    #[at("/staff/spaces")]
    Spaces,
    /// One space's details and booking rules.
    #[at("/staff/spaces/:id")]
    Space { id: i64 },
    #[at("/staff/spaces/:id/hours")]
    OpeningHours { id: i64 },
    #[at("/staff/spaces/:id/closures")]
    Closures { id: i64 },
    /// A peer mentor's sessions, with a private check-in after each.
    #[at("/staff/mentor/sessions")]
    MentorSessions,
    #[at("/staff/mentor/profile")]
    MentorProfile,
    /// A peer mentor's office hours, days off and limits.
    #[at("/staff/mentor/office-hours")]
    MentorOfficeHours,
    /// Supervisors: their mentors' load, check-ins and support flags.
    #[at("/staff/supervision")]
    Supervision,
    /// The agency's lived-experience topics.
    #[at("/staff/topics")]
    Topics,
    /// Events a peer mentor organises (admins: all of them).
    #[at("/staff/events")]
    Events,
    #[at("/staff/events/new")]
    NewEvent,
    /// One event: its state, what can be done with it, and the door.
    #[at("/staff/events/:id")]
    Event { id: i64 },
    #[at("/staff/events/:id/edit")]
    EditEvent { id: i64 },
    /// Facilities: donated furniture and supplies, filtered by the address's query.
    #[at("/staff/inventory")]
    Inventory,
    #[at("/staff/inventory/new")]
    NewItem,
    #[at("/staff/inventory/import")]
    ImportItems,
    #[at("/staff/inventory/:id")]
    InventoryItem { id: i64 },
    /// Facilities: donations as they came in, and logging a new one (`?donor=ID`).
    #[at("/staff/donations")]
    Donations,
    #[at("/staff/donations/new")]
    NewDonation,
    /// One donation, its items and its thank-you letter.
    #[at("/staff/donations/:id")]
    Donation { id: i64 },
    #[at("/staff/donors")]
    Donors,
    #[at("/staff/donors/:id")]
    Donor { id: i64 },
    /// What thank-you letters say at the top and bottom.
    #[at("/staff/letterhead")]
    Letterhead,
    /// What the lounge needs, as partners see it on the agency's site.
    #[at("/staff/wishlist")]
    Wishlist,
    /// What partners pledged from the wishlist.
    #[at("/staff/pledges")]
    Pledges,
    #[not_found]
    #[at("/staff/404")]
    NotFound,
}

/// Who may open a page, as the server decides for the endpoints it uses. Signed-out
/// visitors of a guarded page go to sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Anyone,
    SignedIn,
    Admin,
    /// Whoever runs the lounge on the day: supervisors and peer mentors (and admins).
    LoungeDesk,
    /// Peer mentors (and admins).
    Mentor,
    /// Supervisors of peer mentors (and admins).
    Supervisor,
    /// Facilities staff (and admins).
    Facilities,
}

impl Access {
    /// The roles that may open the page; any one will do, and admins may open every
    /// page. Empty means any signed-in staff member. Mirrors the server's `authz.rs`.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Self::Anyone | Self::SignedIn => &[],
            Self::Admin => &[Role::Admin],
            Self::LoungeDesk => &[Role::Supervisor, Role::Mentor],
            Self::Mentor => &[Role::Mentor],
            Self::Supervisor => &[Role::Supervisor],
            Self::Facilities => &[Role::Facilities],
        }
    }

    /// Whether `user` may open a page with this access (the server checks too).
    pub fn allows(self, user: &StaffUser) -> bool {
        let roles = self.roles();
        roles.is_empty()
            || user.roles.contains(&Role::Admin)
            || roles.iter().any(|role| user.roles.contains(role))
    }
}

impl ConsoleRoute {
    pub fn access(self) -> Access {
        match self {
            Self::Home | Self::SetPassword | Self::ForgotPassword | Self::NotFound => {
                Access::Anyone
            }
            Self::ChangePassword => Access::SignedIn,
            Self::Users
            | Self::Audit
            | Self::Outbox
            | Self::Spaces
            | Self::Space { .. }
            | Self::OpeningHours { .. }
            | Self::Closures { .. }
            | Self::Topics => Access::Admin,
            Self::DaySheet => Access::LoungeDesk,
            Self::MentorSessions
            | Self::MentorProfile
            | Self::MentorOfficeHours
            | Self::Events
            | Self::NewEvent
            | Self::Event { .. }
            | Self::EditEvent { .. } => Access::Mentor,
            Self::Supervision => Access::Supervisor,
            Self::Inventory | Self::NewItem | Self::ImportItems | Self::InventoryItem { .. } => {
                Access::Facilities
            }
            Self::Donations
            | Self::NewDonation
            | Self::Donation { .. }
            | Self::Donors
            | Self::Donor { .. }
            | Self::Letterhead
            | Self::Wishlist
            | Self::Pledges => Access::Facilities,
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
        ConsoleRoute::DaySheet => html! { <DaySheetPage /> },
        ConsoleRoute::Spaces => html! { <SpacesPage /> },
        ConsoleRoute::Space { id } => html! { <SpacePage {id} /> },
        ConsoleRoute::OpeningHours { id } => html! { <OpeningHoursPage {id} /> },
        ConsoleRoute::Closures { id } => html! { <ClosuresPage {id} /> },
        ConsoleRoute::MentorSessions => html! { <MentorSessionsPage /> },
        ConsoleRoute::MentorProfile => html! { <MentorProfilePage /> },
        ConsoleRoute::MentorOfficeHours => html! { <MentorOfficeHoursPage /> },
        ConsoleRoute::Supervision => html! { <SupervisionPage /> },
        ConsoleRoute::Topics => html! { <TopicsPage /> },
        ConsoleRoute::Events => html! { <EventsPage /> },
        ConsoleRoute::NewEvent => html! { <EventEditorPage /> },
        ConsoleRoute::Event { id } => html! { <EventPage {id} /> },
        ConsoleRoute::EditEvent { id } => html! { <EventEditorPage id={Some(id)} /> },
        ConsoleRoute::Inventory => html! { <InventoryPage /> },
        ConsoleRoute::NewItem => html! { <InventoryNewPage /> },
        ConsoleRoute::ImportItems => html! { <InventoryImportPage /> },
        ConsoleRoute::InventoryItem { id } => html! { <InventoryItemPage {id} /> },
        ConsoleRoute::Donations => html! { <DonationsPage /> },
        ConsoleRoute::NewDonation => html! { <NewDonationPage /> },
        ConsoleRoute::Donation { id } => html! { <DonationPage {id} /> },
        ConsoleRoute::Donors => html! { <DonorsPage /> },
        ConsoleRoute::Donor { id } => html! { <DonorPage {id} /> },
        ConsoleRoute::Letterhead => html! { <LetterheadPage /> },
        ConsoleRoute::Wishlist => html! { <WishlistPage /> },
        ConsoleRoute::Pledges => html! { <PledgesPage /> },
        ConsoleRoute::NotFound => html! { <NotFoundPage /> },
    };
    match route.access() {
        Access::Anyone => page,
        access => html! { <RequireStaff {access}>{ page }</RequireStaff> },
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
