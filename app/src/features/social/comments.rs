//! The comments of an offer or a venue, under its page: the list (newest or most
//! helpful first, 20 a page, the order and page in the address so that links and the
//! back button keep them), the form to write one with a rating, and on each comment
//! what its viewer may do (edit for 15 minutes, delete, mark helpful, report, answer).

use super::api::{
    DeleteComment, EditComment, MarkHelpful, PostComment, ReplyComment, ReportComment,
    list_comments,
};
use super::dto::{About, CommentView, CommentsView};
use super::text::CommentBody;
use crate::components::ErrorView;
use crate::components::form::{BUTTON, back_to};
use crate::i18n::td_string;
use crate::lang::use_locale;
use domain::social::comment::CommentOrder;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
struct Actions {
    post: ServerAction<PostComment>,
    edit: ServerAction<EditComment>,
    delete: ServerAction<DeleteComment>,
    helpful: ServerAction<MarkHelpful>,
    report: ServerAction<ReportComment>,
    reply: ServerAction<ReplyComment>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            post: ServerAction::new(),
            edit: ServerAction::new(),
            delete: ServerAction::new(),
            helpful: ServerAction::new(),
            report: ServerAction::new(),
            reply: ServerAction::new(),
        }
    }

    /// Changes whenever one of them is done: the list is read again.
    fn version(self) -> usize {
        self.post.version().get()
            + self.edit.version().get()
            + self.delete.version().get()
            + self.helpful.version().get()
            + self.report.version().get()
            + self.reply.version().get()
    }
}

/// The address of a page of comments in an order, on the page that shows them.
fn comments_link(order: CommentOrder, page: u32) -> String {
    let mut query = Vec::new();
    if let Some(order) = order.query() {
        query.push(format!("tri={order}"));
    }
    if page > 1 {
        query.push(format!("avis={page}"));
    }
    format!("?{}#avis", query.join("&"))
}

