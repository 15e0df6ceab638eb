"""Comms staff in the admin without dead ends (issue 14): meeting groups,
readable document links, free slugs, meeting validation, the publish buttons
editors see in News, and survey error messages."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Collection, Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from home.blocks import DocumentLinksBlock
from home.documents import looks_like_file_name, readable_title
from home.page_forms import FreeSlugFormMixin
from news.models import MeetingGroup, MeetingMinutesPage, NewsPage
from suggestions.survey_errors import survey_error_messages
from tests.factories.news import (
    MeetingGroupFactory,
    MeetingIndexPageFactory,
    MeetingMinutesPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    make_document,
)
from tests.factories.suggestions import FormFieldFactory, FormPageFactory

pytestmark = pytest.mark.django_db

GROUP_FORM = {"name": "Peer Researchers", "purpose": "Plans the peer research.", "who_can_attend": "Peer researchers."}


# --- Meeting groups ---------------------------------------------------------------------


@pytest.mark.parametrize("user_fixture", ["editor", "moderator"])
def test_editors_and_moderators_add_and_edit_meeting_groups(request, client, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.post(reverse("wagtailsnippets_news_meetinggroup:add"), GROUP_FORM)
    assert response.status_code == 302
    group = MeetingGroup.objects.get(name="Peer Researchers")
    assert group.slug == "peer-researchers"
    response = client.post(
        reverse("wagtailsnippets_news_meetinggroup:edit", args=(group.pk,)),
        {**GROUP_FORM, "slug": group.slug, "name": "Peer Research Group"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Peer Research Group"


def test_the_group_chooser_creates_a_group_in_place(client, editor):
    client.force_login(editor)
    chooser = client.get(reverse("wagtailsnippetchoosers_news_meetinggroup:choose"))
    assert chooser.status_code == 200
    assert "Add a new group" in json.loads(chooser.content)["html"]
    response = client.post(reverse("wagtailsnippetchoosers_news_meetinggroup:create"), GROUP_FORM)
    assert response.status_code == 200
    result = json.loads(response.content)
    assert result["step"] == "chosen"
    assert result["result"]["string"] == "Peer Researchers"
    assert MeetingGroup.objects.filter(name="Peer Researchers").exists()


def test_a_group_without_minutes_can_be_deleted(client, editor):
    group = MeetingGroupFactory(name="Old group")
    client.force_login(editor)
    response = client.post(reverse("wagtailsnippets_news_meetinggroup:delete", args=(group.pk,)))
    assert response.status_code == 302
    assert not MeetingGroup.objects.filter(pk=group.pk).exists()


@pytest.mark.parametrize("user_fixture", ["editor", "superuser"])
def test_a_group_with_minutes_is_kept_with_a_clear_message(request, client, home_page, user_fixture):
    group = MeetingGroupFactory(name="Service User Forum")
    MeetingMinutesPageFactory(parent=MeetingIndexPageFactory(parent=home_page), group=group)
    client.force_login(request.getfixturevalue(user_fixture))
    delete_url = reverse("wagtailsnippets_news_meetinggroup:delete", args=(group.pk,))
    for response in (client.get(delete_url, follow=True), client.post(delete_url, follow=True)):
        html = response.content.decode()
        assert "Service User Forum cannot be deleted: 1 meeting page uses it." in html
    bulk_url = reverse("wagtail_bulk_action", args=("news", "meetinggroup", "delete")) + f"?id={group.pk}"
    html = client.post(bulk_url, follow=True).content.decode()
    assert "cannot be deleted" in html
    assert MeetingGroup.objects.filter(pk=group.pk).exists()


# --- Free slugs -------------------------------------------------------------------------


def create_view_post(client, parent, model, **changes):
    """Post the page editor's create form for `model` under `parent` as a
    browser would: every input the form renders, StreamFields left empty."""
    app_label, model_name = model._meta.app_label, model._meta.model_name
    url = reverse("wagtailadmin_pages:add", args=(app_label, model_name, parent.pk))
    page = client.get(url)
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="page-edit-form")
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            data.update(nested_form_data({field.name: streamfield([])}))
    for name, value in changes.items():
        data[name] = value
    return client.post(url, data)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


NEWSLETTER = {"title": "Spring newsletter 2027", "summary": "What happened this spring.", "kind": "newsletter"}


@pytest.mark.parametrize("posted_slug", ["spring-newsletter-2027", ""], ids=["made-by-script", "no-javascript"])
def test_a_new_page_gets_a_free_slug_after_an_abandoned_attempt(client, editor, news_index, posted_slug):
    abandoned = NewsPageFactory(parent=news_index, title="Spring newsletter 2027", slug="spring-newsletter-2027")
    abandoned.unpublish()
    client.force_login(editor)
    response = create_view_post(client, news_index, NewsPage, **NEWSLETTER, slug=posted_slug)
    assert response.status_code == 302, response.content.decode()
    newest = NewsPage.objects.child_of(news_index).order_by("-pk").first()
    assert newest.pk != abandoned.pk
    assert newest.slug == "spring-newsletter-2027-2"


def test_a_slug_the_editor_typed_is_kept_and_a_taken_one_is_explained(client, editor, news_index):
    NewsPageFactory(parent=news_index, title="Spring", slug="spring")
    client.force_login(editor)
    response = create_view_post(client, news_index, NewsPage, **NEWSLETTER, slug="spring")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Another page in the same place already has the address" in html
    assert "&#x27;spring-2&#x27;" in html or "'spring-2'" in html
    assert NewsPage.objects.count() == 1
    response = create_view_post(client, news_index, NewsPage, **NEWSLETTER, slug="spring-round-up")
    assert response.status_code == 302
    assert NewsPage.objects.filter(slug="spring-round-up").exists()


def test_the_slug_help_text_speaks_plainly(client, editor, news_index):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))).content.decode()
    assert "The last part of the page&#x27;s web address" in html
    assert "http://domain.com" not in html


def test_every_page_type_gets_free_slugs():
    for model in get_page_models():
        if model is Page:
            continue
        form_class = model.get_edit_handler().get_form_class()
        assert issubclass(form_class, FreeSlugFormMixin), f"{model.__name__} needs base_form_class = SitePageForm"


# --- Meeting pages ----------------------------------------------------------------------


@pytest.fixture
def meeting_index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


def meeting_form(group, day, **changes):
    return {
        "title": "",
        "slug": "",
        "group": str(group.pk),
        "date": day.isoformat(),
        "start_time": "10:00",
        "place": "The Hub",
        "summary": "Our regular meeting.",
        **changes,
    }


def test_a_meeting_gets_its_title_and_slug_from_group_and_date(client, editor, meeting_index):
    group = MeetingGroupFactory(name="Service User Forum")
    client.force_login(editor)
    day = datetime.date(2026, 3, 5)
    response = create_view_post(client, meeting_index, MeetingMinutesPage, **meeting_form(group, day))
    assert response.status_code == 302, response.content.decode()
    page = MeetingMinutesPage.objects.get()
    assert page.title == "Service User Forum, 5 March 2026"
    assert page.slug == "service-user-forum-2026-03-05"
    # A slug made from a typed title follows the same pattern; a second
    # meeting the same day gets the next free one.
    response = create_view_post(
        client,
        meeting_index,
        MeetingMinutesPage,
        **meeting_form(group, day, title="Extra forum", slug="extra-forum", start_time="14:00"),
    )
    assert response.status_code == 302
    second = MeetingMinutesPage.objects.get(title="Extra forum")
    assert second.slug == "service-user-forum-2026-03-05-2"


def test_a_meeting_without_title_group_or_date_says_what_to_do(client, editor, meeting_index):
    client.force_login(editor)
    response = create_view_post(
        client, meeting_index, MeetingMinutesPage, title="", slug="", group="", date="", start_time="10:00"
    )
    assert response.status_code == 200
    assert "Give the meeting a title, or choose its group and date" in response.content.decode()


def test_a_meeting_dated_ahead_refuses_minutes_decisions_and_attendance(client, editor, meeting_index):
    group = MeetingGroupFactory(name="Service User Forum")
    ahead = timezone.localdate() + datetime.timedelta(days=7)
    client.force_login(editor)
    response = create_view_post(
        client,
        meeting_index,
        MeetingMinutesPage,
        **meeting_form(group, ahead, decisions=rich_text("<p>We agreed a thing.</p>")),
        **{"minutes_document": str(make_document(title="Forum minutes").pk)},
        **nested_form_data({"attendance": inline_formset([{"role": "Service user representative", "number": "4"}])}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    day = ahead.strftime("%-d %B %Y")
    assert f"The meeting is on {day}, which has not come yet. Add the decisions once" in html
    assert "Add the minutes once the meeting has happened." in html
    assert "Say who attended once the meeting has happened." in html
    assert not MeetingMinutesPage.objects.exists()


def test_a_past_meeting_takes_minutes_decisions_and_attendance(client, editor, meeting_index):
    group = MeetingGroupFactory(name="Service User Forum")
    past = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(editor)
    response = create_view_post(
        client,
        meeting_index,
        MeetingMinutesPage,
        **meeting_form(group, past, decisions=rich_text("<p>We agreed a thing.</p>")),
        **{"minutes_document": str(make_document(title="Forum minutes").pk)},
        **nested_form_data({"attendance": inline_formset([{"role": "Service user representative", "number": "4"}])}),
    )
    assert response.status_code == 302, response.content.decode()
    page = MeetingMinutesPage.objects.get()
    assert page.attendance.get().number == 4


# --- Download links read as words -------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "looks_like_file", "readable"),
    [
        ("spring-newsletter-2027", True, "Spring newsletter 2027"),
        ("minutes_march_2026", True, "Minutes march 2026"),
        ("Forum minutes.pdf", True, "Forum minutes"),
        ("Spring newsletter 2027", False, "Spring newsletter 2027"),
        ("Minutes", False, "Minutes"),
    ],
)
def test_file_name_like_titles_are_recognised_and_made_readable(title, looks_like_file, readable):
    assert looks_like_file_name(title) is looks_like_file
    assert readable_title(title) == readable


def test_a_download_named_after_its_file_reads_as_words_on_the_page(client, news_index):
    document = make_document(title="spring-newsletter-2027", filename="spring-newsletter-2027.pdf", size=1024)
    page = NewsPageFactory(parent=news_index, document=document)
    html = client.get(page.url).content.decode()
    assert '>Spring newsletter 2027</a> <span class="document-link__meta">(PDF, 1 KB)</span>' in html
    assert ">spring-newsletter-2027<" not in html


def test_document_links_block_uses_its_link_text_else_a_readable_title(home_page):
    document = make_document(title="agm_papers_2026", filename="agm.pdf")
    block = DocumentLinksBlock()
    value = block.to_python(
        {
            "heading": "",
            "documents": [{"document": document.pk, "label": ""}, {"document": document.pk, "label": "AGM papers"}],
        }
    )
    html = block.render(value)
    assert ">Agm papers 2026</a>" in html
    assert ">AGM papers</a>" in html
    assert "agm_papers_2026" not in html


def test_the_document_form_warns_about_a_file_name_title_without_blocking(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("spring-newsletter-2027.pdf", b"%PDF-1.4 spring", content_type="application/pdf")
    collection = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtaildocs:add"), {"title": "spring-newsletter-2027", "file": upload, "collection": collection.pk}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    html = client.get(reverse("wagtaildocs:edit", args=(document.pk,))).content.decode()
    warning = "This title looks like a file name. Change it to words people will read, e.g. &#x27;Spring newsletter"
    assert warning in html
    document.title = "Spring newsletter 2027"
    document.save()
    html = client.get(reverse("wagtaildocs:edit", args=(document.pk,))).content.decode()
    assert "looks like a file name" not in html
    assert "The words people click to download it" in html


# --- Survey error messages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "field_type", "message"),
    [
        ("What is your postcode?", "singleline", "Enter your postcode"),
        ("Your postcode", "singleline", "Enter your postcode"),
        ("How often do you visit the Hub?", "radio", "Select how often you visit the Hub"),
        ("When should the Hub open?", "radio", "Select when the Hub should open"),
        ("Do you use the Hub?", "radio", "Select whether you use the Hub"),
        ("Are you a member of the Forum?", "dropdown", "Select whether you are a member of the Forum"),
        ("Which services do you use?", "checkboxes", "Select which services you use"),
        ("GP surgery name", "singleline", "Enter GP surgery name"),
        ("Anything else? (optional)", "multiline", "Enter anything else"),
    ],
)
def test_survey_questions_get_error_messages_in_their_own_words(label, field_type, message):
    assert survey_error_messages(label, field_type)["required"] == message


def test_a_survey_says_what_to_do_for_each_unanswered_question(client, home_page, site_settings):
    page = FormPageFactory(parent=home_page)
    FormFieldFactory(page=page, label="What is your postcode?")
    FormFieldFactory(page=page, label="How often do you visit?", field_type="radio", choices="Weekly\\nMonthly")
    FormFieldFactory(page=page, label="Email", field_type="email", required=False)
    html = client.post(page.url, {"email": "not-an-address"}).content.decode()
    assert "Enter your postcode" in html
    assert "Select how often you visit" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert "This field is required." not in html


def test_a_meeting_saved_ahead_with_minutes_before_the_check_never_promises_them(client, meeting_index):
    # Pages saved before the editor refused minutes on an upcoming meeting.
    ahead = timezone.localdate() + datetime.timedelta(days=7)
    page = MeetingMinutesPageFactory(parent=meeting_index, date=ahead, minutes_document=make_document())
    html = client.get(page.url).content.decode()
    assert "This meeting has not happened yet." in html
    assert "minutes will follow" not in html
