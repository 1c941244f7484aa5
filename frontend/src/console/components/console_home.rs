//! The console's first screen once signed in: who you are, and what your roles let you
//! do here.

use shared::{Role, StaffUser};
use yew::prelude::*;

use crate::console::words::roles_in_words;
use crate::console::{ConsoleLink, ConsoleRoute};

#[derive(Properties, PartialEq)]
pub struct ConsoleHomeProps {
    pub user: StaffUser,
}

/// A card linking to one tool.
struct Tool {
    route: ConsoleRoute,
    title: &'static str,
    description: &'static str,
}

/// Every tool, in order; each shows only to those who may open its page.
const TOOLS: [Tool; 13] = [
    Tool {
        route: ConsoleRoute::DaySheet,
        title: "Day sheet",
        description: "Today in the lounge: who is booked, check-ins, walk-ins and seats free.",
    },
    Tool {
        route: ConsoleRoute::MentorSessions,
        title: "Your mentoring",
        description: "Your sessions and check-ins, your profile, office hours and limits.",
    },
    Tool {
        route: ConsoleRoute::Events,
        title: "Events",
        description: "Plan events with young people: agenda, materials, seats and the waitlist, then check people in at the door.",
    },
    Tool {
        route: ConsoleRoute::Supervision,
        title: "Supervision",
        description: "Mentors' sessions against their limits, check-ins, support requests and screening dates.",
    },
    Tool {
        route: ConsoleRoute::Inventory,
        title: "Inventory",
        description: "Donated furniture and supplies: what there is, where, in what state, and stock running low.",
    },
    Tool {
        route: ConsoleRoute::Donations,
        title: "Donations",
        description: "Log gifts as they arrive, thank donors with a letter, and tell them where their gifts are now.",
    },
    Tool {
        route: ConsoleRoute::Wishlist,
        title: "Wishlist",
        description: "What the lounge needs, shown on the agency's site, and what partners have pledged.",
    },
    Tool {
        route: ConsoleRoute::Spaces,
        title: "Spaces and opening hours",
        description: "Add or change spaces, their booking rules, weekly hours and closures.",
    },
    Tool {
        route: ConsoleRoute::Topics,
        title: "Topics",
        description: "The lived-experience topics mentors choose from and young people filter by.",
    },
    Tool {
        route: ConsoleRoute::Users,
        title: "Staff accounts",
        description: "Invite staff, change their roles, or disable an account.",
    },
    Tool {
        route: ConsoleRoute::Audit,
        title: "Audit log",
        description: "Who did what, and when.",
    },
    Tool {
        route: ConsoleRoute::Outbox,
        title: "Email outbox",
        description: "Emails waiting to go, sent, or stuck, and a way to send them again.",
    },
    Tool {
        route: ConsoleRoute::ChangePassword,
        title: "Change your password",
        description: "Choose a new password. Other devices you're signed in on will be signed out.",
    },
];

/// The tools still being built for the roles this person holds, one line per role;
/// admins hold every role. Empty when nothing more is coming for them.
/// (Nothing is, for now: facilities staff's donations and wishlist are here.)
pub fn coming_soon(_roles: &[Role]) -> Vec<&'static str> {
    Vec::new()
}

fn tool_card(tool: &Tool) -> Html {
    html! {
        <li key={tool.title}>
            <ConsoleLink to={tool.route} classes="link-card">
                <span class="link-card__title">{ tool.title }</span>
                <span>{ tool.description }</span>
            </ConsoleLink>
        </li>
    }
}

#[component]
pub fn ConsoleHome(props: &ConsoleHomeProps) -> Html {
    let user = &props.user;
    let tools = TOOLS.iter().filter(|tool| tool.route.access().allows(user));
    let coming = coming_soon(&user.roles);

    html! {
        <div class="console-home">
            <p class="lead">
                { "Signed in as " }
                <strong>{ &user.display_name }</strong>
                { format!(" ({}).", roles_in_words(&user.roles)) }
            </p>
            <h2>{ "What you can do here" }</h2>
            <ul class="link-cards">
                { for tools.map(tool_card) }
            </ul>
            if !coming.is_empty() {
                <h2>{ "Coming soon" }</h2>
                <ul class="coming-soon">
                    { for coming.into_iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            }
        </div>
    }
}
