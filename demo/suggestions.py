"""Demo content for "Have your say": topics, the suggestion box and "You said,
we did" pages, suggestions across every status and channel (six published,
one flagged and so never published although its box is ticked), and a Hub
opening hours survey. Safe to run again: it only adds what is missing."""

from datetime import timedelta

from django.utils import timezone

from records.contact import ContactMethod
from records.models import Channel
from suggestions.models import (
    FormField,
    FormPage,
    InvolvementFiguresPage,
    Suggestion,
    SuggestionPage,
    SuggestionTopic,
    YouSaidWeDidPage,
)

from .pages import days_from_today, ensure_child_page, refresh_child_page

Status = Suggestion.Status

TOPICS = [
    ("policy", "Our involvement policy"),
    ("the-hub", "The Lived Experience Hub"),
    ("forum", "The Service User Forum"),
    ("services", "Services and support"),
    ("training-and-events", "Training and events"),
    ("this-website", "This website"),
]

# (days ago received, days ago answered or None, topic slug, channel, status, text, public version,
#  public answer, publish, extra fields)
SUGGESTIONS = [
    (
        160,
        120,
        "the-hub",
        Channel.PAPER,
        Status.DONE,
        "The Hub shuts at 4 and most of us are at appointments or work in the day. Could it stay open later some "
        "nights?",
        "The Hub closes before a lot of people are free. Could it open later on some evenings?",
        "Since the spring the Hub stays open until 7pm on Tuesdays and Thursdays, with a peer volunteer there "
        "both nights.",
        True,
        {},
    ),
    (
        140,
        100,
        "forum",
        Channel.WEBSITE,
        Status.DONE,
        "At the Forum you get handed a pile of papers on the night and there is no time to read them before we "
        "vote on things.",
        "Forum papers arrive on the night, so there is no time to read them before decisions are made.",
        "Papers now go out a week before every Forum, with an Easy Read version, and the chair stops halfway "
        "through for a break and questions.",
        True,
        {},
    ),
    (
        130,
        75,
        "services",
        Channel.SUPPORT_WORKER,
        Status.PARTLY_DONE,
        "When I came out I had to tell my whole story again to every service I went to. It wears you down.",
        "People leaving prison have to repeat their story to every service they go to.",
        "Three partners now use one shared referral form, with the person's agreement, so you tell your story "
        "once. The other partners will decide this year whether to join in.",
        True,
        {},
    ),
    (
        110,
        80,
        "the-hub",
        Channel.TEXT,
        Status.CANT_DO,
        "Can the Hub give out free bus passes so people can get to meetings?",
        "Could the Hub give out free bus passes to help people get to meetings?",
        "We can't buy bus passes, because our funding does not allow it. What we have done instead: anyone coming "
        "to an involvement activity gets their fare paid back on the day, and reception keeps a list of local "
        "travel help schemes.",
        True,
        {},
    ),
    (
        90,
        40,
        "policy",
        Channel.DROP_IN,
        Status.DONE,
        "The involvement policy is really long and full of words nobody uses. I gave up halfway.",
        "The involvement policy is too long and uses too much jargon.",
        "Members of the reading group helped us write a plain English summary and an Easy Read version. Both are "
        "now on the policy page, and the full version is still there for anyone who wants it.",
        True,
        {},
    ),
    (
        70,
        20,
        "training-and-events",
        Channel.EMAIL,
        Status.DONE,
        "I only heard about the peer mentor training after it was full. Can you tell people sooner?",
        "People hear about training too late, after it is already full.",
        "Training dates now go in the monthly bulletin and on the Get involved page at least four weeks before "
        "they start, and we keep a waiting list for the next course.",
        True,
        {},
    ),
    (
        45,
        10,
        "services",
        Channel.PHONE,
        Status.DONE,
        "I do not feel safe at the night shelter because of another resident and staff did not seem to listen.",
        "People should feel safe at the night shelter and be listened to when they are not.",
        "We have reviewed how staff respond when someone says they feel unsafe.",
        True,
        {"is_safeguarding_concern": True, "internal_notes": "Passed to the safeguarding lead the same day."},
    ),
    (
        12,
        None,
        None,
        Channel.WEBSITE,
        Status.RECEIVED,
        "Could the Hub have somewhere to charge phones? Mine is always flat and it is how my worker reaches me.",
        "",
        "",
        False,
        {},
    ),
    (
        8,
        None,
        "training-and-events",
        Channel.WEBSITE,
        Status.RECEIVED,
        "Please could you run a cooking on a budget session? Lots of us have just moved into our own places.",
        "",
        "",
        False,
        {
            "wants_reply": True,
            "name": "Sam",
            "contact_method": ContactMethod.EMAIL,
            "email": "sam@example.org",
            "consent": True,
        },
    ),
    (
        30,
        None,
        "services",
        Channel.PHONE,
        Status.CONSIDERING,
        "Peer mentors should be paid for their time, not just get their expenses back.",
        "",
        "",
        False,
        {
            "wants_reply": True,
            "name": "Jay",
            "contact_method": ContactMethod.PHONE,
            "phone": "07700 900456",
            "consent": True,
        },
    ),
    (
        25,
        None,
        "policy",
        Channel.PAPER,
        Status.CONSIDERING,
        "The policy should say how long you will take to answer a suggestion.",
        "",
        "",
        False,
        {},
    ),
    (
        150,
        None,
        "the-hub",
        Channel.EMAIL,
        Status.CLOSED,
        "Open the Hub later in the evenings please.",
        "",
        "",
        False,
        {"internal_notes": "Same as the paper suggestion about evening opening; answered there."},
    ),
    (
        5,
        None,
        "the-hub",
        Channel.SUPPORT_WORKER,
        Status.RECEIVED,
        "More women-only sessions at the Hub, please. Some of us will not come when it is mixed.",
        "",
        "",
        False,
        {
            "wants_reply": True,
            "name": "A.",
            "contact_method": ContactMethod.SUPPORT_WORKER,
            "support_worker": "Chris, Women's Outreach Project",
            "consent": True,
        },
    ),
]

