//! The comments of an offer, under its page: the list (newest first, with the author's
//! badge and the venue's answer), the form to write one with a rating, and on each
//! comment the actions its viewer may take (delete, report, answer).

use super::api::{DeleteComment, PostComment, ReplyComment, ReportComment, offer_comments};
use super::dto::{CommentView, CommentsView};
use super::text::CommentBody;
use crate::components::ErrorView;
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Actions {
    post: ServerAction<PostComment>,
    delete: ServerAction<DeleteComment>,
    report: ServerAction<ReportComment>,
    reply: ServerAction<ReplyComment>,
}

#[component]
pub fn Comments(offer_id: i64) -> impl IntoView {
    let actions = Actions {
        post: ServerAction::new(),
        delete: ServerAction::new(),
        report: ServerAction::new(),
        reply: ServerAction::new(),
    };
    let comments = Resource::new(
        move || {
            actions.post.version().get()
                + actions.delete.version().get()
                + actions.report.version().get()
                + actions.reply.version().get()
        },
        move |_| offer_comments(offer_id, None),
    );
    view! {
        <section class="mt-8" aria-labelledby="comments-title" data-testid="comments">
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=|errors| view! { <ErrorView errors/> }>
                    {move || Suspend::new(async move {
                        comments.await.map(|list| view! { <CommentList list offer_id actions/> })
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
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| e.to_string())
    }
}

#[component]
fn CommentList(list: CommentsView, offer_id: i64, actions: Actions) -> impl IntoView {
    let can_reply = list.can_reply;
    let post = actions.post;
    view! {
        <h2 id="comments-title" class="text-lg font-bold text-gray-900">
            {format!("Avis ({})", list.count)}
            {list.average.clone().map(|a| view! { <span class="ml-2 text-base font-medium text-amber-700" data-testid="average-rating">{format!("★ {a}")}</span> })}
        </h2>
        {list.can_post.then(|| view! {
            <ActionForm action=post attr:class="mt-3 space-y-2" attr:data-testid="comment-form">
                <input type="hidden" name="offer_id" value=offer_id/>
                <label for="comment-body" class="sr-only">"Ton avis"</label>
                <textarea id="comment-body" name="body" rows="3" maxlength="1000" required
                    placeholder="Ton avis sur cette offre (3 à 1 000 caractères)"
                    class="w-full rounded-lg border border-gray-300 px-3 py-2"></textarea>
                <div class="flex flex-wrap items-center gap-3">
                    <label for="comment-rating" class="text-sm text-gray-700">"Note"</label>
                    <select id="comment-rating" name="rating" class="rounded-lg border border-gray-300 px-2 py-1">
                        <option value="">"—"</option>
                        {(1..=5).rev().map(|n| view! { <option value=n>{format!("{n} / 5")}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="rounded-lg bg-violet-700 px-4 py-2 font-semibold text-white disabled:opacity-50"
                        disabled=move || post.pending().get()>"Publier"</button>
                </div>
                <p class="text-sm text-red-700" role="alert" data-testid="comment-error">{error_of(post)}</p>
            </ActionForm>
        })}
        <p class="text-sm text-red-700" role="alert">{error_of(actions.report)}{error_of(actions.reply)}{error_of(actions.delete)}</p>
        {if list.comments.is_empty() {
            view! { <p class="mt-3 text-gray-600">"Pas encore d'avis."</p> }.into_any()
        } else {
            view! {
                <ul class="mt-3 space-y-3">
                    {list.comments.into_iter().map(|comment| view! { <CommentItem comment can_reply actions/> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn CommentItem(comment: CommentView, can_reply: bool, actions: Actions) -> impl IntoView {
    let id = comment.id;
    let (delete, report, reply) = (actions.delete, actions.report, actions.reply);
    let answered = comment.reply.is_some();
    view! {
        <li class="rounded-xl bg-white p-4 ring-1 ring-gray-200" data-testid="comment">
            <p class="flex flex-wrap items-center gap-2 text-sm text-gray-600">
                <span class="font-semibold text-gray-900">{comment.author.clone()}</span>
                {comment.badge.clone().map(|b| view! { <span class="rounded-full bg-green-100 px-2 py-0.5 text-xs font-semibold text-green-800" data-testid="comment-badge">{b}</span> })}
                {comment.rating.map(|r| view! { <span class="text-amber-700" aria-label=format!("{r} sur 5")>{"★".repeat(r as usize)}</span> })}
                <span>{comment.date.clone()}{comment.edited.then_some(" · modifié")}</span>
            </p>
            <CommentBody body=comment.body.clone()/>
            {comment.reply.clone().map(|body| view! {
                <div class="mt-3 rounded-lg bg-violet-50 p-3" data-testid="comment-reply">
                    <p class="text-xs font-semibold uppercase tracking-wide text-violet-800">"Réponse du lieu"</p>
                    <CommentBody body/>
                </div>
            })}
            <div class="mt-2 flex flex-wrap gap-3 text-sm">
                {comment.mine.then(|| view! {
                    <ActionForm action=delete>
                        <input type="hidden" name="comment_id" value=id/>
                        <button type="submit" class="text-gray-600 underline">"Supprimer"</button>
                    </ActionForm>
                })}
                {(!comment.mine).then(|| view! {
                    <details>
                        <summary class="cursor-pointer text-gray-600 underline">"Signaler"</summary>
                        <ActionForm action=report attr:class="mt-1 flex gap-2">
                            <input type="hidden" name="comment_id" value=id/>
                            <label for=format!("reason-{id}") class="sr-only">"Raison du signalement"</label>
                            <input id=format!("reason-{id}") name="reason" required placeholder="Raison (insulte, spam…)" class="rounded border border-gray-300 px-2 py-1"/>
                            <button type="submit" class="rounded bg-gray-800 px-2 py-1 text-white">"Envoyer"</button>
                        </ActionForm>
                    </details>
                })}
                {(can_reply && !answered).then(|| view! {
                    <details>
                        <summary class="cursor-pointer text-violet-800 underline">"Répondre au nom du lieu"</summary>
                        <ActionForm action=reply attr:class="mt-1 flex gap-2">
                            <input type="hidden" name="comment_id" value=id/>
                            <label for=format!("reply-{id}") class="sr-only">"Réponse"</label>
                            <input id=format!("reply-{id}") name="body" required class="grow rounded border border-gray-300 px-2 py-1"/>
                            <button type="submit" class="rounded bg-violet-700 px-2 py-1 text-white">"Publier la réponse"</button>
                        </ActionForm>
                    </details>
                })}
            </div>
        </li>
    }
}
