"""The staff groups (DESIGN.md section 9). Created by a data migration so
that every database has them; permissions are added by the migrations of the
apps that own the models."""

EDITORS = "Editors"
MODERATORS = "Moderators"
INVOLVEMENT_TEAM = "Involvement team"
SERVICE_USER_REVIEWERS = "Service user reviewers"

ALL_GROUPS = (EDITORS, MODERATORS, INVOLVEMENT_TEAM, SERVICE_USER_REVIEWERS)
