//! Text that goes where the framework does not escape it.
//!
//! leptos 0.8 (tachys 0.2.19, leptos_meta 0.8.7) writes two kinds of text into the
//! server-rendered HTML as they are: the document's `<title>` (leptos_meta pushes the
//! string between `<title>` and `</title>`) and the children of `<textarea>` (tachys
//! declares the element's children unescaped, like `<script>`'s). A partner's offer
//! title `</title><img src=x onerror=...>` or a description `</textarea><script>...`
//! then became markup for every visitor. Both are "escapable raw text" in HTML: entities
//! are decoded there, so escaping `&`, `<` and `>` shows the text exactly as typed.
//! README ("Notes for upstream") has the minimal reproduction.

/// The formatter of every page title (set once on the root `<Title>`): escaped for the
/// server-rendered `<head>`; in the browser the title is set as text (`document.title`),
/// which must not be escaped.
pub fn title_for_head(text: String) -> String {
    if cfg!(feature = "ssr") {
        html_escape::encode_text(&text).into_owned()
    } else {
        text
    }
}

/// The content of a `<textarea>`, for its `inner_html`: escaped, so that the server's
/// HTML and the browser's `innerHTML` (parsed as the textarea's raw text, entities
/// decoded) both give back exactly `text`.
pub fn textarea_content(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_textarea_cannot_be_closed_by_its_content() {
        assert_eq!(
            textarea_content("</textarea><script>alert(1)</script> & co"),
            "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
        );
    }
}
