"""What the status check (records/status_check.py) may say about an expression
of interest: the stage the person would recognise, and its dates. Never which
opportunity it was, nor anything they told us: the reference may be read by
someone looking over their shoulder."""

from records.status_check import ReferenceKind, StatusReport, status_changed_on

from .expressions_of_interest import ExpressionOfInterest

Status = ExpressionOfInterest.Status

RECEIVED = "Received"
WILL_CONTACT = "Someone will contact you"
PASSED_ON = "Passed on"
CLOSED = "Closed"

# The team's statuses, in the four stages people see, with what each means.
STAGES = {
    Status.NEW: RECEIVED,
    Status.CONTACTED: WILL_CONTACT,
    Status.TAKING_PART: PASSED_ON,
    Status.NOT_TAKEN_FORWARD: CLOSED,
    Status.WITHDRAWN: CLOSED,
}
STAGE_EXPLANATIONS = {
    RECEIVED: "We have your details. Someone from the Involvement team will look at them soon.",
    WILL_CONTACT: "The Involvement team has picked this up. Someone will contact you the way you asked, "
    "if they have not already.",
    PASSED_ON: "We have passed your interest on to the people running the opportunity. They will be in touch "
    "about taking part.",
    CLOSED: "We have finished with this one. If you want to know more, or to try something else, get in touch.",
}


def expression_of_interest_status(reference):
    record = (
        ExpressionOfInterest.objects.only("reference", "status", "created_at", "is_safeguarding_concern")
        .filter(reference=reference)
        .first()
    )
    if record is None:
        return None
    stage = STAGES[record.status]
    dates = [("Received", record.created_at)]
    if stage != RECEIVED:
        dates.append(("Reached this stage", status_changed_on(record) or record.created_at))
    return StatusReport(
        reference=record.reference,
        kind="Expression of interest",
        stage=stage,
        explanation=STAGE_EXPLANATIONS[stage],
        dates=tuple(dates),
        safeguarding=record.is_safeguarding_concern,
    )


EXPRESSION_OF_INTEREST_REFERENCES = ReferenceKind(
    prefix=ExpressionOfInterest.REFERENCE_PREFIX, noun="expression of interest", find=expression_of_interest_status
)
