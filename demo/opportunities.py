"""Demo content for Get involved: the listing page, opportunities on every rung
and theme (one closed, some dated), and a few expressions of interest in
different states. Dates are set relative to the day the demo is loaded, so a
fresh demo always has open opportunities with dates still to come. Written in
our own words; names and contact details are made up and use numbers and
addresses reserved for examples."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from opportunities.models import (
    ExpressionOfInterest,
    Frequency,
    OpportunityFormat,
    OpportunityIndexPage,
    OpportunityPage,
    OpportunityTheme,
    Rung,
)
from records.contact import ContactMethod
from records.models import Channel

from .pages import days_from_today, ensure_child_page, heading, paragraph, refresh_child_page, stream


def at(days, hour, minute=0):
    """A time `days` from today, in the site's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def in_days(days):
    return days_from_today(days)


def opportunities():
    """Specs for the demo opportunities, built when loading so dates are fresh."""
    return [
        {
            "slug": "interview-panel-support-workers",
            "title": "Sit on the interview panel for new support workers",
            "rung": Rung.PARTNERSHIP,
            "themes": ["recruitment"],
            "formats": ["in-person"],
            "featured": True,
            "summary": "Help choose the next support workers for our hostels. You will sit on the panel alongside two "
            "managers and your view counts the same as theirs.",
            "what_you_would_do": "<ul><li>Come to a one-hour briefing the week before.</li><li>Help agree the "
            "questions.</li><li>Meet each candidate with the panel, ask your questions and score their answers."
            "</li><li>Talk it through with the panel and agree who gets the job.</li></ul>",
            "what_you_can_influence": "<p>Who is offered the job. Your scores are added up with everyone else's and "
            "you take part in the final decision.</p>",
            "what_cannot_change": "<p>The pay, the hours and the job description are already set. We also have to "
            "follow employment law, so some questions cannot be asked.</p>",
            "time_needed": "A one-hour briefing, then one full day of interviews",
            "frequency": Frequency.ONE_OFF,
            "starts_at": at(21, 9, 30),
            "ends_at": at(21, 16),
            "place": "Lived Experience Hub, 1 Example Street, Liverpool",
            "access_information": "Step-free entrance and an accessible toilet on the ground floor. There is a quiet "
            "room if you need a break. Lunch is provided; tell us about any food needs.",
            "support_and_training": "<p>Free recruitment training before the day, and a chat with the Involvement "
            "team afterwards about how it went.</p>",
            "payment": "A £40 shopping voucher for the day, lunch, and bus fares paid on the day.",
            "who_can_take_part": "Anyone with lived experience of homelessness, addiction, mental ill health or "
            "the justice system. You do not need any interview experience.",
            "closing_date": in_days(14),
            "contact_name": "Sam, Involvement Worker",
            "contact_phone": "0151 496 0124",
        },
        {
            "slug": "welcome-new-staff-induction",
            "title": "Welcome new staff at their induction day",
            "rung": Rung.PARTICIPATION,
            "themes": ["induction"],
            "formats": ["in-person", "online"],
            "summary": "Tell new staff what it is like to use our services, so they start their job knowing what "
            "matters to the people they work with.",
            "what_you_would_do": "<p>Join a session on the new staff induction day. Share what helped you and what "
            "did not, and answer their questions. You choose how much of your story to share.</p>",
            "what_you_can_influence": "<p>What new staff learn about working with people, in your words. We also ask "
            "you afterwards what to change in the session next time.</p>",
            "what_cannot_change": "<p>The rest of the induction programme, such as health and safety training.</p>",
            "time_needed": "About 2 hours",
            "frequency": Frequency.ONE_OFF,
            "starts_at": at(30, 13),
            "ends_at": at(30, 15),
            "place": "Partnership training room, 5 Example Road, Liverpool, or join by video call",
            "access_information": "The training room is on the first floor with a lift. If you join online, we can "
            "lend you a tablet and show you how to use it.",
            "support_and_training": "<p>A practice run with an Involvement Worker the week before. You can bring "
            "someone with you.</p>",
            "payment": "A £20 shopping voucher and travel paid.",
            "who_can_take_part": "Anyone who has used one of the partnership's services, now or in the past.",
            "closing_date": in_days(20),
        },
        {
            "slug": "service-user-forum",
            "title": "Come to the Service User Forum",
            "rung": Rung.PARTICIPATION,
            "themes": ["hub-and-forum"],
            "formats": ["in-person", "phone"],
            "featured": True,
            "summary": "A monthly meeting where people who use our services talk about what is working, what is "
            "not, and what should change. New faces are always welcome.",
            "what_you_would_do": "<p>Come along, have a brew, and join the conversation. Each meeting has a few "
            "topics chosen by Forum members, and a manager comes to answer questions.</p>",
            "what_you_can_influence": "<p>The Forum decides which issues go to the partnership board, and gets a "
            "written answer to each one.</p>",
            "what_cannot_change": "<p>The Forum cannot decide how individual cases are handled, and it cannot "
            "discuss named staff or clients.</p>",
            "time_needed": "2 hours a month, for as long as you like",
            "frequency": Frequency.ONGOING,
            "when_details": "Second Thursday of every month, 10am to midday",
            "place": "Lived Experience Hub, 1 Example Street, Liverpool, or dial in by phone",
            "access_information": "Step-free, with a hearing loop. You can dial in from any phone at no cost to you.",
            "support_and_training": "<p>A Forum member will meet you before your first meeting and show you the "
            "ropes.</p>",
            "payment": "Travel paid and lunch provided. Not paid.",
            "who_can_take_part": "Anyone who uses, or has used, services in the partnership.",
        },
        {
            "slug": "peer-researcher-hostels",
            "title": "Become a peer researcher: life in hostels",
            "rung": Rung.PARTICIPATION,
            "themes": ["peer-research"],
            "formats": ["in-person", "phone"],
            "summary": "Interview people living in hostels about their experience, and help write up what they "
            "tell us. Paid, with full training.",
            "what_you_would_do": "<ul><li>Three days of research training.</li><li>Interview about ten people, in "
            "person or by phone, with another researcher.</li><li>Help to make sense of the answers and present "
            "them to the board.</li></ul>",
            "what_you_can_influence": "<p>The questions we ask, who we talk to, and what the report recommends.</p>",
            "what_cannot_change": "<p>The research has to finish in three months, and it is about hostels only.</p>",
            "time_needed": "About 6 hours a week for 3 months",
            "frequency": Frequency.ONGOING,
            "when_details": "Flexible: you choose when to do your interviews",
            "starts_at": at(35, 10),
            "ends_at": at(35, 15),
            "place": "Hostels across Liverpool, and the Hub",
            "access_information": "Training is at the Hub, which is step-free. Interviews can be arranged in places "
            "that suit you.",
            "support_and_training": "<p>Three days of training, a certificate, and regular supervision with the "
            "research lead. You will always work in a pair.</p>",
            "payment": "Paid at the Real Living Wage for the hours you work, plus travel. Because this is paid work, "
            "please check your benefits first.",
            "who_can_take_part": "People who have lived in a hostel or supported housing. People with wider lived "
            "experience are welcome too.",
            "closing_date": in_days(28),
            "contact_name": "Alex, Research Lead",
            "contact_email": "research@example.org",
        },
        {
            "slug": "review-complaints-policy",
            "title": "Read and comment on our draft complaints policy",
            "rung": Rung.CONSULTATION,
            "themes": ["policies"],
            "formats": ["in-person", "online", "phone"],
            "summary": "We are rewriting how people can complain. Tell us if the new version is clear and fair.",
            "what_you_would_do": "<p>Read a short draft (there is an Easy Read version) and tell us what you think, "
            "by phone, by email, or in person at the Hub.</p>",
            "what_you_can_influence": "<p>The wording, the steps people go through and how long we take to reply.</p>",
            "what_cannot_change": "<p>The right to go to the Ombudsman at the end. That is set by law.</p>",
            "time_needed": "About an hour, when it suits you",
            "frequency": Frequency.ONGOING,
            "when_details": "Any time before the closing date",
            "place": "Wherever suits you: at home, by phone, or at the Hub",
            "access_information": "Easy Read, large print and audio versions are available. We can read it to you "
            "over the phone.",
            "support_and_training": "<p>None needed. An Involvement Worker can go through it with you.</p>",
            "payment": "A £10 shopping voucher for your comments.",
            "who_can_take_part": "Anyone. You do not have to have made a complaint.",
            "closing_date": in_days(10),
        },
        {
            "slug": "hub-opening-times-survey",
            "title": "Quick survey: Hub opening times",
            "rung": Rung.CONSULTATION,
            "themes": ["hub-and-forum"],
            "formats": ["online", "phone"],
            "summary": "Five questions about when the Hub should be open. It takes about two minutes.",
            "what_you_would_do": '<p>Answer five questions <a href="/hub-opening-hours-survey/">online</a> or over '
            "the phone.</p>",
            "what_you_can_influence": "<p>Which days and times the Hub opens once the survey has closed.</p>",
            "what_cannot_change": "<p>The total number of hours the Hub can open, which is set by its funding.</p>",
            "time_needed": "About 2 minutes",
            "frequency": Frequency.ONGOING,
            "when_details": "Any time before the closing date",
            "place": "Online or by phone",
            "access_information": "Ring us and we will read the questions to you and write down your answers.",
            "support_and_training": "<p>None needed.</p>",
            "payment": "Not paid.",
            "who_can_take_part": "Anyone who uses the Hub or might like to.",
            "closing_date": in_days(35),
        },
        {
            "slug": "run-a-self-help-group",
            "title": "Start and run a self-help group at the Hub",
            "rung": Rung.CONTROL,
            "themes": ["hub-and-forum"],
            "formats": ["in-person"],
            "summary": "Got an idea for a group, such as walking, cooking or recovery support? We give you the "
            "room, a small budget and backing; you run it your way.",
            "what_you_would_do": "<p>Plan the group with others, decide how it runs, and lead the sessions. You can "
            "share the work with a co-leader.</p>",
            "what_you_can_influence": "<p>Everything about the group: what it does, when it meets and how the budget "
            "is spent.</p>",
            "what_cannot_change": "<p>Groups must follow the Hub's safety rules, and the budget is up to £300 a "
            "year per group.</p>",
            "time_needed": "Up to you, usually 2 to 3 hours a week",
            "frequency": Frequency.ONGOING,
            "when_details": "Whenever the Hub is open; you choose the day",
            "place": "Lived Experience Hub, 1 Example Street, Liverpool",
            "access_information": "Step-free, with a kitchen, a quiet room and a garden.",
            "support_and_training": "<p>Group leader training, first aid training, and a named member of staff to "
            "back you up.</p>",
            "payment": "Expenses paid. Group leaders get a £20 voucher each month.",
            "who_can_take_part": "Anyone with lived experience who would like to lead something.",
            "closing_date": in_days(45),
        },
        {
            "slug": "hub-budget-group",
            "title": "Decide how the Hub's activity budget is spent",
            "rung": Rung.CONTROL,
            "themes": ["hub-and-forum", "other"],
            "formats": ["in-person", "online"],
            "summary": "Join a small group of service users who hold the Hub's activity budget and decide what it "
            "pays for next year.",
            "what_you_would_do": "<p>Meet four times, look at the ideas people have sent in, and vote on which to "
            "fund.</p>",
            "what_you_can_influence": "<p>How the whole activity budget is spent. Staff carry out what the group "
            "decides.</p>",
            "what_cannot_change": "<p>The size of the budget, and staff wages, which come from a different pot.</p>",
            "time_needed": "Four meetings of 2 hours",
            "frequency": Frequency.ONGOING,
            "when_details": "Four Thursday afternoons, dates agreed by the group",
            "starts_at": at(40, 14),
            "ends_at": at(40, 16),
            "place": "Lived Experience Hub, or by video call",
            "access_information": "Step-free. Papers are sent out a week early, in large print if you like.",
            "support_and_training": "<p>A short session on reading a budget, and a finance officer on hand for "
            "questions.</p>",
            "payment": "A £20 voucher per meeting and travel paid.",
            "who_can_take_part": "Anyone who uses the Hub.",
            "closing_date": in_days(25),
        },
        {
            "slug": "hub-open-day",
            "title": "Come to the Hub open day",
            "rung": Rung.INFORMATION,
            "themes": ["hub-and-forum", "other"],
            "formats": ["in-person"],
            "summary": "Drop in, meet the team and the Forum, and find out about all the ways to get involved. No "
            "need to book.",
            "what_you_would_do": "<p>Come when you like, have some food, look around and ask questions. You do not "
            "have to sign up to anything.</p>",
            "what_you_can_influence": "<p>Tell us what you would like the Hub to offer. Every idea is written down "
            "and taken to the Forum.</p>",
            "what_cannot_change": "<p>Nothing to decide on the day; it is a chance to find out more.</p>",
            "time_needed": "As long as you like",
            "frequency": Frequency.ONE_OFF,
            "starts_at": at(42, 11),
            "ends_at": at(42, 15),
            "place": "Lived Experience Hub, 1 Example Street, Liverpool",
            "access_information": "Step-free, with a quiet room. Dogs on leads are welcome.",
            "support_and_training": "<p>None needed. Staff and Forum members will be there to chat.</p>",
            "payment": "Free food and drinks. Not paid.",
            "who_can_take_part": "Everyone: people who use services, their families, and anyone curious.",
            "closing_date": in_days(42),
        },
        {
            "slug": "newsletter-editorial-group",
            "title": "Help write the service user newsletter",
            "rung": Rung.INFORMATION,
            "themes": ["other"],
            "formats": ["online", "in-person"],
            "summary": "Write, draw or gather stories for the quarterly newsletter, so it is written by and for the "
            "people who read it.",
            "what_you_would_do": "<p>Come to one planning meeting a quarter, then write a piece, take photos, or "
            "interview someone.</p>",
            "what_you_can_influence": "<p>What goes in the newsletter and how it reads.</p>",
            "what_cannot_change": "<p>The newsletter cannot name people without their agreement, and it is "
            "checked for safety before printing.</p>",
            "time_needed": "A few hours every three months",
            "frequency": Frequency.ONGOING,
            "when_details": "A planning meeting every three months; the rest when it suits you",
            "place": "The Hub, or from home",
            "access_information": "We can take your story down over the phone if writing is hard.",
            "support_and_training": "<p>Help with writing and photos from the comms team.</p>",
            "payment": "A £10 voucher for each published piece.",
            "who_can_take_part": "Anyone with lived experience.",
        },
        {
            "slug": "womens-service-steering-group",
            "title": "Join the steering group for the new women's service",
            "rung": Rung.PARTNERSHIP,
            "themes": ["other", "recruitment"],
            "formats": ["in-person"],
            "summary": "Shape a new service for women with multiple needs, as an equal member of its steering group.",
            "what_you_would_do": "<p>Meet monthly with managers and partners, and help decide how the service is "
            "set up and who runs it.</p>",
            "what_you_can_influence": "<p>How the service works day to day and who is recruited to lead it.</p>",
            "what_cannot_change": "<p>The funding and the area it covers.</p>",
            "time_needed": "2 hours a month for a year",
            "frequency": Frequency.ONE_OFF,
            "starts_at": at(-20, 10),
            "ends_at": at(-20, 12),
            "place": "Partnership offices, 5 Example Road, Liverpool",
            "access_information": "Step-free, women-only space, with a crèche on request.",
            "support_and_training": "<p>A mentor from the Forum and an induction to how steering groups work.</p>",
            "payment": "A £20 voucher per meeting and travel paid.",
            "who_can_take_part": "Women with lived experience of multiple needs.",
            "closing_date": in_days(-10),
        },
    ]


