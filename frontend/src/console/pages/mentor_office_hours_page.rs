//! `/staff/mentor/office-hours` (peer mentors): when and where young people can book a
//! session with them, days off, and their own limits.

use yew::prelude::*;

use crate::api::mentoring::{limits, office_hours};
use crate::api::spaces::list_spaces;
use crate::api::ApiFailure;
use crate::components::fetch_view;
use crate::console::components::limits_form::LimitsForm;
use crate::console::components::mentor_nav::mentor_nav;
use crate::console::components::office_hours_form::OfficeHoursForm;
use crate::hooks::{use_document_title, use_fetch};

#[component]
pub fn MentorOfficeHoursPage() -> Html {
    use_document_title("My office hours");
    let loaded = use_fetch(|| async {
        let hours = office_hours().await?;
        let limits = limits().await?;
        // The lounge's spaces are public; without them the place is typed in words.
        let spaces = list_spaces().await.ok();
        Ok::<_, ApiFailure>((hours, limits, spaces))
    });
    html! {
        <>
            <h1>{ "My office hours" }</h1>
            { mentor_nav() }
            { fetch_view(&loaded, "Loading your office hours…", |(hours, limits, spaces)| html! {
                <>
                    <section aria-labelledby="office-hours-heading">
                        <h2 id="office-hours-heading">{ "When and where" }</h2>
                        <OfficeHoursForm hours={hours.clone()} spaces={spaces.clone()} />
                    </section>
                    <section aria-labelledby="limits-heading">
                        <h2 id="limits-heading">{ "Your limits" }</h2>
                        <LimitsForm limits={limits.clone()} />
                    </section>
                </>
            }) }
        </>
    }
}
