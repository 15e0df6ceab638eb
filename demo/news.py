"""Demo content for the Information rung: news, newsletters and bulletins,
meeting groups and minutes, leaflets in several formats. Written in our own
words from the partnership's involvement policy. Safe to run again: pages,
documents, images and groups that exist are left exactly as they are.

Every date is counted back from the day the content is loaded, so news is
recent, past meetings are past and the next Forum is ahead; refresh_dates
moves them again on a long-lived demo site."""

from datetime import time, timedelta
from functools import partial

from taggit.models import Tag

from news.models import (
    LeafletFormat,
    LeafletFormatKind,
    LeafletIndexPage,
    LeafletPage,
    LeafletPageTopic,
    MeetingAction,
    MeetingAttendance,
    MeetingGroup,
    MeetingIndexPage,
    MeetingMinutesPage,
    NewsIndexPage,
    NewsKind,
    NewsPage,
    NewsPageTag,
)

from . import pictures
from .files import ensure_image, pdf_document, rewrite_pdf_document
from .pages import (
    days_from_today,
    ensure_child_page,
    heading,
    paragraph,
    refresh_child_page,
    refresh_page,
    stream,
    weekday_on_or_before,
)

# --- Helpers ------------------------------------------------------------------


def is_missing(parent, slug):
    """True when the page still has to be made; checked first so that a second
    run does not even build the files and tags for pages that exist."""
    return not parent.get_children().filter(slug=slug).exists()


def tagged(through, names):
    return [through(tag=Tag.objects.get_or_create(name=name)[0]) for name in names]


# --- News, newsletters and bulletins --------------------------------------------

TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = 1, 2, 3, 4