INDEX_BODY = stream(
    heading("The Ladder of Participation"),
    paragraph(
        "<p>Every opportunity sits on a rung of the ladder: <b>Information</b>, <b>Consultation</b>, "
        "<b>Participation</b>, <b>Partnership</b> or <b>Control</b>. No rung is better than another: pick what "
        "suits you, and move up or down whenever you like. "
        '<a href="/ladder-of-participation/">Read more about the ladder</a>.</p>'
    ),
)


EXPRESSIONS = [
    {
        "opportunity": "interview-panel-support-workers",
        "name": "Jay",
        "contact_method": ContactMethod.EMAIL,
        "email": "jay@example.org",
        "status": ExpressionOfInterest.Status.NEW,
        "channel": Channel.WEBSITE,
    },
    {
        "opportunity": "service-user-forum",
        "name": "Mo",
        "contact_method": ContactMethod.PHONE,
        "phone": "07700 900456",
        "best_times": "Weekday mornings",
        "status": ExpressionOfInterest.Status.CONTACTED,
        "channel": Channel.PHONE,
        "internal_notes": "Rang on Monday. Coming to the next Forum with a friend.",
    },
    {
        "opportunity": "peer-researcher-hostels",
        "name": "Kel",
        "contact_method": ContactMethod.TEXT,
        "phone": "07700 900789",
        "status": ExpressionOfInterest.Status.TAKING_PART,
        "channel": Channel.WEBSITE,
    },
    {
        "opportunity": "run-a-self-help-group",
        "name": "Dee",
        "contact_method": ContactMethod.SUPPORT_WORKER,
        "support_worker": "Chris at Example Housing, 0151 496 0456",
        "access_needs": "I would like to bring my support worker to the first meeting.",
        "status": ExpressionOfInterest.Status.NEW,
        "channel": Channel.SUPPORT_WORKER,
        "is_safeguarding_concern": True,
        "internal_notes": "Said they do not feel safe where they are staying. Passed to their support worker.",
    },
    {
        "opportunity": "womens-service-steering-group",
        "name": "Rosa",
        "contact_method": ContactMethod.POST,
        "postal_address": "Flat 2, 10 Example Lane\nLiverpool L2 0ZZ",
        "status": ExpressionOfInterest.Status.NOT_TAKEN_FORWARD,
        "channel": Channel.PAPER,
        "internal_notes": "Arrived after the group was full. Wrote back with other opportunities.",
    },
    {
        "opportunity": "hub-open-day",
        "name": "Lee",
        "contact_method": ContactMethod.PHONE,
        "phone": "07700 900321",
        "status": ExpressionOfInterest.Status.WITHDRAWN,
        "channel": Channel.DROP_IN,
    },
]


