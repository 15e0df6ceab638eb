"""Demo content for the home app: the site, the home page, the standard pages
and the site settings. Written in our own words from the partnership's
Service User Involvement policy. Contact details use numbers and addresses
reserved for examples, so nobody real is rung or emailed."""

from wagtail.models import Page, Site

from home.models import FooterSettings, HomePage, SiteSettings, StandardPage

from .files import pdf_document
from .pages import days_from_today, details, ensure_child_page, heading, paragraph, quote, refresh_child_page, stream


def ladder_body():
    blocks = [
        paragraph(
            "<p>There are many ways to be involved, from reading a newsletter to running a project. We use the "
            "Ladder of Participation to describe them. <b>No rung is better than another.</b> You choose the level "
            "that feels right for you, and you can move between rungs whenever you like.</p>"
        ),
        paragraph(
            "<p>The picture below shows the five rungs, from <b>Information</b> at the bottom to <b>Control</b> at "
            "the top. Each rung links to the opportunities open at that level right now.</p>"
        ),
    ]
    return stream(*blocks)


POLICY_EASY_READ = [
    "This is our policy about involvement.",
    "Involvement means you help to plan, run and check the services you use.",
    "Everyone can take part. Your ideas matter as much as anyone's.",
    "We will tell you what you can change and what you cannot.",
    "We will tell you what we did with your ideas.",
    "We will pay your bus fare. We will give you training and support.",
    "You can tell us what you think of this policy. Ring 0151 496 0123 or come to the Hub.",
]

POLICY_FULL = [
    "This is the full text of the partnership's policy on service user involvement, reviewed with service users "
    "every year.",
    "Values. Open: visible, transparent, cooperative and collaborative. Everyone can contribute: background and "
    "circumstances do not decide your worth. People are assets: we use the skills people bring. Choice and "
    "control: people decide about the services they receive. Sharing what we learn across services. New chances "
    "to get involved, learn and grow. Access for all: we find and remove barriers of every kind. Equal respect "
    "between everyone involved.",
    "Commitments. We will always be clear about what people can change and what they cannot. People with lived "
    "experience will sit in the groups that make decisions. We will report how involvement is going, and what "
    "changed because of it. Staff will get training to involve people well. People who get involved will get "
    "training and support to take on new roles, and their travel costs are paid.",
    "Where people are involved: recruiting and interviewing staff, welcoming new staff, running the Lived "
    "Experience Hub and the Service User Forum, peer research, and reviewing policies.",
    "Review. This policy is reviewed every year with the Service User Forum. Comments are welcome at any time "
    "through the Have your say page, at the Hub or at the Forum.",
]


def policy_versions():
    """The Easy Read and full versions that a "You said, we did" answer says
    are on the policy page: the demo keeps that promise."""
    easy_read = pdf_document("Our involvement policy (Easy Read)", POLICY_EASY_READ, large_print=True)
    full = pdf_document("Our involvement policy (full version)", POLICY_FULL)
    return {
        "type": "documents",
        "value": {
            "heading": "Other versions of this policy",
            "documents": [
                {"document": easy_read.pk, "label": "Easy Read version"},
                {"document": full.pk, "label": "The full policy"},
            ],
        },
    }


STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About service user involvement",
        "introduction": "People who use services help to plan, run and check them. This site is where that happens "
        "in the open.",
        "body": lambda: stream(
            paragraph(
                "<p>The partnership brings together charities and services that work with people facing several "
                "problems at once: homelessness, drug and alcohol use, mental ill health and contact with the "
                "criminal justice system.</p>"
            ),
            heading("What involvement means"),
            paragraph(
                "<p>Involvement is more than being asked for an opinion once. It means people with lived experience "
                "have a real say at every stage: how a service is planned, how it is delivered and how we judge "
                "whether it worked.</p>"
            ),
            heading("What we believe"),
            paragraph(
                "<ul><li>Everyone has something to offer, whatever their background.</li>"
                "<li>People who use services bring skills and knowledge that professionals do not have.</li>"
                "<li>We work in the open: we say what we did with what you told us.</li>"
                "<li>We remove barriers so that anyone can take part.</li>"
                "<li>Everyone's view gets equal respect.</li></ul>"
            ),
            heading("You do not have to be a current client"),
            paragraph(
                "<p>People with wider lived experience are welcome too, not only people using our services today.</p>"
            ),
            quote("Being on the interview panel showed me my experience counts for something.", "Forum member"),
        ),
        "show_in_menus": True,
    },
    {
        "slug": "ladder-of-participation",
        "title": "The Ladder of Participation",
        "introduction": "Five ways to be involved. Choose the one that suits you.",
        "body": ladder_body,
        "show_ladder": True,
        "show_in_menus": True,
    },
    {
        "slug": "policy",
        "title": "Our involvement policy",
        "introduction": "The values and principles that every partner has signed up to, in plain English.",
        "version": "4.1",
        "reviewed_days_ago": 202,
        "review_in_days": 163,
        "body": lambda: stream(
            paragraph(
                "<p>This page summarises the partnership's policy on service user involvement. It is reviewed with "
                "service users every year.</p>"
            ),
            heading("Our values"),
            paragraph(
                "<ul><li><b>Open:</b> visible, transparent, cooperative and collaborative.</li>"
                "<li><b>Everyone can contribute:</b> background and circumstances do not decide your worth.</li>"
                "<li><b>People are assets:</b> we use the skills people bring.</li>"
                "<li><b>Choice and control:</b> people decide about the services they receive.</li>"
                "<li><b>Sharing what we learn</b> across services.</li>"
                "<li><b>New chances</b> to get involved, learn and grow.</li>"
                "<li><b>Access for all:</b> we find and remove barriers of every kind.</li>"
                "<li><b>Equal respect</b> between everyone involved.</li></ul>"
            ),
            heading("What we promise"),
            paragraph(
                "<ul><li>We will always be clear about what you can change and what you cannot.</li>"
                "<li>People with lived experience will sit in the groups that make decisions.</li>"
                "<li>We will report how involvement is going, and what changed because of it.</li>"
                "<li>Staff will get training to involve people well.</li>"
                "<li>You will get training and support to take on new roles.</li></ul>"
            ),
            heading("Where people are involved"),
            paragraph(
                "<p>Recruiting and interviewing staff, welcoming new staff, running the Lived Experience Hub and the "
                "Service User Forum, peer research, and reviewing policies.</p>"
            ),
            policy_versions(),
            heading("Tell us what you think of this policy"),
            paragraph(
                '<p>This policy is reviewed with the people it is for. <a href="/have-your-say/?topic=policy">Send us '
                "your comments</a>, or bring them to the next Service User Forum.</p>"
            ),
        ),
        "show_in_menus": True,
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "What we collect when you use this site, why, who sees it, and how long we keep it.",
        "reviewed_days_ago": 92,
        "review_in_days": 273,
        "body": lambda: stream(
            heading("Suggestions"),
            paragraph(
                "<p>You can make a suggestion without giving your name or any contact details. If you do not ask "
                "for a reply, we do not store anything that identifies you, not even your internet address.</p>"
            ),
            heading("If you ask for a reply or say you are interested in an opportunity"),
            paragraph(
                "<p>We keep what you tell us so that the Involvement team can contact you. Only the Involvement "
                "team can see it. Emails to staff carry a reference number, never your details.</p>"
            ),
            heading("How long we keep it"),
            paragraph(
                "<p>Names and contact details are deleted automatically 12 months after you send them, including "
                "any you give in a survey. We keep the rest without anything that identifies you, so we can count "
                "how involvement is going and publish what changed.</p>"
            ),
            heading("Your rights"),
            paragraph(
                "<p>You can ask to see, correct or delete what we hold about you. Quote your reference number if "
                "you have one, and contact the Involvement team using the details below.</p>"
            ),
            heading("Cookies"),
            paragraph(
                "<p>We only use the cookies the site needs to work, for example to keep a form secure. We do not "
                "use tracking or advertising cookies, and this site loads nothing from other websites.</p>"
            ),
        ),
        "show_in_menus": False,
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": "We want everyone to be able to use this site, whatever device or help they use.",
        "reviewed_days_ago": 92,
        "review_in_days": 89,
        "body": lambda: stream(
            paragraph(
                "<p>This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. You "
                "should be able to:</p><ul><li>zoom in up to 400% without text spilling off the screen</li>"
                "<li>use the whole site with a keyboard only</li><li>use it with a screen reader</li>"
                "<li>use every form without JavaScript</li><li>use it on an old phone with a slow connection</li></ul>"
            ),
            heading("Easy Read and other formats"),
            paragraph(
                '<p>Our <a href="/leaflets/">leaflets</a> come in Easy Read, large print and audio versions where we '
                "have them. If you need something in another format, ask us and we will do our best.</p>"
            ),
            heading("Reporting a problem"),
            paragraph(
                "<p>If something on this site does not work for you, please tell us. Ring, text, email or call in at "
                "the Hub: the details are at the bottom of every page.</p>"
            ),
            details(
                "How we test this site",
                "<p>Every kind of page is checked automatically in a real browser for accessibility problems each "
                "time the site changes, and the forms are tried with the keyboard only and with JavaScript off.</p>",
            ),
        ),
        "show_in_menus": False,
    },
]


