//! Mounts the staff console (`frontend/console.html`, served under `/staff`).

fn main() {
    yew::Renderer::<frontend::console::App>::new().render();
}
