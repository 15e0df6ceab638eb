"""Email updates (/updates/): double opt-in, one email per published page,
weekly digests, one-click unsubscribe, signed links, privacy and purging."""

import email
import email.policy
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opportunities.models import OpportunityTheme, Rung
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory
from tests.factories.opportunities import OpportunityIndexPageFactory, OpportunityPageFactory
from tests.factories.suggestions import SuggestionFactory, YouSaidWeDidPageFactory
from updates.announcements import announce, send_announcement
from updates.digests import send_digests
from updates.models import Announcement, Delivery, Frequency, Subscriber, Topic
from updates.tokens import CONFIRM, MANAGE, make_token

SUBSCRIBE_URL = "/updates/"


def parsed(message):
    """The email as a mail program sees it, parsed from its raw bytes."""
    return email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)


def text_and_html(message):
    parsed_message = parsed(message)
    text = parsed_message.get_body(preferencelist=("plain",)).get_content()
    html = parsed_message.get_body(preferencelist=("html",)).get_content()
    return text, html


def links_in(text):
    return re.findall(r"https?://\S+", text)


def list_unsubscribe_url(message):
    """The address in the List-Unsubscribe header (long headers are folded)."""
    return re.sub(r"\s+", "", str(parsed(message)["List-Unsubscribe"])).strip("<>")


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up(client, email_address="sam@example.org", topics=("news",), frequency="immediately", **extra):
    data = {"email": email_address, "topics": list(topics), "frequency": frequency, **extra}
    return client.post(SUBSCRIBE_URL, data)


def link_path(message, containing):
    """The path of the first link in the plain-text part whose address contains `containing`."""
    text, _ = text_and_html(message)
    return path_of(next(link for link in links_in(text) if containing in link))


def confirm_from_outbox(client):
    return client.get(link_path(mail.outbox[-1], "/confirm/"))


@pytest.fixture
def news_index(home_page, site_settings):
    return NewsIndexPageFactory(parent=home_page)


def publish(page):
    page.save_revision().publish()


@pytest.fixture
def confirmed(db, home_page):
    def make(email_address="sam@example.org", topics=(Topic.NEWS,), frequency=Frequency.IMMEDIATELY, **extra):
        return Subscriber.objects.create(
            email=email_address, topics=list(topics), frequency=frequency, confirmed_at=timezone.now(), **extra
        )

    return make


# --- Sign-up and confirmation -------------------------------------------------------------


@pytest.mark.django_db
def test_subscribe_confirm_then_one_email_per_published_page(client, news_index):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("updates:check_email")
    subscriber = Subscriber.objects.get()
    assert not subscriber.is_confirmed
    assert len(mail.outbox) == 1
    assert parsed(mail.outbox[0])["To"] == "sam@example.org"

    response = confirm_from_outbox(client)
    assert response.status_code == 200
    assert "Your email updates have started" in response.text
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed

    mail.outbox.clear()
    page = NewsPageFactory(parent=news_index, title="The Hub reopens", summary="New opening hours.")
    publish(page)
    publish(page)  # a second publish of the same page (an edit) tells nobody again
    assert len(mail.outbox) == 1
    text, html = text_and_html(mail.outbox[0])
    assert parsed(mail.outbox[0])["Subject"] == "The Hub reopens"
    assert "New opening hours." in text and page.full_url in text
    assert f'href="{page.full_url}"' in html


@pytest.mark.django_db
def test_sending_to_many_subscribers_looks_the_site_up_once(news_index, confirmed):
    """Each email carries the site's address and settings: found once for
    the whole run, not once per subscriber."""
    for number in range(12):
        confirmed(f"person{number}@example.org")
    page = NewsPageFactory(parent=news_index)
    announcement = Announcement.objects.create(key="page:x", topic=Topic.NEWS, title="One", url=page.full_url)
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        send_announcement.call(announcement.pk)
    assert len(mail.outbox) == 12
    site_queries = [query for query in queries.captured_queries if '"wagtailcore_site"' in query["sql"]]
    assert len(site_queries) <= 1


@pytest.mark.django_db
def test_nothing_is_sent_before_the_address_is_confirmed(client, news_index):
    sign_up(client)
    mail.outbox.clear()
    publish(NewsPageFactory(parent=news_index))
    assert mail.outbox == []


@pytest.mark.django_db
def test_two_servers_announcing_the_same_page_at_once_send_once(news_index, confirmed):
    confirmed()
    page = NewsPageFactory(parent=news_index)
    assert announce(f"page:{page.pk}", topic=Topic.NEWS, title="One", url=page.full_url) is not None
    assert announce(f"page:{page.pk}", topic=Topic.NEWS, title="One", url=page.full_url) is None
    # The other server's row arrives between this one's lookup and insert: the
    # lookup misses, the unique key refuses the insert, and nothing is queued.
    real_get = QuerySet.get
    lookups = []

    def first_lookup_misses(queryset, *args, **kwargs):
        if queryset.model is Announcement and not lookups:
            lookups.append(kwargs)
            raise Announcement.DoesNotExist
        return real_get(queryset, *args, **kwargs)

    with mock.patch.object(QuerySet, "get", first_lookup_misses):
        assert announce(f"page:{page.pk}", topic=Topic.NEWS, title="One", url=page.full_url) is None
    assert lookups
    assert len(mail.outbox) == 1
    assert Announcement.objects.count() == 1 and Delivery.objects.count() == 1


