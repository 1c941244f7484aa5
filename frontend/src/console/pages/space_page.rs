//! `/staff/spaces/{id}` (admins): change a space's details and its booking rules.

use yew::prelude::*;

use crate::api::lounge_admin::find_admin_space;
use crate::components::fetch_view;
use crate::console::components::{space_nav, SpaceForm};
use crate::hooks::{use_document_title, use_fetch_with, FetchState};

#[derive(Properties, PartialEq)]
pub struct SpacePageProps {
    pub id: i64,
}

#[component]
pub fn SpacePage(props: &SpacePageProps) -> Html {
    use_document_title("Space details and rules");
    let space = use_fetch_with(props.id, |id| find_admin_space(*id));
    let on_saved = {
        let refresh = space.refresh.clone();
        Callback::from(move |_| refresh.emit(()))
    };

    let heading = match &*space {
        FetchState::Loaded(space) => format!("Details and rules for {}", space.space.name),
        _ => "Details and rules".to_owned(),
    };

    html! {
        <>
            <h1>{ heading }</h1>
            { space_nav(props.id) }
            { fetch_view(&space, "Loading the space…", |space| html! {
                <SpaceForm space={space.clone()} {on_saved} />
            }) }
        </>
    }
}