NEWS = [
    {
        "slug": "hub-opens-on-saturdays",
        "title": "The Lived Experience Hub now opens on Saturdays",
        "kind": NewsKind.NEWS,
        "days_ago": 12,
        "tags": ["Hub"],
        "summary": "The Hub is now open every Saturday morning, because Forum members told us weekdays "
        "do not suit everyone.",
        "image": ("Hub open on Saturdays", pictures.HUB_OPEN),
        "body": [
            "<p>Many of you said that you work, go to appointments or look after children during the week, and "
            "that a weekend session would make it easier to call in. The Service User Forum raised it with the "
            "Core Strategic Group, and the group agreed to try it for six months.</p>",
            "<p>The Hub will be open from 10am to 1pm every Saturday. Tea, toast and a friendly face, as "
            "always. Peer volunteers will run the sessions, with a member of staff on hand.</p>",
        ],
    },
    {
        "slug": "newsletter-issue-8",
        "title": "Newsletter, issue 8",
        "kind": NewsKind.NEWSLETTER,
        "days_ago": 30,
        "tags": ["Hub", "Service User Forum"],
        "summary": "Saturday opening at the Hub, what the peer researchers found, and dates for the Forum "
        "over the next few months.",
        "pdf": [
            "Welcome to issue 8 of our newsletter. This edition is about the changes you asked for this year.",
            "The Hub will open on Saturday mornings, 10am to 1pm, from next month. This came straight from the Forum.",
            "Our peer researchers spoke to 40 people about their first week with a new service. The main "
            "message: people want one worker who stays with them, not a new face every time.",
            "The Service User Forum meets on the second Thursday of every month at the Hub, 10am to midday. "
            "Everyone with lived experience is welcome. Lunch is provided and travel costs are paid.",
            "Want this newsletter in Easy Read or large print? Ask at the Hub or ring 0151 496 0123.",
        ],
        "body": [
            "<p>Issue 8 of our newsletter is out. You can download it below, or pick up a paper copy at the Hub.</p>",
        ],
    },
    {
        "slug": "forum-moves-to-thursdays",
        "title": "The Service User Forum is moving to Thursdays",
        "kind": NewsKind.BULLETIN,
        "days_ago": 48,
        "tags": ["Service User Forum"],
        "summary": "From next month the Forum meets on the second Thursday of each month, not the Tuesday.",
        "body": [
            "<p>Tuesdays clash with the drop-in clinic, so members voted to move the Forum. Same time, same "
            "place: 10am to midday at the Hub.</p>",
        ],
    },
    {
        "slug": "peer-researchers-share-findings",
        "title": "Peer researchers share what they found",
        "kind": NewsKind.NEWS,
        "days_ago": 69,
        "tags": ["Peer research"],
        "summary": "Six peer researchers spent three months asking people about their first week with a new service. "
        "Here is what they heard.",
        "body": [
            "<p>Peer researchers are people with lived experience who are trained to gather other people's "
            "views. People often say more to someone who has been through it too.</p>",
            "<p>The team spoke to 40 people. The clearest message was that changing workers again and again "
            "makes people give up. The Evaluation, Learning and Legacy Group has agreed to look at how "
            "services hand people over.</p>",
        ],
    },
    {
        "slug": "service-users-help-choose-hub-coordinator",
        "title": "Service users help choose our new Hub coordinator",
        "kind": NewsKind.NEWS,
        "days_ago": 112,
        "tags": ["Recruitment"],
        "summary": "Three Forum members sat on the interview panel for the new Hub coordinator and had an equal "
        "say in who got the job.",
        "image": ("Interview panel", pictures.INTERVIEW_PANEL),
        "body": [
            "<p>Before the interviews the panel members had a morning's training on fair recruitment. They wrote "
            "two of the interview questions themselves.</p>",
            "<p>If you would like to help recruit staff, look for interview panel roles on the Get involved "
            "pages. Training and expenses are always provided.</p>",
        ],
    },
    {
        "slug": "newsletter-issue-7",
        "title": "Newsletter, issue 7",
        "kind": NewsKind.NEWSLETTER,
        "days_ago": 154,
        "tags": ["Peer research", "Training"],
        "summary": "A new peer research project, dates for interview panel training, and what happened to your "
        "recent suggestions.",
        "pdf": [
            "Welcome to issue 7 of our newsletter.",
            "Peer research: we are starting a project on people's first week with a new service. We are looking "
            "for six peer researchers. Training is paid for and you will get a certificate.",
            "Training: interview panel training runs over the next two months at the Hub. It takes one morning.",
            "You said, we did: you asked for clearer letters about appointments. Two partners have rewritten "
            "their letters with the Forum's help.",
        ],
        "body": [
            "<p>Issue 7 of our newsletter is out. Download it below, or pick up a paper copy at the Hub.</p>",
        ],
    },
    {
        "slug": "interview-panel-training-places",
        "title": "Interview panel training: places left",
        "kind": NewsKind.BULLETIN,
        "days_ago": 175,
        "tags": ["Training", "Recruitment"],
        "summary": "There are four places left on the interview panel training in two weeks' time. No experience "
        "needed.",
        "body": [
            "<p>The session runs from 10am to 1pm at the Hub. Lunch and travel costs are covered. Ask at the Hub "
            "or ring the Involvement team to book a place.</p>",
        ],
    },
    {
        "slug": "policy-reviewed-with-you",
        "title": "Our involvement policy has been reviewed with you",
        "kind": NewsKind.NEWS,
        "days_ago": 196,
        "tags": ["Policy"],
        "summary": "Forum members went through the involvement policy line by line. Here is what changed.",
        "body": [
            "<p>The policy says it must be reviewed with the people it is for, and this year we did it together "
            "over three Forum sessions.</p>",
            "<p>The biggest change: every opportunity must now say clearly what you can influence and what cannot "
            "be changed, so nobody gives their time under a false impression.</p>",
        ],
    },
    {
        "slug": "easy-read-leaflets",
        "title": "Easy Read leaflets now available",
        "kind": NewsKind.NEWS,
        "days_ago": 238,
        "tags": ["Easy Read"],
        "summary": "Our main leaflets now come in Easy Read, with short sentences and pictures. Large print "
        "versions are on the way.",
        "body": [
            "<p>Forum members tested the new leaflets with people who find reading hard, and we changed them "
            "until they worked. You can download them from the leaflets page or pick them up at the Hub.</p>",
        ],
    },
    {
        "slug": "hub-kitchen-closed-for-repairs",
        "title": "Hub kitchen closed for a week",
        "kind": NewsKind.BULLETIN,
        "days_ago": 247,
        "tags": ["Hub"],
        "summary": "The kitchen at the Hub is closed for a week from Monday while it is repaired. The Hub itself is "
        "open as normal.",
        "body": [
            "<p>Tea and coffee are still on, from the urn in the main room. Lunch at the Forum is brought in.</p>"
        ],
    },
    {
        "slug": "what-changed-because-of-your-suggestions",
        "title": "What changed because of your suggestions",
        "kind": NewsKind.NEWS,
        "days_ago": 287,
        "tags": ["Policy", "Service User Forum"],
        "summary": "Longer opening hours, clearer letters and a quieter room at the Hub: three changes that came "
        "from your suggestions.",
        "body": [
            "<p>Every suggestion gets a reference number and an answer. In the last few months, three suggestions led "
            "to real changes.</p>",
            "<ul><li>The Hub stays open until 7pm on Tuesdays and Thursdays.</li><li>Two partners have rewritten their "
            "appointment letters in plain English.</li><li>The small meeting room is now a quiet room.</li></ul>",
        ],
    },
    {
        "slug": "induction-led-by-service-users",
        "title": "New staff learn from people with lived experience",
        "kind": NewsKind.NEWS,
        "days_ago": 314,
        "tags": ["Training"],
        "summary": "Every new member of staff across the partnership now spends a morning with Forum members as "
        "part of their induction.",
        "body": [
            "<p>Forum members designed the session themselves. They talk about what helped them and what got in "
            "the way, and new staff ask questions.</p>",
        ],
    },
    {
        "slug": "hub-closed-for-staff-training",
        "title": "Hub closed for a staff training day",
        "kind": NewsKind.BULLETIN,
        "days_ago": 352,
        "tags": ["Hub"],
        "summary": "The Hub is closed all day next Wednesday while staff and peer volunteers train together.",
        "body": ["<p>If you need help that day, your usual service can tell you who is on call.</p>"],
    },
    {
        "slug": "peer-research-volunteers-wanted",
        "title": "Peer research project looks for volunteers",
        "kind": NewsKind.NEWS,
        "days_ago": 398,
        "tags": ["Peer research"],
        "summary": "We are training people with lived experience to find out how well services are working. "
        "No experience needed.",
        "body": [
            "<p>You will get paid training, a certificate and support throughout. You choose how much time to "
            "give.</p>",
        ],
    },
    {
        "slug": "forum-members-join-core-strategic-group",
        "title": "Forum members join the Core Strategic Group",
        "kind": NewsKind.NEWS,
        "days_ago": 441,
        "tags": ["Service User Forum"],
        "summary": "Two people chosen by the Forum now sit on the group that sets the partnership's direction, "
        "as equal members.",
        "body": [
            "<p>They will take the Forum's views to every meeting and report back each month. The minutes of the "
            "group are published on the meetings page.</p>",
        ],
    },
    {
        "slug": "new-suggestion-box",
        "title": "A new suggestion box at the Hub",
        "kind": NewsKind.BULLETIN,
        "days_ago": 511,
        "tags": ["Hub"],
        "summary": "You can now post a suggestion in the box by the Hub's front door. You do not have to give "
        "your name.",
        "body": [
            "<p>We empty the box every Friday. Every suggestion gets an answer, and we publish what changed on "
            'the <a href="/you-said-we-did/">You said, we did</a> page.</p>'
        ],
    },
]