@pytest.mark.django_db
def test_only_the_chosen_topics_rungs_and_themes_are_sent(home_page, site_settings, news_index, confirmed):
    index = OpportunityIndexPageFactory(parent=home_page)
    confirmed("news@example.org", topics=[Topic.NEWS])
    confirmed("letters@example.org", topics=[Topic.NEWSLETTERS])
    confirmed("any-opportunity@example.org", topics=[Topic.OPPORTUNITIES])
    confirmed("control@example.org", topics=[Topic.OPPORTUNITIES], rungs=[Rung.CONTROL])
    themed = confirmed("themed@example.org", topics=[Topic.OPPORTUNITIES])
    themed.themes.set([OpportunityTheme.objects.create(name="Housing", slug="housing")])
    opportunity = OpportunityPageFactory(parent=index, rung=Rung.PARTICIPATION, themes=["hub-and-forum"])
    hub_fan = confirmed("hub@example.org", topics=[Topic.OPPORTUNITIES], rungs=[Rung.PARTICIPATION])
    hub_fan.themes.set(opportunity.themes.all())
    publish(opportunity)
    assert sorted(message.to[0] for message in mail.outbox) == ["any-opportunity@example.org", "hub@example.org"]

    mail.outbox.clear()
    publish(NewsPageFactory(parent=news_index, kind="newsletter"))
    assert [message.to for message in mail.outbox] == [["letters@example.org"]]


@pytest.mark.django_db
def test_a_published_answer_goes_to_you_said_we_did_subscribers(home_page, site_settings, confirmed):
    YouSaidWeDidPageFactory(parent=home_page)
    confirmed(topics=[Topic.YOU_SAID_WE_DID])
    suggestion = SuggestionFactory()
    assert mail.outbox == []
    SuggestionFactory(published=True, public_version="More evening sessions")
    suggestion.save()
    assert len(mail.outbox) == 1
    assert "More evening sessions" in parsed(mail.outbox[0])["Subject"]


@pytest.mark.django_db
def test_an_expired_confirmation_link_is_refused_kindly(client, home_page, site_settings):
    sign_up(client)
    token = make_token(Subscriber.objects.get(), CONFIRM)
    later = timezone.now() + timedelta(days=8)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(reverse("updates:confirm", args=[token]))
    assert response.status_code == 400
    assert "This link has expired" in response.text
    assert reverse("updates:subscribe") in response.text
    assert not Subscriber.objects.get().is_confirmed


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "x:y:z"])
def test_a_broken_link_is_refused_kindly(client, home_page, site_settings, token):
    for name in ("confirm", "manage"):
        response = client.get(reverse(f"updates:{name}", args=[token]))
        assert response.status_code == 400
        assert "This link does not work" in response.text


@pytest.mark.django_db
def test_signing_up_a_confirmed_address_again_changes_nothing_and_tells_the_owner(client, confirmed):
    subscriber = confirmed(topics=[Topic.NEWS])
    response = sign_up(client, topics=["opportunities"], frequency="weekly")
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.topics == [Topic.NEWS] and subscriber.frequency == Frequency.IMMEDIATELY
    text, _ = text_and_html(mail.outbox[0])
    assert "already gets them" in text


@pytest.mark.django_db
def test_the_same_address_typed_differently_is_one_subscriber(client, home_page, site_settings):
    sign_up(client, email_address="Sam@Example.org")
    sign_up(client, email_address="sam@example.org ")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["sam@example.org"]


