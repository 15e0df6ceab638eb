"""The expression of interest journey, served by routes on OpportunityPage
(never cached: the form carries a CSRF token, the confirmation a reference)."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse

from home.subpages import subpage_url
from records.contact import ContactMethod
from records.models import Channel
from records.notifications import notify_involvement_team, send_acknowledgement
from records.status_check import status_check_url
from records.submissions import confirmed_reference, handle_submission

from .expressions_of_interest import ExpressionOfInterest
from .forms import ExpressionOfInterestForm


def closed_response(request, opportunity):
    """Offered instead of the form once the closing date has passed, for GET
    and POST alike, so nothing is ever stored for a closed opportunity."""
    return TemplateResponse(
        request, "opportunities/opportunity_closed.html", opportunity.get_context(request), status=410
    )


def express_interest(request, opportunity):
    if not opportunity.is_open:
        return closed_response(request, opportunity)

    if request.method == "POST":
        form = ExpressionOfInterestForm(request.POST)

        def save(form):
            record = form.save(commit=False)
            record.opportunity = opportunity
            record.channel = Channel.WEBSITE
            record.save()
            notify_involvement_team(record, what="New expression of interest", request=request)
            if record.contact_method == ContactMethod.EMAIL:
                send_acknowledgement(
                    record,
                    to=record.email,
                    subject="We have your expression of interest",
                    template="opportunities/emails/acknowledgement.txt",
                    request=request,
                )
            return record

        response = handle_submission(
            request,
            form,
            model=ExpressionOfInterest,
            save=save,
            confirmation_url=subpage_url(request, opportunity, "express_interest_sent"),
        )
        if response is not None:
            return response
    else:
        form = ExpressionOfInterestForm()

    return TemplateResponse(
        request, "opportunities/express_interest.html", {**opportunity.get_context(request), "form": form}
    )


def express_interest_sent(request, opportunity):
    confirmation_url = subpage_url(request, opportunity, "express_interest_sent")
    reference = confirmed_reference(request, confirmation_url)
    if reference is None:
        return redirect(subpage_url(request, opportunity, "express_interest"))
    return TemplateResponse(
        request,
        "opportunities/express_interest_sent.html",
        {**opportunity.get_context(request), "reference": reference, "check_url": status_check_url(reference)},
    )
