//! Mounts the manage page (`frontend/manage.html`, served at `/manage`).

fn main() {
    yew::Renderer::<frontend::widget::ManageApp>::new().render();
}