def ensure_news_index(home_page):
    return ensure_child_page(
        home_page,
        NewsIndexPage,
        "news",
        title="News and updates",
        introduction="News, newsletters and short bulletins from across the partnership and the Lived Experience Hub.",
        show_in_menus=True,
    )


def load_news(home_page):
    index = ensure_news_index(home_page)
    for item in NEWS:
        if not is_missing(index, item["slug"]):
            continue
        fields = {
            "title": item["title"],
            "kind": item["kind"],
            "date": days_from_today(-item["days_ago"]),
            "summary": item["summary"],
            "body": stream(*[paragraph(html) for html in item["body"]]),
            "tagged_items": tagged(NewsPageTag, item["tags"]),
        }
        if "pdf" in item:
            fields["document"] = pdf_document(item["title"], item["pdf"])
        if "image" in item:
            title, picture = item["image"]
            fields["image"] = ensure_image(
                title, description=picture.description, draw=partial(pictures.draw_picture, picture)
            )
        ensure_child_page(index, NewsPage, item["slug"], **fields)
    return index


# --- Meetings and minutes --------------------------------------------------------

GROUPS = {
    "service-user-forum": (
        "Service User Forum",
        "Where people with lived experience meet to share views, hear about changes across the partnership and "
        "decide what to raise with the groups that make decisions.",
        "Anyone with lived experience of multiple needs, whether or not you use our services now. Just turn up; "
        "you can bring a support worker. Lunch is provided and travel costs are paid.",
    ),
    "core-strategic-group": (
        "Core Strategic Group",
        "Sets the direction of the partnership and agrees its plans and spending. Service user representatives "
        "sit on it as equal members.",
        "Managers from each partner and two service user representatives chosen by the Forum. Observers are "
        "welcome if you ask the Involvement team first.",
    ),
    "evaluation-learning-and-legacy-group": (
        "Evaluation, Learning and Legacy Group",
        "Checks whether the partnership's work is making a difference, and makes sure what we learn is shared "
        "and lasts beyond the programme.",
        "Partners, the evaluation team and peer researchers. Ask the Involvement team if you would like to join.",
    ),
    "collaborative-case-management-forum": (
        "Collaborative Case Management Forum",
        "Brings workers from different services together to plan joined-up support and fix problems in how "
        "services work together. Public minutes never discuss named people.",
        "Frontline workers from partner services and a service user representative.",
    ),
}

