//! Who is signed in to the staff console, shared through context. Young people never
//! have a session; the staff page fills this in after asking `/api/auth/me`.

use shared::StaffUser;
use yew::prelude::*;

/// The signed-in staff member, if any, and a way to change it.
#[derive(Clone, PartialEq)]
pub struct SessionHandle {
    user: UseStateHandle<Option<StaffUser>>,
}

impl SessionHandle {
    pub fn user(&self) -> Option<&StaffUser> {
        self.user.as_ref()
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    /// Records the result of signing in, signing out or asking the server.
    pub fn set_user(&self, user: Option<StaffUser>) {
        self.user.set(user);
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let session = SessionHandle {
        user: use_state(|| None),
    };
    html! {
        <ContextProvider<SessionHandle> context={session}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The current session. Must be called below a [`SessionProvider`], which `App` sets up
/// around everything; anything else is a programming error.
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().expect("use_session needs a <SessionProvider> above it")
}
