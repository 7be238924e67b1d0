//! A comment's text as shown: plain text (escaped by Leptos, line breaks kept) and
//! links to allowed sites, which open elsewhere and carry no endorsement.

use domain::social::comment::Segment;
use leptos::prelude::*;

#[component]
pub fn CommentBody(body: Vec<Segment>) -> impl IntoView {
    view! {
        <p class="mt-1 whitespace-pre-line break-words text-gray-800" data-testid="comment-body">
            {body.into_iter().map(|segment| match segment {
                Segment::Text(text) => text.into_any(),
                Segment::Link(href) => {
                    let label = href.clone();
                    view! {
                        <a href=href target="_blank" rel="nofollow noopener ugc" class="text-violet-800 underline">{label}</a>
                    }.into_any()
                }
            }).collect_view()}
        </p>
    }
}