FORUM_ATTENDANCE = [("Service user representative", 11), ("Peer volunteer", 2), ("Involvement team staff", 2)]
BOARD_ATTENDANCE = [("Partner manager", 6), ("Service user representative", 2), ("Involvement team staff", 1)]

MEETINGS = [
    {
        "group": "service-user-forum",
        "days_ago": 20,
        "weekday": THURSDAY,
        "summary": "The first Forum on a Thursday. Members planned the Saturday opening at the Hub.",
        "decisions": "",
        "attendance": FORUM_ATTENDANCE,
        "actions": [],
    },
    {
        "group": "service-user-forum",
        "days_ago": 55,
        "weekday": TUESDAY,
        "summary": "Members asked for the Hub to open at weekends and voted to move the Forum to Thursdays.",
        "decisions": "<ul><li>Ask the Core Strategic Group to open the Hub on Saturday mornings for a six-month "
        "trial.</li><li>Move the Forum to the second Thursday of each month, starting next month.</li></ul>",
        "attendance": FORUM_ATTENDANCE,
        "actions": [
            (
                "Take the Saturday opening request to the Core Strategic Group",
                "Forum representatives",
                23,
            ),
            ("Tell all members about the new Forum day", "Involvement team", 12),
        ],
        "minutes": True,
        "easy_read": True,
    },
    {
        "group": "service-user-forum",
        "days_ago": 85,
        "weekday": TUESDAY,
        "summary": "The peer researchers presented what they found about people's first week with a new service.",
        "decisions": "<ul><li>Send the peer research findings to the Evaluation, Learning and Legacy Group.</li>"
        "<li>Hold an extra session on the findings for people who could not come.</li></ul>",
        "attendance": FORUM_ATTENDANCE,
        "actions": [
            ("Send the findings to the Evaluation, Learning and Legacy Group", "SUI Manager", 22),
            ("Book a room for the extra session", "Hub coordinator", None),
        ],
        "minutes": True,
        "easy_read": True,
    },
    {
        "group": "core-strategic-group",
        "days_ago": 42,
        "weekday": WEDNESDAY,
        "start": time(14),
        "end": time(16),
        "summary": "The group agreed to open the Hub on Saturday mornings for a six-month trial, as the Forum asked.",
        "decisions": "<ul><li>Open the Hub on Saturday mornings from next month for six months, then review it "
        "with the Forum.</li><li>Fund travel costs for peer volunteers who run the Saturday sessions.</li></ul>",
        "attendance": BOARD_ATTENDANCE,
        "actions": [
            ("Draw up a rota of staff cover for Saturdays", "Hub coordinator", 30),
            ("Report on the trial to the Forum", "SUI Manager", 232),
        ],
        "minutes": True,
    },
    {
        "group": "evaluation-learning-and-legacy-group",
        "days_ago": 182,
        "weekday": WEDNESDAY,
        "start": time(13, 30),
        "end": time(15, 30),
        "summary": "The group agreed the plan for the peer research project and how its findings will be shared.",
        "decisions": "<ul><li>Recruit and train six peer researchers over the next three months.</li>"
        "<li>Share the findings at the Forum before anywhere else.</li></ul>",
        "attendance": [("Partner representative", 4), ("Peer researcher", 2), ("Evaluation team", 2)],
        "actions": [("Advertise the peer researcher roles", "Involvement team", 17)],
        "minutes": True,
    },
    {
        "group": "collaborative-case-management-forum",
        "days_ago": 383,
        "weekday": FRIDAY,
        "summary": "Workers looked at why people are passed between services, and agreed to test a single "
        "named contact.",
        "decisions": "<ul><li>Test giving each person one named contact across services for three months.</li></ul>",
        "attendance": [("Frontline worker", 9), ("Service user representative", 1)],
        "actions": [("Choose two services to test the single contact", "Chair of the forum", 28)],
        "minutes": True,
    },
]

