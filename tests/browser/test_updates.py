"""Email updates pages in a real browser: axe finds nothing, with and without errors."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import assert_accessible, desktop_only
from updates.models import Subscriber
from updates.tokens import MANAGE, make_token

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@desktop_only
def test_email_updates_pages_have_no_accessibility_violations(page, live_server, demo_site):
    page.goto(f"{live_server.url}/updates/")
    assert_accessible(page, "updates-subscribe")

    page.get_by_role("button", name="Sign up").click()
    assert page.locator(".error-summary, [role=alert]").first.is_visible()
    assert_accessible(page, "updates-subscribe-errors")

    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("News", exact=True).check()
    page.get_by_role("button", name="Sign up").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page, "updates-check-email")

    subscriber = Subscriber.objects.get(email="sam@example.org")
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    token = make_token(subscriber, MANAGE)
    page.goto(f"{live_server.url}{reverse('updates:manage', args=[token])}")
    page.get_by_role("button", name="Save my choices").click()
    assert page.get_by_text("Your choices are saved").is_visible()
    assert_accessible(page, "updates-manage")

    page.goto(f"{live_server.url}{reverse('updates:unsubscribe', args=[token])}")
    assert_accessible(page, "updates-unsubscribe")
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.get_by_role("heading", name="You have unsubscribed").is_visible()
    assert_accessible(page, "updates-unsubscribed")

    page.goto(f"{live_server.url}{reverse('updates:confirm', args=['broken'])}")
    assert_accessible(page, "updates-link-problem")
