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
const TOOLS: [Tool; 6] = [
    Tool {
        route: ConsoleRoute::DaySheet,
        title: "Day sheet",
        description: "Today in the lounge: who is booked, check-ins, walk-ins and seats free.",
    },
    Tool {
        route: ConsoleRoute::Spaces,
        title: "Spaces and opening hours",
        description: "Add or change spaces, their booking rules, weekly hours and closures.",
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

/// The tools still being built for the roles this person holds, one line per role.
pub fn coming_soon(roles: &[Role]) -> Vec<&'static str> {
    let lines: Vec<&'static str> = Role::ALL
        .into_iter()
        .filter(|role| roles.contains(role))
        .filter_map(|role| match role {
            Role::Supervisor => {
                Some("For supervisors: mentors' workload, check-ins and support requests.")
            }
            Role::Mentor => {
                Some("For peer mentors: your profile, availability, limits and sessions.")
            }
            Role::Facilities => Some("For facilities: donations, inventory and the wishlist."),
            Role::Admin => None,
        })
        .collect();
    if lines.is_empty() {
        vec!["Tools for peer mentors, supervisors and facilities staff."]
    } else {
        lines
    }
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
            <h2>{ "Coming soon" }</h2>
            <ul class="coming-soon">
                { for coming_soon(&user.roles).into_iter().map(|line| html! { <li>{ line }</li> }) }
            </ul>
        </div>
    }
}
