from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Staff may look (and delete an address on request), never add or edit:
    only the address's owner changes their choices, from their emails' links."""

    allowed_actions = {"view", "delete"}

    def user_has_permission(self, user, action):
        return action in self.allowed_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a in self.allowed_actions])


register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


class SubscriberViewSet(ModelViewSet):
    """The list of addresses, for the groups the migration grants "view" to
    (Involvement team, Moderators). Read-only: people manage their own
    choices from the links in their emails."""

    model = Subscriber
    icon = "mail"
    menu_label = "Email subscribers"
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["email", "topic_labels", "frequency", "confirmed_at", "created_at"]
    list_filter = ["frequency"]
    search_fields = ["email"]
    search_backend_name = None
    inspect_view_enabled = True
    # Wagtail needs a form to build the view set; the permission policy still
    # refuses adding and editing to everyone.
    form_fields = ["frequency"]


subscriber_viewset = SubscriberViewSet("email_subscribers")


class SubscriberCountPanel(Component):
    """How many people get email updates: a number only, for everyone in the
    admin; the addresses stay behind the view permission."""

    order = 260

    def __init__(self, can_see_list):
        self.can_see_list = can_see_list

    def render_html(self, parent_context=None):
        count = Subscriber.objects.confirmed().count()
        text = f"{count} {'person gets' if count == 1 else 'people get'} email updates."
        link = format_html(' <a href="{}">See the list</a>', subscriber_viewset.menu_url) if self.can_see_list else ""
        return format_html(
            '<section class="w-panel w-panel--dashboard" aria-label="Email updates"><p>{}{}</p></section>', text, link
        )


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


@hooks.register("construct_homepage_panels")
def add_subscriber_count_panel(request, panels):
    panels.append(SubscriberCountPanel(request.user.has_perm("updates.view_subscriber")))