UPCOMING_DAYS_AHEAD = 21
UPCOMING_SUMMARY = (
    "Our next Forum. We will hear how the first Saturday sessions went and plan next year's involvement work."
)


def meeting_day(meeting):
    return weekday_on_or_before(days_from_today(-meeting["days_ago"]), meeting["weekday"])


def upcoming_meeting_day():
    return weekday_on_or_before(days_from_today(UPCOMING_DAYS_AHEAD), THURSDAY)


def find_meeting(index, group, summary):
    """A demo meeting, found by its group and summary: its slug and title name
    its date (the pattern every meeting follows), so they move with it."""
    return MeetingMinutesPage.objects.child_of(index).filter(group=group, summary=summary).first()


def minutes_text(meeting, group_name, day, easy_read=False):
    when = day.strftime("%-d %B %Y")
    if easy_read:
        return [
            f"This is what happened at the {group_name} on {when}.",
            "We talked about:",
            meeting["summary"],
            "What happens next: we will tell you at the next meeting.",
        ]
    return [
        f"Minutes of the {group_name}, {when}.",
        meeting["summary"],
        "Decisions and actions are listed on the website with these minutes.",
        "Attendance is recorded by role. Names are not published.",
    ]


def meeting_dated_fields(meeting, group):
    """The fields that follow the meeting's date: the date, the title that
    names it, and the actions due a set number of days after it."""
    day = meeting_day(meeting)
    return {
        "title": MeetingMinutesPage.title_for(group, day),
        "slug": MeetingMinutesPage.slug_for(group, day),
        "date": day,
        "actions": [
            MeetingAction(what=what, who=who, by_when=day + timedelta(days=after) if after is not None else None)
            for what, who, after in meeting["actions"]
        ],
    }


def minutes_documents(meeting, group):
    """(field, title, text, large print) for each PDF the meeting's page links to."""
    day = meeting_day(meeting)
    title = MeetingMinutesPage.title_for(group, day)
    documents = []
    if meeting.get("minutes"):
        documents.append(("minutes_document", f"Minutes: {title}", minutes_text(meeting, group.name, day), False))
    if meeting.get("easy_read"):
        documents.append(
            (
                "easy_read_minutes",
                f"Easy Read minutes: {title}",
                minutes_text(meeting, group.name, day, easy_read=True),
                True,
            )
        )
    return documents


def ensure_meeting_index(home_page):
    return ensure_child_page(
        home_page,
        MeetingIndexPage,
        "meetings",
        title="Meetings and minutes",
        introduction="When the partnership's groups meet, what they decided, and the minutes, in standard and "
        "Easy Read versions.",
        show_in_menus=True,
    )


def ensure_groups():
    groups = {}
    for slug, (name, purpose, who_can_attend) in GROUPS.items():
        groups[slug], _created = MeetingGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "purpose": purpose, "who_can_attend": who_can_attend}
        )
    return groups


def load_meetings(home_page):
    index = ensure_meeting_index(home_page)
    groups = ensure_groups()
    for meeting in MEETINGS:
        group = groups[meeting["group"]]
        if find_meeting(index, group, meeting["summary"]) is not None:
            continue
        fields = {
            **meeting_dated_fields(meeting, group),
            "group": group,
            "start_time": meeting.get("start", time(10)),
            "end_time": meeting.get("end", time(12)),
            "place": "Lived Experience Hub, 1 Example Street, Liverpool",
            "summary": meeting["summary"],
            "decisions": meeting["decisions"],
            "attendance": [MeetingAttendance(role=role, number=number) for role, number in meeting["attendance"]],
        }
        for field, title, text, large_print in minutes_documents(meeting, group):
            fields[field] = pdf_document(title, text, large_print=large_print)
        ensure_child_page(index, MeetingMinutesPage, fields.pop("slug"), **fields)
    load_upcoming_meeting(index, groups["service-user-forum"])
    return index