SURVEY_QUESTIONS = [
    {
        "label": "Which days do you usually come to the Hub?",
        "field_type": "checkboxes",
        "choices": "Monday\nTuesday\nWednesday\nThursday\nFriday\nSaturday\nI do not come at the moment",
        "help_text": "Tick all that apply.",
    },
    {
        "label": "When would you most like the Hub to be open?",
        "field_type": "radio",
        "choices": "Mornings, before 12\nAfternoons, 12 to 5\nEvenings, after 5\nWeekends",
    },
    {
        "label": "Is there anything that stops you coming to the Hub now?",
        "field_type": "multiline",
        "required": False,
        "help_text": "For example travel, childcare, or the times it is open.",
    },
    {
        "label": "Your first name",
        "field_type": "singleline",
        "required": False,
        "personal_data": True,
        "help_text": "Only if you would like us to tell you the results.",
    },
    {
        "label": "Email address",
        "field_type": "email",
        "required": False,
        "personal_data": True,
        "help_text": "Only if you would like the results by email.",
    },
]


def ensure_topics():
    for slug, name in TOPICS:
        SuggestionTopic.objects.get_or_create(slug=slug, defaults={"name": name})
    return {topic.slug: topic for topic in SuggestionTopic.objects.all()}


def suggestion_dates(received, answered):
    now = timezone.now()
    return {
        "created_at": now - timedelta(days=received),
        "answered_at": now - timedelta(days=answered) if answered is not None else None,
    }


def ensure_suggestions(topics):
    added = 0
    for received, answered, topic, channel, status, text, public_version, public_answer, publish, extra in SUGGESTIONS:
        if Suggestion.objects.filter(text=text).exists():
            continue
        Suggestion.objects.create(
            **suggestion_dates(received, answered),
            topic=topics.get(topic),
            channel=channel,
            status=status,
            text=text,
            public_version=public_version,
            public_answer=public_answer,
            publish=publish,
            **extra,
        )
        added += 1
    return added


SURVEY_SLUG = "hub-opening-hours-survey"


def survey_dates():
    """Opened two weeks ago and open for two months more, so the survey takes answers."""
    return {"opens_on": days_from_today(-14), "closes_on": days_from_today(60)}


def ensure_pages(home_page):
    ensure_child_page(
        home_page,
        SuggestionPage,
        "have-your-say",
        title="Have your say",
        show_in_menus=True,
        introduction="Tell us your idea, something that is not working, or something that is working well. "
        "You do not have to give your name. Every suggestion gets a reference number, so you can check what "
        "happened to it, and we publish what we did.",
    )
    ensure_child_page(
        home_page,
        YouSaidWeDidPage,
        "you-said-we-did",
        title="You said, we did",
        show_in_menus=True,
        introduction="What people told us, and what changed because of it. We take out anything that could "
        "identify the person who made the suggestion.",
    )
    ensure_child_page(
        home_page,
        InvolvementFiguresPage,
        "involvement-figures",
        title="How involvement is going",
        introduction="Live figures from our records: how many suggestions we received and answered this year, "
        "how they reached us, and how many answers we have published.",
    )
    ensure_child_page(
        home_page,
        FormPage,
        SURVEY_SLUG,
        title="Hub opening hours survey",
        introduction="We want the Lived Experience Hub to be open when it suits you. This survey takes about two "
        "minutes. We will share what we found, and what we changed, at the Forum and on this site.",
        thank_you_text="<p>Thank you. We will share the results at the Service User Forum and in the monthly "
        "bulletin.</p>",
        **survey_dates(),
        to_address="involvement-team@example.org",
        subject="New answer to the Hub opening hours survey",
        form_fields=[FormField(sort_order=order, **question) for order, question in enumerate(SURVEY_QUESTIONS)],
    )


def load(home_page, log):
    topics = ensure_topics()
    ensure_pages(home_page)
    added = ensure_suggestions(topics)
    log(f"Have your say: pages and topics are in place; {added} demo suggestion(s) added.")


def refresh_dates(home_page, log):
    """Suggestions are records, not pages: found by their text, they get their
    received and answered dates back, so "days waiting" stays believable and
    the retention purge does not empty a long-lived demo."""
    moved = 0
    for received, answered, _topic, _channel, _status, text, *_rest in SUGGESTIONS:
        moved += Suggestion.objects.filter(text=text).update(**suggestion_dates(received, answered))
    surveys = int(refresh_child_page(home_page, SURVEY_SLUG, **survey_dates()))
    log(f"Have your say: {moved} suggestion(s) and {surveys} survey dated from today again.")