def ensure_home_and_site():
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # A fresh Wagtail database has a placeholder "Welcome" page; replace it.
        for placeholder in root.get_children().filter(content_type__model="page"):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = HomePage(
            title="Your voice, your services",
            slug="home",
            introduction="Find ways to have your say in the services you use, from reading our news to helping "
            "run things. No experience needed, and support is there if you want it.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="SUI")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def review_dates(spec):
    """Review dates counted from today, so no demo page is overdue for review when loaded."""
    if "reviewed_days_ago" not in spec:
        return {}
    return {
        "last_reviewed": days_from_today(-spec["reviewed_days_ago"]),
        "next_review": days_from_today(spec["review_in_days"]),
    }


def ensure_standard_pages(home):
    for spec in STANDARD_PAGES:
        fields = {
            key: spec[key]
            for key in ("title", "introduction", "version", "show_in_menus", "show_ladder")
            if key in spec
        }
        ensure_child_page(home, StandardPage, spec["slug"], body=spec["body"](), **fields, **review_dates(spec))


def ensure_settings(home):
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.phone:
        site_settings.organisation_name = "Waves of Hope: Service User Involvement"
        site_settings.tagline = "Lived experience shaping services for people with multiple needs"
        site_settings.contact_officer = "Service User Involvement Manager"
        site_settings.phone = "0151 496 0123"
        site_settings.text_number = "07700 900123"
        site_settings.email = "involvement@example.org"
        site_settings.involvement_team_email = "involvement-team@example.org"
        site_settings.postal_address = "Freepost SUI\nLived Experience Hub\n1 Example Street\nLiverpool L1 0AA"
        site_settings.hub_address = "Lived Experience Hub, 1 Example Street, Liverpool L1 0AA"
        site_settings.hub_opening_times = (
            "Monday to Friday, 10am to 4pm (until 7pm on Tuesdays and Thursdays), and Saturday, 10am to 1pm. "
            "Drop in, no appointment needed."
        )
        site_settings.other_ways_to_get_in_touch = (
            "<ul><li>Put a note in the suggestion box at the Hub.</li>"
            "<li>Ask your key worker or support worker to pass it on for you.</li>"
            "<li>Come to the Service User Forum, held at the Hub on the second Thursday of every month.</li></ul>"
        )
        site_settings.response_time = "We aim to get back to you within 5 working days."
        site_settings.out_of_hours_contact = "Hub out-of-hours line, 5pm to 10pm every day"
        site_settings.out_of_hours_number = "0151 496 0199"
        site_settings.save()
    footer = FooterSettings.for_site(site)
    if not footer.links:
        pages = {page.slug: page for page in StandardPage.objects.child_of(home)}
        footer.links = [("link", {"page": pages[slug], "title": ""}) for slug in ("about", "privacy", "accessibility")]
        footer.save()


def load(home_page, log):
    ensure_standard_pages(home_page)
    ensure_settings(home_page)
    log("Standard pages and site settings are in place.")


def refresh_dates(home_page, log):
    moved = sum(
        refresh_child_page(home_page, spec["slug"], **review_dates(spec))
        for spec in STANDARD_PAGES
        if review_dates(spec)
    )
    log(f"Standard pages: {moved} review date(s) counted from today again.")
