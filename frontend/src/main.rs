//! Mounts the Peer Lounge app on the page; everything else lives in the library.

fn main() {
    yew::Renderer::<frontend::App>::new().render();
}