@pytest.mark.django_db
def test_invalid_sign_up_shows_errors_and_stores_nothing(client, home_page, site_settings):
    response = client.post(SUBSCRIBE_URL, {"email": "not an address", "frequency": "sometimes"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.text
    assert "Tick at least one thing" in response.text
    assert Subscriber.objects.count() == 0 and mail.outbox == []


@pytest.mark.django_db
def test_sign_up_honeypot_and_rate_limit(client, home_page, site_settings, settings):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 400
    assert Subscriber.objects.count() == 0
    settings.SUI_RATE_LIMITS = {"submission": "2/10m"}
    statuses = [sign_up(client, email_address=f"p{n}@example.org").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Subscriber.objects.count() == 2


# --- Every update email: headers, links, unsubscribe, change choices ------------------------


@pytest.fixture
def update_email(news_index, confirmed):
    subscriber = confirmed()
    publish(NewsPageFactory(parent=news_index))
    return subscriber, mail.outbox[-1]


@pytest.mark.django_db
def test_update_emails_carry_one_click_unsubscribe_headers_and_links(update_email):
    subscriber, message = update_email
    headers = parsed(message)
    unsubscribe_url = list_unsubscribe_url(message)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url.endswith(reverse("updates:unsubscribe", args=[make_token(subscriber, MANAGE)]))
    text, html = text_and_html(message)
    assert unsubscribe_url in text and unsubscribe_url in html
    assert any("/updates/choices/" in link for link in links_in(text))


@pytest.mark.django_db
def test_one_click_unsubscribe_deletes_the_address(update_email):
    from django.test import Client

    _, message = update_email
    unsubscribe_path = path_of(list_unsubscribe_url(message))
    # Mail programs POST without a CSRF token (RFC 8058).
    response = Client(enforce_csrf_checks=True).post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="sam@example.org").exists()
    assert Delivery.objects.count() == 0
    # The link again, later: a kind page, not an error.
    assert "You have unsubscribed" in Client().get(unsubscribe_path).text


@pytest.mark.django_db
def test_the_unsubscribe_link_asks_before_deleting(client, update_email):
    response = client.get(link_path(update_email[1], "/unsubscribe/"))
    assert response.status_code == 200 and 'method="post"' in response.text
    assert Subscriber.objects.count() == 1


@pytest.mark.django_db
def test_change_choices_from_the_link_in_an_email(client, update_email):
    subscriber, message = update_email
    manage_path = link_path(message, "/choices/")
    page = client.get(manage_path)
    assert page.status_code == 200 and "sam@example.org" in page.text
    response = client.post(manage_path, {"topics": ["opportunities"], "rungs": ["control"], "frequency": "weekly"})
    assert "Your choices are saved" in response.text
    subscriber.refresh_from_db()
    assert (subscriber.topics, subscriber.rungs, subscriber.frequency) == (["opportunities"], ["control"], "weekly")


# --- Weekly digests ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_weekly_digest_groups_the_week_in_one_email_once(news_index, confirmed):
    confirmed("weekly@example.org", topics=[Topic.NEWS, Topic.NEWSLETTERS], frequency=Frequency.WEEKLY)
    old = NewsPageFactory(parent=news_index, title="Last month")
    publish(old)
    Announcement.objects.filter(title="Last month").update(created_at=timezone.now() - timedelta(days=10))
    for title, kind in (("Monday news", "news"), ("Spring newsletter", "newsletter"), ("Friday news", "news")):
        publish(NewsPageFactory(parent=news_index, title=title, kind=kind))
    assert mail.outbox == []  # weekly subscribers get nothing as things are published

    call_command("send_update_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    text, html = text_and_html(mail.outbox[0])
    assert parsed(mail.outbox[0])["Subject"] == "This week: 3 updates"
    assert text.index("Monday news") < text.index("Spring newsletter") < text.index("Friday news")
    assert "Last month" not in text and "Friday news" in html
    assert parsed(mail.outbox[0])["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    assert send_digests() == 0  # run twice (cron retried): nothing new to send
    assert len(mail.outbox) == 1


# --- Privacy: who sees the list, purging unconfirmed sign-ups ----------------------------


@pytest.mark.django_db
def test_unconfirmed_sign_ups_are_deleted_after_seven_days(home_page, confirmed):
    confirmed("kept@example.org")
    Subscriber.objects.create(email="recent@example.org", topics=["news"])
    Subscriber.objects.create(email="stale@example.org", topics=["news"], created_at=timezone.now() - timedelta(days=8))
    call_command("purge_unconfirmed_subscribers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.org", "recent@example.org"]


@pytest.mark.django_db
def test_only_the_involvement_team_and_moderators_see_the_addresses(
    client, confirmed, involvement_officer, moderator, editor, reviewer
):
    confirmed("private@example.org")
    list_url = reverse("email_subscribers:index")
    for user in (involvement_officer, moderator):
        client.force_login(user)
        assert "private@example.org" in client.get(list_url).text
    for user in (editor, reviewer):
        client.force_login(user)
        assert client.get(list_url).status_code in (302, 403)
        dashboard = client.get(reverse("wagtailadmin_home")).text
        assert "1 person gets email updates." in dashboard
        assert "private@example.org" not in dashboard


@pytest.mark.django_db
def test_nobody_adds_or_edits_addresses_in_the_admin(client, confirmed, superuser):
    subscriber = confirmed()
    client.force_login(superuser)
    assert client.get(reverse("email_subscribers:index")).status_code == 200
    assert client.get(reverse("email_subscribers:add")).status_code in (302, 403)
    assert client.get(reverse("email_subscribers:edit", args=[subscriber.pk])).status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["a%00b%40example.org", "%FF%FE", "a%00b%C3%28", "x" * 5000])
def test_odd_input_never_500s_and_stores_nothing(client, home_page, site_settings, odd):
    body = "&".join(f"{name}={odd}" for name in ("email", "topics", "rungs", "themes", "frequency"))
    response = client.post(SUBSCRIBE_URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert Subscriber.objects.count() == 0
    for name in ("confirm", "choices", "unsubscribe"):
        assert client.get(f"/updates/{name}/{odd}/").status_code in (200, 400)


@pytest.mark.django_db
def test_no_email_updates_page_is_kept_by_caches(client, update_email):
    subscriber, _ = update_email
    token = make_token(subscriber, MANAGE)
    for url in (SUBSCRIBE_URL, reverse("updates:check_email"), reverse("updates:manage", args=[token])):
        assert "no-store" in client.get(url)["Cache-Control"]
