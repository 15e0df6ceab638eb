"""The public journeys behind SuggestionPage and FormPage routes. Each takes
the page it is served from; the routes (and never_cache) are on the models."""

from django.shortcuts import redirect

from home.subpages import subpage_url
from records.contact import ContactMethod
from records.notifications import notify_involvement_team, send_acknowledgement
from records.status_check import status_check_url
from records.submissions import confirmed_reference, handle_submission

from .forms import SuggestionForm
from .suggestion_box import Suggestion, SuggestionTopic

# --- Suggestion box -----------------------------------------------------------


def suggestion_form(request, page):
    if request.method == "POST":
        form = SuggestionForm(request.POST)
        response = handle_submission(
            request,
            form,
            model=Suggestion,
            save=lambda valid_form: save_suggestion(request, page, valid_form),
            confirmation_url=subpage_url(request, page, "sent"),
        )
        if response is not None:
            return response
    else:
        form = SuggestionForm(initial={"topic": topic_asked_for(request)})
    return page.render(request, context_overrides={"form": form})


def topic_asked_for(request):
    """?topic=policy (a link from a leaflet or page) opens the form with that
    topic chosen, if it is one; without it, no query."""
    # A NUL never appears in a slug, and PostgreSQL refuses it in a query.
    slug = request.GET.get("topic", "").replace("\x00", "")
    return SuggestionTopic.objects.filter(slug=slug).first() if slug else None


def save_suggestion(request, page, form):
    suggestion = form.save()
    notify_involvement_team(suggestion, what="A new suggestion", request=request)
    if suggestion.wants_reply and suggestion.contact_method == ContactMethod.EMAIL:
        send_acknowledgement(
            suggestion,
            to=suggestion.email,
            subject="We have your suggestion",
            template="suggestions/emails/acknowledgement.txt",
            request=request,
            extra_context={"check_url": request.build_absolute_uri(status_check_url(suggestion.reference))},
        )
    return suggestion


REPLY_PROMISES = {
    ContactMethod.EMAIL: "We will reply by email.",
    ContactMethod.PHONE: "We will reply by phone.",
    ContactMethod.TEXT: "We will reply by text message.",
    ContactMethod.POST: "We will reply by letter.",
    ContactMethod.SUPPORT_WORKER: "We will reply through your support worker.",
}
STAYED_ANONYMOUS = "You chose to stay anonymous, so we will not reply to you."


def reply_promise(reference):
    """What the confirmation page says about a reply, in plain words: only the
    way they chose, never the detail itself."""
    choice = Suggestion.objects.filter(reference=reference).values("wants_reply", "contact_method").first()
    if not choice or not choice["wants_reply"]:
        return STAYED_ANONYMOUS
    return REPLY_PROMISES.get(choice["contact_method"], "We will reply the way you chose.")


def confirmation(request, page):
    reference = confirmed_reference(request, subpage_url(request, page, "sent"))
    if reference is None:
        return redirect(page.get_url(request))
    promise = reply_promise(reference)
    return page.render(
        request,
        template="suggestions/suggestion_page_sent.html",
        context_overrides={
            "reference": reference,
            "reply_promise": promise,
            "will_reply": promise != STAYED_ANONYMOUS,
            "check_url": status_check_url(reference),
        },
    )


def old_status_check(request, page):
    """The check used to live here, and emails and printouts still link to it."""
    return redirect(status_check_url(request.GET.get("reference")))


# --- Surveys and feedback forms -------------------------------------------------


def survey_form(request, page):
    availability = page.availability()
    if availability != "open":
        # The form is not shown, and answers sent anyway are refused, unsaved.
        response = page.render(
            request, context_overrides={"availability": availability, "refused": request.method == "POST"}
        )
        response.status_code = 403 if request.method == "POST" else 200
        return response
    if request.method == "POST":
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        response = handle_submission(
            request,
            form,
            model=page.get_submission_class(),
            save=page.process_form_submission,
            confirmation_url=subpage_url(request, page, "thank_you"),
        )
        if response is not None:
            return response
    else:
        form = page.get_form(page=page, user=request.user)
    return page.render(request, context_overrides={"form": form, "availability": availability})


def survey_thank_you(request, page):
    if confirmed_reference(request, subpage_url(request, page, "thank_you")) is None:
        return redirect(page.get_url(request))
    return page.render_landing_page(request)