#[component]
pub fn Comments(about: About, id: i64) -> impl IntoView {
    let actions = Actions::new();
    let query = use_query_map();
    let comments = Resource::new(
        move || {
            let query = query.get();
            let order = CommentOrder::from_query(query.get("tri").as_deref());
            let page = query.get("avis").and_then(|p| p.parse::<u32>().ok());
            (actions.version(), order, page)
        },
        move |(_, order, page)| list_comments(about, id, Some(order), page),
    );
    view! {
        <section id="avis" class="mt-8 scroll-mt-4" aria-labelledby="comments-title" data-testid="comments">
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        comments.await.map(|list| view! { <CommentList list about id actions/> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

fn error_of<T>(
    action: ServerAction<T>,
) -> impl Fn() -> Option<String> + Send + Sync + Clone + 'static
where
    T: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Send + Sync + Clone + 'static,
    T::Output: Send + Sync + Clone + 'static,
{
    let locale = use_locale();
    move || crate::components::form::last_error(action).map(|e| e.message(locale))
}

#[component]
fn RatingSelect(id: String, #[prop(optional)] selected: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <select id=id name="rating" class="rounded-lg border border-gray-300 px-2 py-1">
            <option value="">"—"</option>
            {(1..=5).rev().map(|rating| view! { <option value=rating selected=selected == Some(rating)>{td_string!(locale, social.out_of_five, rating).to_string()}</option> }).collect_view()}
        </select>
    }
}

#[component]
fn CommentList(list: CommentsView, about: About, id: i64, actions: Actions) -> impl IntoView {
    let locale = use_locale();
    let can_reply = list.can_reply;
    let can_mark = list.can_post;
    let post = actions.post;
    let (order, page) = (list.order, list.page);
    let tab = move |this: CommentOrder, label: &'static str| {
        let current = this == order;
        view! {
            <a href=comments_link(this, 1) aria-current=current.then_some("true")
                class=if current { "rounded-full bg-violet-700 px-3 py-1 text-white" } else { "rounded-full px-3 py-1 text-violet-800 ring-1 ring-violet-200" }>
                {label}
            </a>
        }
    };
    let what = match about {
        About::Offer => td_string!(locale, social.about_offer),
        About::Venue => td_string!(locale, social.about_venue),
    };
    view! {
        <h2 id="comments-title" class="text-lg font-bold text-gray-900">
            {let count = list.count; td_string!(locale, social.reviews, count).to_string()}
            {list.average.clone().map(|a| view! { <span class="ml-2 text-base font-medium text-amber-700" data-testid="average-rating">{format!("★ {a}")}</span> })}
        </h2>
        {list.can_post.then(|| view! {
            <ActionForm action=post attr:class="mt-3 space-y-2" attr:data-testid="comment-form">
                <input type="hidden" name="about" value=about.as_str()/>
                <input type="hidden" name="id" value=id/>
                <label for="comment-body" class="sr-only">{td_string!(locale, social.your_review)}</label>
                <textarea id="comment-body" name="body" rows="3" maxlength="1000" required placeholder=what
                    class="w-full rounded-lg border border-gray-300 px-3 py-2"></textarea>
                <div class="flex flex-wrap items-center gap-3">
                    <label for="comment-rating" class="text-sm text-gray-700">{td_string!(locale, social.rating)}</label>
                    <RatingSelect id="comment-rating".to_owned()/>
                    <button type="submit" class=BUTTON formaction={back_to::<PostComment>("avis")}
                        disabled=move || post.pending().get()>{td_string!(locale, social.publish)}</button>
                </div>
                <p class="text-sm text-red-700" role="alert" data-testid="comment-error">{error_of(post)}</p>
            </ActionForm>
        })}
        <p class="text-sm text-red-700" role="alert" data-testid="comment-action-error">
            {error_of(actions.edit)}{error_of(actions.helpful)}{error_of(actions.report)}{error_of(actions.reply)}{error_of(actions.delete)}
        </p>
        {(list.count > 1).then(|| view! {
            <nav class="mt-3 flex gap-2 text-sm font-medium" aria-label=td_string!(locale, social.order)>
                {tab(CommentOrder::Newest, td_string!(locale, social.newest))}
                {tab(CommentOrder::Helpful, td_string!(locale, social.most_helpful))}
            </nav>
        })}
        {if list.comments.is_empty() {
            let empty = if list.count == 0 { td_string!(locale, social.no_review_yet) } else { td_string!(locale, social.no_other_review) };
            view! { <p class="mt-3 text-gray-600">{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="mt-3 space-y-3">
                    {list.comments.into_iter().map(|comment| view! { <CommentItem comment can_reply can_mark actions/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <nav class="mt-3 flex justify-between text-sm font-medium" aria-label=td_string!(locale, social.review_pages)>
            {(page > 1).then(|| view! { <a href=comments_link(order, page - 1) class="text-violet-800 underline">{td_string!(locale, social.previous_reviews)}</a> })}
            <span></span>
            {list.has_next.then(|| view! { <a href=comments_link(order, page + 1) class="text-violet-800 underline" data-testid="more-comments">{td_string!(locale, social.more_reviews)}</a> })}
        </nav>
    }
}

#[component]
fn CommentItem(
    comment: CommentView,
    can_reply: bool,
    can_mark: bool,
    actions: Actions,
) -> impl IntoView {
    let id = comment.id;
    let (edit, delete, helpful, report, reply) = (
        actions.edit,
        actions.delete,
        actions.helpful,
        actions.report,
        actions.reply,
    );
    let locale = use_locale();
    let answered = comment.reply.is_some();
    let rating = comment.rating;
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="comment">
            <p class="flex flex-wrap items-center gap-2 text-sm text-gray-600">
                <span class="font-semibold text-gray-900">{comment.author.clone()}</span>
                {comment.badge.clone().map(|b| view! { <span class="rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-800" data-testid="comment-badge">{b}</span> })}
                {rating.map(|rating| view! { <span class="text-amber-700" aria-label=td_string!(locale, social.stars, rating).to_string()>{"★".repeat(rating as usize)}</span> })}
                <span>{comment.date.clone()}{comment.edited.then_some(td_string!(locale, social.edited))}</span>
            </p>
            <CommentBody body=comment.body.clone()/>
            {comment.reply.clone().map(|body| view! {
                <div class="mt-3 rounded-lg bg-violet-50 p-3" data-testid="comment-reply">
                    <p class="text-xs font-semibold uppercase tracking-wide text-violet-800">{td_string!(locale, social.venue_reply)}</p>
                    <CommentBody body/>
                </div>
            })}
            <div class="mt-2 flex flex-wrap items-start gap-3 text-sm">
                {if can_mark && !comment.mine {
                    view! {
                        <ActionForm action=helpful>
                            <input type="hidden" name="comment_id" value=id/>
                            <button type="submit" formaction={back_to::<MarkHelpful>("avis")} aria-pressed=if comment.marked_helpful { "true" } else { "false" } data-testid="helpful"
                                class=if comment.marked_helpful { "rounded-full bg-violet-100 px-2 py-0.5 font-medium text-violet-900" } else { "rounded-full px-2 py-0.5 text-gray-700 ring-1 ring-gray-300" }>
                                {let count = comment.helpful; td_string!(locale, social.helpful, count).to_string()}
                            </button>
                        </ActionForm>
                    }.into_any()
                } else {
                    (comment.helpful > 0).then(|| view! {
                        <span class="text-gray-600" data-testid="helpful-count">{let count = comment.helpful; td_string!(locale, social.found_helpful, count).to_string()}</span>
                    }).into_any()
                }}
                {comment.editable.clone().map(|text| view! {
                    <details data-testid="edit-comment">
                        <summary class="cursor-pointer text-gray-600 underline">{td_string!(locale, social.edit)}</summary>
                        <ActionForm action=edit attr:class="mt-1 space-y-2">
                            <input type="hidden" name="comment_id" value=id/>
                            <label for=format!("edit-{id}") class="sr-only">{td_string!(locale, social.your_review)}</label>
                            <textarea id=format!("edit-{id}") name="body" rows="3" maxlength="1000" required
                                class="w-full rounded-lg border border-gray-300 px-3 py-2"
                                inner_html=crate::components::textarea_content(&text)></textarea>
                            <div class="flex items-center gap-2">
                                <label for=format!("edit-rating-{id}") class="text-gray-700">{td_string!(locale, social.rating)}</label>
                                <RatingSelect id=format!("edit-rating-{id}") selected=rating.unwrap_or(0)/>
                                <button type="submit" formaction={back_to::<EditComment>("avis")} class="rounded bg-violet-700 px-2 py-1 text-white">{td_string!(locale, social.save)}</button>
                            </div>
                        </ActionForm>
                    </details>
                })}
                {comment.mine.then(|| view! {
                    <ActionForm action=delete>
                        <input type="hidden" name="comment_id" value=id/>
                        <button type="submit" formaction={back_to::<DeleteComment>("avis")} class="text-gray-600 underline">{td_string!(locale, social.delete)}</button>
                    </ActionForm>
                })}
                {(!comment.mine).then(|| view! {
                    <details>
                        <summary class="cursor-pointer text-gray-600 underline">{td_string!(locale, social.report)}</summary>
                        <ActionForm action=report attr:class="mt-1 flex gap-2">
                            <input type="hidden" name="comment_id" value=id/>
                            <label for=format!("reason-{id}") class="sr-only">{td_string!(locale, social.report_reason)}</label>
                            <input id=format!("reason-{id}") name="reason" required placeholder=td_string!(locale, social.report_reason_example) class="rounded border border-gray-300 px-2 py-1"/>
                            <button type="submit" formaction={back_to::<ReportComment>("avis")} class="rounded bg-gray-800 px-2 py-1 text-white">{td_string!(locale, social.send)}</button>
                        </ActionForm>
                    </details>
                })}
                {(can_reply && !answered).then(|| view! {
                    <details>
                        <summary class="cursor-pointer text-violet-800 underline">{td_string!(locale, social.reply_as_venue)}</summary>
                        <ActionForm action=reply attr:class="mt-1 flex gap-2">
                            <input type="hidden" name="comment_id" value=id/>
                            <label for=format!("reply-{id}") class="sr-only">{td_string!(locale, social.reply)}</label>
                            <input id=format!("reply-{id}") name="body" required class="grow rounded border border-gray-300 px-2 py-1"/>
                            <button type="submit" formaction={back_to::<ReplyComment>("avis")} class="rounded bg-violet-700 px-2 py-1 text-white">{td_string!(locale, social.publish_reply)}</button>
                        </ActionForm>
                    </details>
                })}
            </div>
        </li>
    }
}