def load_upcoming_meeting(index, group):
    """A Forum meeting a few weeks after the day the demo is loaded, so a fresh
    demo site always has an upcoming meeting to show."""
    if find_meeting(index, group, UPCOMING_SUMMARY) is not None:
        return
    day = upcoming_meeting_day()
    ensure_child_page(
        index,
        MeetingMinutesPage,
        MeetingMinutesPage.slug_for(group, day),
        title=MeetingMinutesPage.title_for(group, day),
        group=group,
        date=day,
        start_time=time(10),
        end_time=time(12),
        place="Lived Experience Hub, 1 Example Street, Liverpool",
        summary=UPCOMING_SUMMARY,
        body=stream(
            heading("Agenda"),
            paragraph(
                "<ol><li>Welcome and introductions</li><li>Saturday opening at the Hub: how is it going?</li>"
                "<li>Plans for next year</li><li>Anything else you want to raise</li></ol>"
            ),
            paragraph("<p>Lunch is provided and we pay travel costs. You can bring a support worker or a friend.</p>"),
        ),
    )


def refresh_meetings(home_page):
    """Newest first: each meeting moves forward in time, so the slug it takes
    has already been left by the meeting that held it."""
    index = ensure_meeting_index(home_page)
    groups = ensure_groups()
    forum = groups["service-user-forum"]
    upcoming = find_meeting(index, forum, UPCOMING_SUMMARY)
    moved = 0
    if upcoming is not None:
        day = upcoming_meeting_day()
        moved += refresh_page(
            upcoming,
            title=MeetingMinutesPage.title_for(forum, day),
            slug=MeetingMinutesPage.slug_for(forum, day),
            date=day,
        )
    for meeting in sorted(MEETINGS, key=lambda meeting: meeting["days_ago"]):
        group = groups[meeting["group"]]
        page = find_meeting(index, group, meeting["summary"])
        if page is None:
            continue
        for field, title, text, large_print in minutes_documents(meeting, group):
            document = getattr(page, field)
            if document is not None:
                rewrite_pdf_document(document, title, text, large_print=large_print)
        moved += refresh_page(page, **meeting_dated_fields(meeting, group))
    return moved


# --- Leaflets and posters ------------------------------------------------------------

LEAFLETS = [
    {
        "slug": "how-to-get-involved",
        "title": "How to get involved",
        "summary": "All the ways you can have a say, from reading our newsletter to helping run the Hub. "
        "You choose how much you do.",
        "topics": ["Getting involved", "Easy Read"],
        "cover": (11, 85, 99),
        "picture": pictures.PEOPLE_IN_A_CIRCLE,
        "text": [
            "There are many ways to be involved, and no way is better than another.",
            "You can read our news, fill in a survey, come to the Service User Forum, sit on an interview panel, "
            "or help run a project.",
            "We will always tell you what you can change and what you cannot. We pay travel costs and offer "
            "training and support.",
            "To find out more, call in at the Lived Experience Hub, ring 0151 496 0123 or text 07700 900123.",
        ],
        "easy_read": [
            "You can help make services better.",
            "You can come to meetings. You can answer questions. You can help choose new staff.",
            "You choose what you do. You can stop at any time.",
            "We pay for your bus fare.",
            "Come to the Hub or ring 0151 496 0123.",
        ],
        "large_print": True,
        "language": (
            "Spanish (Español)",
            "Cómo participar",
            [
                "Hay muchas formas de participar y ninguna es mejor que otra.",
                "Puede leer nuestras noticias, responder a una encuesta o venir al Foro de Usuarios.",
                "Pagamos los gastos de viaje y ofrecemos apoyo.",
                "Para saber más, visite el Hub o llame al 0151 496 0123.",
            ],
        ),
    },
    {
        "slug": "lived-experience-hub",
        "title": "The Lived Experience Hub",
        "summary": "What the Hub is, when it is open and what you can do there. Everyone with lived experience "
        "is welcome.",
        "topics": ["Hub", "Easy Read"],
        "cover": (92, 45, 145),
        "picture": pictures.TABLE_WITH_CUPS,
        "text": [
            "The Lived Experience Hub is a place run with and for people with lived experience of multiple needs.",
            "Drop in for a cup of tea, use the computers, meet peer volunteers or come to the Service User Forum.",
            "Open Monday to Friday, 10am to 4pm (until 7pm on Tuesdays and Thursdays), and Saturday mornings. "
            "No appointment needed.",
        ],
        "easy_read": [
            "The Hub is a friendly place.",
            "You can have a cup of tea. You can use a computer. You can meet people.",
            "The Hub is open every weekday. It is open on Saturday morning too.",
            "You do not need to book.",
        ],
    },
    {
        "slug": "have-your-say-suggestions",
        "title": "Have your say: your suggestions and what happens next",
        "summary": "How to make a suggestion, what we do with it, and how to find out the answer.",
        "topics": ["Have your say"],
        "cover": (0, 112, 60),
        "picture": pictures.SUGGESTION_AND_REPLY,
        "text": [
            "You can make a suggestion on this website, in the box at the Hub, by phone or text, or through "
            "your support worker.",
            "You do not have to give your name. You will get a reference number.",
            "Every suggestion gets an answer, and we publish what changed on the You said, we did page.",
        ],
        "large_print": True,
    },
    {
        "slug": "join-an-interview-panel",
        "title": "Poster: join an interview panel",
        "summary": "A poster for noticeboards asking people with lived experience to help choose new staff.",
        "topics": ["Recruitment", "Getting involved"],
        "cover": (179, 38, 30),
        "picture": pictures.INTERVIEW_PANEL,
        "text": [
            "Help us choose the right people.",
            "Join an interview panel for new staff. Training, lunch and travel costs provided.",
            "Ask at the Hub or ring 0151 496 0123.",
        ],
    },
]


