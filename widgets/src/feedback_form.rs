//! The user-feedback widget: "rate this service" from 1 to 5 with an optional
//! comment, for the end of a transaction. Rules (range, comment length) come from core.
//!
//! The Worker renders the same form (`GET /v1/services/{slug}/feedback/form.html`)
//! and `embed.js` shows it while this widget's code loads; the widget takes
//! over the rating chosen, the comment written and the focus there.

use crate::api::{self, Api};
use crate::error_summary::{show_problems, ErrorSummary};
use crate::i18n::use_strings;
use crate::FirstPaint;
use leptos::prelude::*;
use servicekit_core::feedback::{self, FeedbackSubmission, MAX_COMMENT_CHARS};

/// The rating's first radio: where the error summary leads for a missing rating.
const RATING: &str = "sk-feedback-rating-1";
/// The comment box.
const COMMENT: &str = "sk-feedback-comment";
/// The rating's radio buttons' group.
const RATING_GROUP: &str = "sk-feedback-rating";

/// Asks the user to rate the service `slug` and sends the answer.
#[component]
pub fn FeedbackForm(
    /// The servicekit API, asked in the widget's language.
    api: Api,
    /// The service's slug.
    slug: String,
    /// The Worker's rendering of this form, if `embed.js` has shown it.
    first_paint: FirstPaint,
) -> impl IntoView {
    let t = use_strings();
    let given = first_paint.answers();
    let chosen =
        given.chosen.iter().find(|(name, _)| name == RATING_GROUP).and_then(|(_, v)| v.parse::<u8>().ok());
    let written = given.written.into_iter().find(|(id, _)| id == COMMENT).map(|(_, text)| text);
    let (rating, set_rating) = signal(chosen);
    let (comment, set_comment) = signal(written.unwrap_or_default());
    // Effects run once the form is drawn, before the next frame: it takes the first paint's place unseen.
    Effect::new(move |_| first_paint.hand_over());
    // Each problem with the element id of its field (the summary links to it) and its message.
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let (failure, set_failure) = signal(None::<String>);
    let (sending, set_sending) = signal(false);
    let (sent, set_sent) = signal(false);
    let summary = NodeRef::<leptos::html::Div>::new();

    let error_for = move |field: &'static str| {
        move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, message)| message.clone()))
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        set_failure.set(None);
        let submission = FeedbackSubmission {
            rating: rating.get_untracked().unwrap_or(0),
            comment: comment.get_untracked(),
        };
        let problems: Vec<(&'static str, String)> = feedback::validate(&submission)
            .into_iter()
            .map(|p| match p.pointer.as_str() {
                "/rating" => (RATING, t.feedback_choose.clone()),
                _ => {
                    let over = submission.comment.chars().count().saturating_sub(MAX_COMMENT_CHARS);
                    (COMMENT, t.feedback_too_long.count(t.lang, over as u64))
                }
            })
            .collect();
        if show_problems(errors, summary, problems) {
            return;
        }
        set_sending.set(true);
        let (api, slug) = (api.clone(), slug.clone());
        leptos::task::spawn_local_scoped(async move {
            match api::send_feedback(&api, &slug, &submission).await {
                Ok(()) => set_sent.set(true),
                Err(failure) => set_failure.set(Some(failure.message(&t.feedback_unreachable))),
            }
            set_sending.set(false);
        });
    };

    let radios = t
        .feedback_ratings
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let value = (i + 1) as u8;
            let id = format!("sk-feedback-rating-{value}");
            view! {
                <div class="sk-radios__item">
                    <input
                        class="sk-radios__input"
                        type="radio"
                        name=RATING_GROUP
                        id=id.clone()
                        value=value.to_string()
                        prop:checked=move || rating.get() == Some(value)
                        on:change=move |_| {
                            set_rating.set(Some(value));
                            errors.update(|e| e.retain(|(f, _)| *f != RATING));
                        }
                    />
                    <label class="sk-label sk-radios__label" for=id>{label.clone()}</label>
                </div>
            }
        })
        .collect_view();

    let remaining = move || {
        let used = comment.with(|c| c.chars().count());
        if used > MAX_COMMENT_CHARS {
            t.feedback_too_long.count(t.lang, (used - MAX_COMMENT_CHARS) as u64)
        } else {
            t.feedback_remaining.count(t.lang, (MAX_COMMENT_CHARS - used) as u64)
        }
    };
    let rating_error = error_for(RATING);
    let comment_error = error_for(COMMENT);

    view! {
        <section class="sk-feedback" aria-labelledby="sk-feedback-legend">
            <div role="status">
                {move || sent.get().then(|| view! {
                    <div class="sk-panel" data-testid="sk-feedback-thanks">
                        <h2 class="sk-panel__title">{t.feedback_thanks_title.as_str()}</h2>
                        <p class="sk-body">{t.feedback_thanks_body.as_str()}</p>
                    </div>
                })}
            </div>
            <div hidden=move || sent.get()>
                <ErrorSummary problems=errors summary />
                {move || failure.get().map(|message| view! {
                    <div class="sk-error-summary" role="alert" data-testid="sk-error">
                        <p class="sk-body">{message}</p>
                    </div>
                })}
                <form novalidate on:submit=submit>
                    <div class="sk-form-group" class:sk-form-group--error=move || rating_error().is_some()>
                        <fieldset class="sk-fieldset" aria-describedby=move || rating_error().map(|_| "sk-feedback-rating-error")>
                            <legend class="sk-fieldset__legend" id="sk-feedback-legend">{t.feedback_legend.as_str()}</legend>
                            {move || rating_error().map(|message| view! {
                                <p class="sk-error-message" id="sk-feedback-rating-error">{message}</p>
                            })}
                            <div class="sk-radios">{radios}</div>
                        </fieldset>
                    </div>
                    <div class="sk-form-group" class:sk-form-group--error=move || comment_error().is_some()>
                        <label class="sk-label" for="sk-feedback-comment">{t.feedback_comment_label.as_str()}</label>
                        <p class="sk-hint" id="sk-feedback-comment-hint">{t.feedback_comment_hint.as_str()}</p>
                        {move || comment_error().map(|message| view! {
                            <p class="sk-error-message" id="sk-feedback-comment-error">{message}</p>
                        })}
                        <textarea
                            class="sk-textarea"
                            id="sk-feedback-comment"
                            rows="5"
                            aria-describedby=move || match comment_error().is_some() {
                                true => "sk-feedback-comment-hint sk-feedback-comment-error sk-feedback-comment-count",
                                false => "sk-feedback-comment-hint sk-feedback-comment-count",
                            }
                            prop:value=move || comment.get()
                            on:input=move |ev| set_comment.set(event_target_value(&ev))
                        ></textarea>
                        <p class="sk-hint" id="sk-feedback-comment-count">{remaining}</p>
                    </div>
                    <button type="submit" class="sk-button" disabled=move || sending.get()>
                        {move || if sending.get() { t.feedback_sending.as_str() } else { t.feedback_submit.as_str() }}
                    </button>
                </form>
            </div>
        </section>
    }
}