def ensure_expressions_of_interest(pages):
    created = 0
    for spec in EXPRESSIONS:
        fields = {**spec, "opportunity": pages[spec["opportunity"]], "consent": True}
        if ExpressionOfInterest.objects.filter(opportunity=fields["opportunity"], name=fields["name"]).exists():
            continue
        ExpressionOfInterest.objects.create(**fields)
        created += 1
    return created


DATED_FIELDS = ("starts_at", "ends_at", "closing_date")


def ensure_index(home_page):
    return ensure_child_page(
        home_page,
        OpportunityIndexPage,
        "get-involved",
        title="Get involved",
        introduction="Ways to have your say and help shape services, from a five-minute survey to running a "
        "project. Choose what suits you; support is there if you want it.",
        body=INDEX_BODY,
        show_in_menus=True,
    )


def load(home_page, log):
    index = ensure_index(home_page)
    pages = {}
    for spec in opportunities():
        fields = {key: value for key, value in spec.items() if key != "slug"}
        fields["themes"] = list(OpportunityTheme.objects.filter(slug__in=spec["themes"]))
        fields["formats"] = list(OpportunityFormat.objects.filter(slug__in=spec["formats"]))
        pages[spec["slug"]] = ensure_child_page(index, OpportunityPage, spec["slug"], **fields)
    created = ensure_expressions_of_interest(pages)
    log(f"Get involved: {len(pages)} opportunities, {created} new expressions of interest.")


def refresh_dates(home_page, log):
    index = ensure_index(home_page)
    moved = 0
    for spec in opportunities():
        dated = {field: spec[field] for field in DATED_FIELDS if field in spec}
        if dated:
            moved += refresh_child_page(index, spec["slug"], **dated)
    log(f"Get involved: {moved} opportunities dated from today again.")