def leaflet_formats(leaflet):
    title = leaflet["title"]
    # (format, language, document title, text, large print)
    versions = [(LeafletFormatKind.STANDARD, "", title, leaflet["text"], False)]
    if "easy_read" in leaflet:
        versions.append((LeafletFormatKind.EASY_READ, "", f"{title} (Easy Read)", leaflet["easy_read"], True))
    if leaflet.get("large_print"):
        versions.append((LeafletFormatKind.LARGE_PRINT, "", f"{title} (large print)", leaflet["text"], True))
    if "language" in leaflet:
        language, translated_title, text = leaflet["language"]
        versions.append((LeafletFormatKind.OTHER_LANGUAGE, language, translated_title, text, False))
    return [
        LeafletFormat(format=kind, language=language, document=pdf_document(doc_title, text, large_print=large))
        for kind, language, doc_title, text, large in versions
    ]


def ensure_leaflet_index(home_page):
    return ensure_child_page(
        home_page,
        LeafletIndexPage,
        "leaflets",
        title="Leaflets and posters",
        introduction="Leaflets and posters to download and print, in standard, Easy Read, large print and other "
        "versions.",
        show_in_menus=True,
    )


def leaflet_review_dates():
    """Reviewed two months ago, due for review in ten months: never overdue on a fresh demo."""
    return {"last_reviewed": days_from_today(-60), "next_review": days_from_today(305)}


def load_leaflets(home_page):
    index = ensure_leaflet_index(home_page)
    for leaflet in LEAFLETS:
        if not is_missing(index, leaflet["slug"]):
            continue
        cover = ensure_image(
            f"Leaflet cover: {leaflet['title']}",
            description=pictures.leaflet_cover_description(leaflet["picture"]),
            draw=partial(pictures.draw_leaflet_cover, leaflet["picture"], leaflet["cover"]),
        )
        ensure_child_page(
            index,
            LeafletPage,
            leaflet["slug"],
            title=leaflet["title"],
            summary=leaflet["summary"],
            image=cover,
            tagged_topics=tagged(LeafletPageTopic, leaflet["topics"]),
            formats=leaflet_formats(leaflet),
            **leaflet_review_dates(),
        )
    return index


def load(home_page, log):
    load_news(home_page)
    load_meetings(home_page)
    load_leaflets(home_page)
    log("News, meetings and leaflets are in place.")


def refresh_dates(home_page, log):
    news_index = ensure_news_index(home_page)
    moved = sum(refresh_child_page(news_index, item["slug"], date=days_from_today(-item["days_ago"])) for item in NEWS)
    moved += refresh_meetings(home_page)
    leaflet_index = ensure_leaflet_index(home_page)
    moved += sum(refresh_child_page(leaflet_index, item["slug"], **leaflet_review_dates()) for item in LEAFLETS)
    log(f"News, meetings and leaflets: {moved} page(s) dated from today again.")
