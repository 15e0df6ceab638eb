"""What the status check (records/status_check.py) may say about a suggestion."""

from records.status_check import ReferenceKind, StatusReport

from .suggestion_box import Suggestion


def suggestion_status(reference):
    suggestion = Suggestion.objects.for_status_check().filter(reference=reference).first()
    if suggestion is None:
        return None
    dates = [("Received", suggestion.created_at)]
    if suggestion.answered_at:
        dates.append(("Answered", suggestion.answered_at))
    return StatusReport(
        reference=suggestion.reference,
        kind="Suggestion",
        stage=suggestion.get_status_display(),
        explanation=suggestion.status_explanation,
        dates=tuple(dates),
        answer=suggestion.public_answer if suggestion.shows_public_answer else "",
        safeguarding=suggestion.is_safeguarding_concern,
    )


SUGGESTION_REFERENCES = ReferenceKind(prefix=Suggestion.REFERENCE_PREFIX, noun="suggestion", find=suggestion_status)
