"""The staff groups (DESIGN.md section 9) and the workflows they take part in.

Groups are created by a data migration so that every database has them; what
each group may do is set by home/migrations/0003_roles_and_workflows.py (and,
for the records they own, by the feature apps' migrations). The permission
matrix in tests/test_editors.py holds the whole arrangement.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
INVOLVEMENT_TEAM = "Involvement team"
SERVICE_USER_REVIEWERS = "Service user reviewers"

ALL_GROUPS = (EDITORS, MODERATORS, INVOLVEMENT_TEAM, SERVICE_USER_REVIEWERS)

# Workflows (Settings > Workflows in the admin) and their steps.
REVIEW_AND_PUBLISH = "Review and publish"
SERVICE_USER_REVIEW = "Service user review"
MODERATOR_APPROVAL_TASK = "Moderators approval"
SERVICE_USER_REVIEW_TASK = "Service user review"
