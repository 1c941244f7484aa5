//! Mounts the public widget; everything else lives in the library.

fn main() {
    yew::Renderer::<frontend::widget::App>::new().render();
}
