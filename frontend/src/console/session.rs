//! Who is signed in to the staff console, shared through context. The provider asks
//! `/api/auth/me` on start, and listens for a 401 from any request afterwards: that
//! means the session ended (it expired, was signed out elsewhere, or the password
//! changed), and every guarded page sends the person back to sign-in.

use std::rc::Rc;

use shared::StaffUser;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{self, auth, ApiFailure};

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Asking the server whether the session cookie still holds.
    Checking,
    /// We could not ask (offline, server down); "Try again" asks again.
    CheckFailed(ApiFailure),
    SignedOut,
    /// The person was signed in and the server has since said the session is over.
    Ended,
    SignedIn(StaffUser),
}

/// What happened to the session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEvent {
    /// The answer to "who am I?".
    Checked(Result<Option<StaffUser>, ApiFailure>),
    /// Ask the server again.
    Recheck,
    SignedIn(StaffUser),
    SignedOut,
    /// Some request was answered 401.
    Unauthorized,
}

impl Reducible for Session {
    type Action = SessionEvent;

    fn reduce(self: Rc<Self>, event: SessionEvent) -> Rc<Self> {
        let next = match event {
            SessionEvent::Checked(Ok(Some(user))) | SessionEvent::SignedIn(user) => {
                Self::SignedIn(user)
            }
            SessionEvent::Checked(Ok(None)) if matches!(*self, Self::SignedIn(_) | Self::Ended) => {
                Self::Ended
            }
            SessionEvent::Checked(Ok(None)) | SessionEvent::SignedOut => Self::SignedOut,
            SessionEvent::Checked(Err(failure)) => Self::CheckFailed(failure),
            SessionEvent::Recheck => Self::Checking,
            // A 401 while signed out is a wrong password or the check itself: no news.
            SessionEvent::Unauthorized => match *self {
                Self::SignedIn(_) => Self::Ended,
                _ => return self,
            },
        };
        Rc::new(next)
    }
}

/// The session and a way to report what happens to it.
#[derive(Clone, PartialEq)]
pub struct SessionHandle {
    session: UseReducerHandle<Session>,
}

impl SessionHandle {
    pub fn state(&self) -> &Session {
        &self.session
    }

    pub fn user(&self) -> Option<&StaffUser> {
        match &*self.session {
            Session::SignedIn(user) => Some(user),
            _ => None,
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.user().is_some()
    }

    pub fn report(&self, event: SessionEvent) {
        self.session.dispatch(event);
    }

    /// Asks the server again without leaving the current page, e.g. after an admin
    /// changed their own roles.
    pub fn refresh(&self) {
        let session = self.session.dispatcher();
        spawn_local(async move {
            session.dispatch(SessionEvent::Checked(auth::current_user().await));
        });
    }

    /// A callback that reports `event`, e.g. `Recheck` for a "Try again" button.
    pub fn reporter(&self, event: SessionEvent) -> Callback<()> {
        let session = self.session.dispatcher();
        Callback::from(move |()| session.dispatch(event.clone()))
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let session = use_reducer(|| Session::Checking);

    // Ask the server rather than trust memory: the cookie may have expired. Runs on
    // start and whenever the state returns to `Checking`.
    let checking = *session == Session::Checking;
    {
        let session = session.dispatcher();
        use_effect_with(checking, move |&checking| {
            if checking {
                spawn_local(async move {
                    session.dispatch(SessionEvent::Checked(auth::current_user().await));
                });
            }
        });
    }
    {
        let session = session.dispatcher();
        use_effect_with((), move |()| {
            let listener = api::listen_for_unauthorized(move || {
                session.dispatch(SessionEvent::Unauthorized);
            });
            move || drop(listener)
        });
    }

    html! {
        <ContextProvider<SessionHandle> context={SessionHandle { session }}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The current session. Must be called below a [`SessionProvider`], which the console's
/// `App` puts around everything; anything else is a programming error.
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("use_session needs a <SessionProvider> above it")
}
