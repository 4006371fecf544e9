//! Browser entry point: mounts the Keyholder app on the page body. Everything else lives in the library.

fn main() {
    yew::Renderer::<keyholder_app::App>::new().render();
}
