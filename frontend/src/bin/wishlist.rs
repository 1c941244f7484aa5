//! Mounts the public wishlist (`frontend/wishlist.html`, served at `/wishlist`).

fn main() {
    yew::Renderer::<frontend::widget::WishlistApp>::new().render();
}
